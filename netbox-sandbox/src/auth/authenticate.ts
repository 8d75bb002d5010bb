import type { Row } from '../db/dataset.ts';
import type { Database } from '../db/database.ts';
import type { StoredToken, TokenStore } from './token-store.ts';
import { V2_PREFIX } from './token-format.ts';

export type AuthResult = { ok: true; user: Row; token: StoredToken } | { ok: false; detail: string };

/** NetBox's 403 bodies, word for word. */
export const AUTH_DETAIL = {
  missing: 'Authentication credentials were not provided.',
  malformed: 'Invalid authorization header: Must be in the form "Bearer <key>.<token>" or "Token <token>"',
  noKey: "Invalid authorization header: Could not parse key from v2 token. Did you mean to use 'Token' instead of 'Bearer'?",
  invalidV1: 'Invalid v1 token',
  invalidV2: 'Invalid v2 token',
  expired: 'Token expired',
  inactive: 'User inactive',
  forbidden: 'You do not have permission to perform this action.',
} as const;

/**
 * NetBox's TokenAuthentication: `Token <v1>` or `Bearer nbt_<key>.<token>` (a Bearer value without the
 * prefix is read as v1). Headers of another scheme are ignored, which leaves the request anonymous.
 */
export function authenticate(header: string | undefined, tokens: TokenStore, db: Database, now = Date.now()): AuthResult {
  const parts = (header ?? '').trim().split(/\s+/).filter(Boolean);
  const scheme = parts[0]?.toLowerCase();
  if (scheme !== 'token' && scheme !== 'bearer') return { ok: false, detail: AUTH_DETAIL.missing };
  if (parts.length !== 2) return { ok: false, detail: AUTH_DETAIL.malformed };
  const value = parts[1] as string;
  let token;
  if (value.startsWith(V2_PREFIX)) {
    const body = value.slice(V2_PREFIX.length);
    const dot = body.indexOf('.');
    if (dot < 0) return { ok: false, detail: AUTH_DETAIL.noKey };
    token = tokens.findV2(body.slice(0, dot), body.slice(dot + 1));
    if (!token) return { ok: false, detail: AUTH_DETAIL.invalidV2 };
  } else {
    token = tokens.findV1(value);
    if (!token) return { ok: false, detail: AUTH_DETAIL.invalidV1 };
  }
  if (token.expires && Date.parse(token.expires) < now) return { ok: false, detail: AUTH_DETAIL.expired };
  const user = db.get('users_user', token.userId);
  if (!user || user.is_active === false) return { ok: false, detail: AUTH_DETAIL.inactive };
  return { ok: true, user, token };
}
