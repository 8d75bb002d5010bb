import type { FastifyInstance } from 'fastify';
import { authenticate, AUTH_DETAIL } from '../../auth/authenticate.ts';
import { verifyDjangoPassword } from '../../auth/django-password.ts';
import { mayAct } from '../../auth/object-permissions.ts';
import type { StoredToken } from '../../auth/token-store.ts';
import { requestOrigin } from '../request-origin.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { sendJson } from '../send-json.ts';

interface ProvisionBody {
  username?: unknown;
  password?: unknown;
  expires?: unknown;
  description?: unknown;
  write_enabled?: unknown;
}

/**
 * `POST /api/users/tokens/provision/`: username and password in, a new v2 token out (its secret shown once),
 * as NetBox's TokenProvisionView. Wrong credentials get NetBox's 403. `DELETE /api/users/tokens/{id}/`: as
 * NetBox's TokenViewSet destroys one.
 */
export function registerTokenRoutes(app: FastifyInstance, state: SandboxState): void {
  app.post<{ Body: ProvisionBody }>('/api/users/tokens/provision/', async (request, reply) => {
    const body = (request.body ?? {}) as ProvisionBody;
    const errors: Record<string, string[]> = {};
    if (typeof body.username !== 'string' || body.username === '') errors.username = ['This field is required.'];
    if (typeof body.password !== 'string' || body.password === '') errors.password = ['This field is required.'];
    if (Object.keys(errors).length > 0) return sendJson(reply, 400, errors, state.version);
    const user = state.db.rows('users_user').find((u) => u.username === body.username);
    if (!user || user.is_active === false || !verifyDjangoPassword(String(body.password), String(user.password ?? ''))) {
      return sendJson(reply, 403, { detail: 'Invalid user credentials.' }, state.version);
    }
    const created = new Date().toISOString();
    const expires = typeof body.expires === 'string' ? body.expires : null;
    const description = typeof body.description === 'string' ? body.description : '';
    // The model's default: NetBox makes write-enabled tokens unless told otherwise.
    const writeEnabled = body.write_enabled !== false;
    const { token, full } = state.tokens.provision(Number(user.id), { created, expires, description, writeEnabled });
    const origin = requestOrigin(request);
    // The secret is shown once; the header value is `Bearer nbt_<key>.<token>`.
    const plaintext = full.slice(full.indexOf('.') + 1);
    return sendJson(
      reply,
      201,
      {
        id: token.id,
        url: `${origin}/api/users/tokens/${token.id}/`,
        display_url: `${origin}/users/tokens/${token.id}/`,
        display: `nbt_${token.key}.${'*'.repeat(8)}`,
        version: 2,
        user: { id: Number(user.id), url: `${origin}/api/users/users/${String(user.id)}/`, display: String(user.username), username: String(user.username) },
        key: token.key,
        created,
        expires,
        last_used: null,
        enabled: true,
        write_enabled: writeEnabled,
        description,
        token: plaintext,
      },
      state.version,
    );
  });

  app.delete<{ Params: { id: string } }>('/api/users/tokens/:id/', async (request, reply) => {
    const auth = authenticate(request.headers.authorization, state.tokens, state.db);
    if (!auth.ok) return sendJson(reply, 403, { detail: auth.detail }, state.version);
    // TokenPermissions: an unsafe method needs a write-enabled token, then the model permission
    // (users.delete_token), then the object in the user's `restrict(user, 'delete')` queryset.
    if (!auth.token.writeEnabled) return sendJson(reply, 403, { detail: AUTH_DETAIL.forbidden }, state.version);
    const ctx = state.contextFor(requestOrigin(request));
    const id = /^\d+$/.test(request.params.id) ? Number(request.params.id) : undefined;
    const target = id === undefined ? undefined : state.tokens.findById(id);
    const verdict = mayAct(ctx, auth.user, 'delete', ctx.model('users.token'), target && tokenRow(target));
    if (verdict === 'none') return sendJson(reply, 403, { detail: AUTH_DETAIL.forbidden }, state.version);
    if (verdict === 'other' || !target) return sendJson(reply, 404, { detail: 'No Token matches the given query.' }, state.version);
    // Tokens of a loaded data set stay in its table (the sandbox's data is read-only) but authenticate nothing.
    state.tokens.remove(target);
    return reply.code(204).header('api-version', state.version.split('.').slice(0, 2).join('.')).header('vary', 'Accept, Cookie, Origin').send();
  });
}

/** A stored token as the `users_token` row that permission constraints are matched against. */
function tokenRow(token: StoredToken): Record<string, unknown> {
  return { id: token.id, user_id: token.userId, version: token.version, key: token.key, description: token.description, write_enabled: token.writeEnabled, expires: token.expires };
}
