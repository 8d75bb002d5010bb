import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from './db.ts';
import { isUuid, selectOne } from './rows.ts';

/**
 * Sign-in sessions. The cookie carries 32 random bytes (base64url); the table keeps only their SHA-256, so a
 * leaked copy of the database opens no session. Expiry is judged by the database's clock, which every replica
 * shares.
 */
export const SessionRowSchema = z.object({
  userId: z.string(),
  credentialId: z.string().nullable(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
});
export type SessionRow = z.infer<typeof SessionRowSchema>;

const COLUMNS = `user_id AS "userId", credential_id AS "credentialId", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"`;

/** Shape of a cookie value this store hands out; anything else is not looked up at all. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreateSessionInput {
  readonly userId: string;
  /** The NetBox token this session uses; null in modes without sign-in. */
  readonly credentialId: string | null;
  readonly ttlMs: number;
}

export function createSessionsRepo(db: Queryable) {
  return {
    /** Returns the cookie value: the only time it exists outside the browser. */
    async create(input: CreateSessionInput): Promise<{ token: string; session: SessionRow }> {
      const token = randomBytes(32).toString('base64url');
      const session = await selectOne(
        db,
        SessionRowSchema,
        `INSERT INTO sessions (id_hash, user_id, credential_id, expires_at)
         VALUES ($1, $2, $3, now() + $4::double precision * interval '1 millisecond')
         RETURNING ${COLUMNS}`,
        [hashSessionToken(token), input.userId, input.credentialId, Math.round(input.ttlMs)],
      );
      if (!session) throw new Error('INSERT … RETURNING gave no row');
      return { token, session };
    },

    /** The live session for a cookie value: not revoked, not expired. */
    async find(token: string): Promise<SessionRow | null> {
      if (!TOKEN_PATTERN.test(token)) return null;
      return selectOne(
        db,
        SessionRowSchema,
        `SELECT ${COLUMNS} FROM sessions WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
        [hashSessionToken(token)],
      );
    },

    /**
     * Marks the session seen; with `extendMs`, moves its expiry to at least now + extendMs (sliding expiry).
     * Callers throttle this: one write per request would be wasteful.
     */
    async touch(token: string, extendMs?: number): Promise<SessionRow | null> {
      if (!TOKEN_PATTERN.test(token)) return null;
      return selectOne(
        db,
        SessionRowSchema,
        `UPDATE sessions SET last_seen_at = now(),
           expires_at = CASE WHEN $2::double precision IS NULL THEN expires_at ELSE GREATEST(expires_at, now() + $2::double precision * interval '1 millisecond') END
         WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING ${COLUMNS}`,
        [hashSessionToken(token), extendMs === undefined ? null : Math.round(extendMs)],
      );
    },

    /** Sign-out. Returns what the session held, so the caller can revoke its NetBox token; null if it was not live. */
    async revoke(token: string): Promise<SessionRow | null> {
      if (!TOKEN_PATTERN.test(token)) return null;
      return selectOne(
        db,
        SessionRowSchema,
        `UPDATE sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
        [hashSessionToken(token)],
      );
    },

    async revokeAllForUser(userId: string): Promise<number> {
      if (!isUuid(userId)) return 0;
      const rows = await db.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1 AS one`, [userId]);
      return rows.length;
    },

    /** Deletes sessions that expired or were revoked more than `graceMs` ago (LEAST skips a NULL revoked_at). */
    async prune(graceMs = 0): Promise<number> {
      const rows = await db.query(
        `DELETE FROM sessions WHERE LEAST(revoked_at, expires_at) < now() - $1::double precision * interval '1 millisecond' RETURNING 1 AS one`,
        [Math.round(graceMs)],
      );
      return rows.length;
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
