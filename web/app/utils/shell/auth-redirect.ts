import type { Mode } from '@netbox-chatbox/protocol';

export const SIGN_IN_PATH = '/sign-in';

/** What the app knows about the session when a route is entered. `unknown`: the server could not be asked. */
export type SessionState = { readonly kind: 'signed-in'; readonly mode: Mode } | { readonly kind: 'signed-out' } | { readonly kind: 'unknown' };

/**
 * Only a path on this site may be a place to go back to after sign-in: never `//evil.example` or a full URL,
 * which would make the sign-in page an open redirect.
 */
export function safeReturnPath(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === SIGN_IN_PATH || value.startsWith(`${SIGN_IN_PATH}?`)) return '/';
  return value;
}

/**
 * Where the route guard sends a navigation: nowhere (null), to sign-in (remembering where the user wanted to go),
 * or away from the sign-in page when there is nothing to sign in to. Modes without sign-in (demo, single-user)
 * answer /api/auth/me with their local user, so they are `signed-in`.
 */
export function authRedirect(to: { readonly path: string; readonly fullPath: string; readonly query: Record<string, unknown> }, session: SessionState): string | null {
  const onSignIn = to.path === SIGN_IN_PATH;
  if (session.kind === 'signed-out') return onSignIn ? null : `${SIGN_IN_PATH}?redirect=${encodeURIComponent(to.fullPath)}`;
  if (session.kind === 'signed-in' && onSignIn) return safeReturnPath(to.query.redirect);
  return null;
}
