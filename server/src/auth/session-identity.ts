import type { Logger } from 'pino';
import { hashSessionToken, isStoreError, type Store } from '../store/index.ts';
import type { Identity, IdentityResolver } from './identity.ts';
import { SESSION_COOKIE, SESSION_TOUCH_EVERY_MS } from './session-cookie.ts';

/**
 * Multi-user mode: the identity comes from the session cookie, and the NetBox token from the credential that
 * session was signed in with (decrypted only here, per request).
 */
export function createSessionIdentity(store: Store, netboxUrl: string, logger: Logger): IdentityResolver {
  const credentials = store.credentials;
  if (!credentials) throw new Error('multi-user mode needs SESSION_SECRET for the credentials store');
  // The cookie value behind each identity, kept out of the identity object so it cannot be logged with it.
  const cookieOf = new WeakMap<Identity, string>();

  async function fromToken(token: string): Promise<Identity | null> {
    const session = await store.sessions.find(token);
    if (!session || session.credentialId === null) return null;
    let credential;
    try {
      credential = await credentials!.get(session.userId, session.credentialId);
    } catch (error) {
      if (!isStoreError(error, 'TOKEN_UNREADABLE')) throw error;
      logger.warn({ userId: session.userId }, 'stored NetBox token cannot be decrypted; the user must sign in again');
      return null;
    }
    const user = await store.users.get(session.userId);
    if (!credential || !user) return null;
    // Seen, not extended: a sign-in ends when its NetBox token (provisioned to expire with it) and its cookie do.
    if (Date.now() - session.lastSeenAt.getTime() > SESSION_TOUCH_EVERY_MS) await store.sessions.touch(token);
    const identity: Identity = {
      user: { id: user.id, username: user.username, ...(user.displayName ? { displayName: user.displayName } : {}) },
      userId: user.id,
      netbox: { url: netboxUrl, token: credential.token },
      sessionKey: hashSessionToken(token),
    };
    cookieOf.set(identity, token);
    return identity;
  }

  return {
    async fromRequest(request) {
      const token = request.cookies[SESSION_COOKIE];
      return token ? fromToken(token) : null;
    },
    async stillValid(identity) {
      const token = cookieOf.get(identity);
      return token !== undefined && (await store.sessions.find(token)) !== null;
    },
    async endSignIn(identity) {
      const token = cookieOf.get(identity);
      const session = token === undefined ? null : await store.sessions.revoke(token);
      if (!session) return false;
      if (session.credentialId !== null) await credentials!.take(session.userId, session.credentialId);
      return true;
    },
  };
}
