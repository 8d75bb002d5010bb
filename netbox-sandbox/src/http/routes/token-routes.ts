import type { FastifyInstance } from 'fastify';
import { verifyDjangoPassword } from '../../auth/django-password.ts';
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
 * as NetBox's TokenProvisionView. Wrong credentials get NetBox's 403.
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
    const writeEnabled = body.write_enabled === true;
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
}
