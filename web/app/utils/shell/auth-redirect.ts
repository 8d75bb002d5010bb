import type { Mode } from '@netbox-chatbox/protocol';

export const SIGN_IN_PATH = '/sign-in';

/** `?reason=` of the sign-in page when NetBox stopped accepting the user's token. */
export const NETBOX_EXPIRED_REASON = 'netbox-expired';

/** Where to sign in, then come back to `returnTo` (a path of this app), with why, when there is a reason to say. */
export function signInPath(returnTo: string, reason?: string): string {
  const query = new URLSearchParams({ redirect: returnTo, ...(reason ? { reason } : {}) });
  return `${SIGN_IN_PATH}?${query.toString()}`;
}

/** What the app knows about the session when a route is entered. `unknown`: the server could not be asked. */
export type SessionState = { readonly kind: 'signed-in'; readonly mode: Mode } | { readonly kind: 'signed-out' } | { readonly kind: 'unknown' };

/**
 * Only a place on this site may be where sign-in goes back to, or the sign-in page would be an open redirect.
 * The return path is resolved as the browser will resolve it (which drops tabs and line breaks, so `/\t/evil`
 * is `//evil`, another site, and reads `\` as `/`) against the app's own origin, and must stay on it; what is
 * returned is that resolved path, never the raw text.
 */
export function safeReturnPath(raw: unknown, origin: string = globalThis.location?.origin ?? 'http://localhost'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.trim() === '') return '/';
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin || url.pathname === SIGN_IN_PATH) return '/';
  // `/.//evil.example` resolves on this origin to the path `//evil.example`, which as a link is another site.
  const path = url.pathname.replace(/^\/{2,}/, '/');
  return `${path}${url.search}${url.hash}`;
}

/**
 * Where the route guard sends a navigation: nowhere (null), to sign-in (remembering where the user wanted to go),
 * or away from the sign-in page when there is nothing to sign in to. Modes without sign-in (demo, single-user)
 * answer /api/auth/me with their local user, so they are `signed-in`.
 */
export function authRedirect(to: { readonly path: string; readonly fullPath: string; readonly query: Record<string, unknown> }, session: SessionState): string | null {
  const onSignIn = to.path === SIGN_IN_PATH;
  if (session.kind === 'signed-out') return onSignIn ? null : signInPath(to.fullPath);
  if (session.kind === 'signed-in' && onSignIn) return safeReturnPath(to.query.redirect);
  return null;
}
