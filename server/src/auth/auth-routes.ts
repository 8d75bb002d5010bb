import { HttpErrorSchema, ModeSchema, SignInBodySchema, SignInResponseSchema, type Mode, type SignInResponse } from '@netbox-chatbox/protocol';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ChatError } from '../chat/chat-error.ts';
import { openapiSchema } from '../http/openapi.ts';
import { parseWith } from '../http/parse-body.ts';
import type { IdentityGuard } from '../http/require-identity.ts';
import { hashSessionToken, type Store } from '../store/index.ts';
import { provisionedTokenExpiry, revokeProvisionedToken } from './credential-retirement.ts';
import type { NetboxAuth } from './netbox-auth.ts';
import { normalizeToken } from './netbox-auth.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.ts';
import { SIGN_IN_PER_MINUTE, signInLimits } from './sign-in-limits.ts';

export interface AuthRoutesDeps {
  readonly mode: Mode;
  readonly store: Store;
  readonly guard: IdentityGuard;
  /** Multi-user mode only. */
  readonly netboxAuth?: NetboxAuth;
  /** The NetBox users sign in to: part of a user's identity in the store. */
  readonly netboxUrl: string;
  /** Ends what a session had open: its sockets and its warm CLI. */
  readonly onSignOut?: (session: { sessionKey: string; userId: string; token: string | null }) => void;
  readonly logger: Logger;
  /** How long a sign-in lasts: its session, its cookie and the NetBox token provisioned for it. */
  readonly signInTtlMs: number;
  /** PUBLIC_URL: when https, the cookie is always Secure. */
  readonly publicUrl?: string;
  /** Sign-in attempts per minute per client address, and per username. Default 10. */
  readonly signInPerMinute?: number;
}

const MeSchema = SignInResponseSchema.extend({ mode: ModeSchema });

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRoutesDeps): void {
  const error = openapiSchema(HttpErrorSchema);
  const limits = signInLimits(app, deps.signInPerMinute ?? SIGN_IN_PER_MINUTE);
  const cookieSettings = { publicUrl: deps.publicUrl, ttlMs: deps.signInTtlMs };

  app.post(
    '/api/auth/sign-in',
    {
      config: { rateLimit: limits.perAddress },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a NetBox username and password (a NetBox token is provisioned) or a NetBox API token',
        body: openapiSchema(SignInBodySchema),
        response: { 200: openapiSchema(SignInResponseSchema), 400: error, 401: error, 429: error, 502: error },
      },
    },
    async (request, reply): Promise<SignInResponse> => {
      const { store, netboxAuth } = deps;
      if (deps.mode !== 'multi-user' || !netboxAuth || !store.credentials) {
        throw new ChatError('BAD_FRAME', `This server runs in ${deps.mode} mode, which has no sign-in: open the chat directly.`);
      }
      const body = parseWith(SignInBodySchema, request.body);
      await limits.checkUsername(request, reply);
      let token: string;
      let kind: 'v1' | 'v2';
      let provisionedTokenId: number | null = null;
      let who: { username: string; displayName?: string };
      if ('token' in body) {
        const normalized = normalizeToken(body.token);
        if (!normalized) throw new ChatError('BAD_FRAME', 'That is not a NetBox API token: expected 40 characters (v1) or nbt_<key>.<token> (v2).');
        ({ token, kind } = normalized);
        who = await netboxAuth.whoAmI(token);
      } else {
        const provisioned = await netboxAuth.provision(body.username, body.password, provisionedTokenExpiry(deps.signInTtlMs));
        ({ token, kind } = provisioned);
        provisionedTokenId = provisioned.id;
        who = provisioned.user;
      }
      const user = await store.users.upsert({ netboxUrl: deps.netboxUrl, username: who.username, displayName: who.displayName ?? null, signIn: true });
      const credential = await store.credentials.save({ userId: user.id, token, kind, provisionedTokenId });
      const session = await store.sessions.create({ userId: user.id, credentialId: credential.id, ttlMs: deps.signInTtlMs });
      reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(request, cookieSettings));
      deps.logger.info({ userId: user.id, username: user.username, via: 'token' in body ? 'token' : 'password' }, 'signed in');
      return { user: { id: user.id, username: user.username, ...(user.displayName ? { displayName: user.displayName } : {}) } };
    },
  );

  app.post(
    '/api/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End this session; a NetBox token provisioned at sign-in is deleted', response: { 204: { type: 'null' } } } },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      const { maxAge: _keptFor, ...cookieOptions } = sessionCookieOptions(request, cookieSettings);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      if (!cookie) return reply.code(204).send();
      const session = await deps.store.sessions.revoke(cookie);
      if (session) {
        // Taken, not read: a sign-in that just ended may also be picked up by the reaper, and only one revokes.
        const credential = session.credentialId && deps.store.credentials ? await deps.store.credentials.take(session.userId, session.credentialId) : null;
        deps.onSignOut?.({ sessionKey: hashSessionToken(cookie), userId: session.userId, token: credential?.token ?? null });
        deps.logger.info({ userId: session.userId }, 'signed out');
        if (credential && deps.netboxAuth) await revokeProvisionedToken({ store: deps.store, netboxAuth: deps.netboxAuth, logger: deps.logger }, credential, 'signed out');
      }
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      preHandler: deps.guard.preHandler,
      schema: { tags: ['auth'], summary: 'Who is signed in, and the server’s mode', security: [{ session: [] }], response: { 200: openapiSchema(MeSchema), 401: error } },
    },
    async (request) => ({ user: deps.guard.identity(request).user, mode: deps.mode }),
  );
}
