import type { SessionUser } from '@netbox-chatbox/protocol';
import type { FastifyRequest } from 'fastify';

/** Who is asking, and with which NetBox token their questions are answered. Holds a secret: never log it whole. */
export interface Identity {
  readonly user: SessionUser;
  /** The store's user id (a UUID); the same as user.id. */
  readonly userId: string;
  readonly netbox: { readonly url: string; readonly token: string };
  /** Multi-user mode: the sign-in session's key (a hash of the cookie), so sign-out can end its sockets. */
  readonly sessionKey?: string;
}

/** Finds the identity of a request: the fixed local user, or the signed-in user of the session cookie. */
export interface IdentityResolver {
  /** Null when nobody is signed in (only in multi-user mode). */
  fromRequest(request: FastifyRequest): Promise<Identity | null>;
  /** Whether the session behind an identity is still live (sign-out, expiry); always true without sign-in. */
  stillValid(identity: Identity): Promise<boolean>;
  /**
   * Ends the sign-in behind an identity whose NetBox token stopped working: its session, and its stored
   * credential. False when there was none to end (no sign-in, or it ended already).
   */
  endSignIn(identity: Identity): Promise<boolean>;
}

export function identityLabel(identity: Identity): Record<string, string> {
  return { userId: identity.userId, username: identity.user.username };
}
