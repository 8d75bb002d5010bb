import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/** The sign-in cookie. Its value is the session's random token; the store keeps only its hash. */
export const SESSION_COOKIE = 'nbc_session';

/** A session lasts this long after its last use (sliding). */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** How often a session's expiry is pushed forward: not on every request. */
export const SESSION_TOUCH_EVERY_MS = 5 * 60 * 1000;

/**
 * httpOnly: page scripts never see it. SameSite=Lax: not sent with cross-site subrequests or form posts, yet a
 * link into the chat from another site still arrives signed in (Strict would show the sign-in page). Secure
 * whenever the request came over https.
 */
export function sessionCookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000) };
}
