import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/** The sign-in cookie. Its value is the session's random token; the store keeps only its hash. */
export const SESSION_COOKIE = 'nbc_session';

/** How often a session's last use is recorded: not on every request. */
export const SESSION_TOUCH_EVERY_MS = 5 * 60 * 1000;

/**
 * httpOnly: page scripts never see it. SameSite=Lax: not sent with cross-site subrequests or form posts, yet a
 * link into the chat from another site still arrives signed in (Strict would show the sign-in page). Secure
 * whenever the request came over https, to us or (TRUST_PROXY) to the proxy in front, and always when
 * PUBLIC_URL is https: then no browser should ever send it in clear. It lives as long as the sign-in.
 */
export function sessionCookieOptions(request: FastifyRequest, settings: { publicUrl?: string | undefined; ttlMs: number }): CookieSerializeOptions {
  const secure = request.protocol === 'https' || settings.publicUrl?.startsWith('https:') === true;
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: Math.floor(settings.ttlMs / 1000) };
}
