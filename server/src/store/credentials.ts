import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from './db.ts';
import { isUuid, selectOne, selectRows } from './rows.ts';
import type { TokenCipher } from './token-cipher.ts';

export const TOKEN_KINDS = ['v1', 'v2'] as const;
export const TokenKindSchema = z.enum(TOKEN_KINDS);
export type TokenKind = z.infer<typeof TokenKindSchema>;

const CredentialRowSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: TokenKindSchema,
  ciphertext: z.string(),
  provisionedTokenId: z.number().int().nullable(),
  createdAt: z.date(),
});

/** A NetBox token, decrypted. Never log it: the token is a password. */
export interface Credential {
  readonly id: string;
  readonly userId: string;
  readonly kind: TokenKind;
  readonly token: string;
  /** NetBox's id for a token this server provisioned, so sign-out can delete it; null for a token the user gave. */
  readonly provisionedTokenId: number | null;
  readonly createdAt: Date;
}

export interface SaveCredentialInput {
  readonly userId: string;
  readonly token: string;
  readonly kind: TokenKind;
  readonly provisionedTokenId?: number | null;
}

const COLUMNS = `id, user_id AS "userId", token_kind AS kind, token_ciphertext AS ciphertext, provisioned_token_id AS "provisionedTokenId", created_at AS "createdAt"`;

/** NetBox tokens, one per sign-in, encrypted at rest (token-cipher.ts) and bound to their row's id. */
export function createCredentialsRepo(db: Queryable, cipher: TokenCipher) {
  return {
    async save(input: SaveCredentialInput): Promise<{ id: string }> {
      const id = randomUUID();
      await db.query(
        `INSERT INTO netbox_credentials (id, user_id, token_kind, token_ciphertext, provisioned_token_id) VALUES ($1, $2, $3, $4, $5)`,
        [id, input.userId, input.kind, cipher.encrypt(input.token, id), input.provisionedTokenId ?? null],
      );
      return { id };
    },

    /** Throws TOKEN_UNREADABLE when the row cannot be decrypted (SESSION_SECRET changed, or the row was altered). */
    async get(userId: string, credentialId: string): Promise<Credential | null> {
      if (!isUuid(userId) || !isUuid(credentialId)) return null;
      const row = await selectOne(db, CredentialRowSchema, `SELECT ${COLUMNS} FROM netbox_credentials WHERE id = $1 AND user_id = $2`, [credentialId, userId]);
      if (!row) return null;
      const { ciphertext, ...rest } = row;
      return { ...rest, token: cipher.decrypt(ciphertext, row.id) };
    },

    /** Also ends every session that used it. */
    async delete(userId: string, credentialId: string): Promise<boolean> {
      if (!isUuid(userId) || !isUuid(credentialId)) return false;
      const rows = await db.query(`DELETE FROM netbox_credentials WHERE id = $1 AND user_id = $2 RETURNING id`, [credentialId, userId]);
      return rows.length > 0;
    },

    /**
     * Deletes a credential (and the sessions that used it) and returns it: whoever takes it, among requests and
     * server processes, is the one that revokes its NetBox token. Null when it was gone already.
     */
    async take(userId: string, credentialId: string): Promise<TakenCredential | null> {
      if (!isUuid(userId) || !isUuid(credentialId)) return null;
      const rows = await selectRows(db, CredentialRowSchema, `DELETE FROM netbox_credentials WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`, [credentialId, userId]);
      return rows[0] ? taken(rows[0]) : null;
    },

    /**
     * Takes up to `limit` credentials no live session uses any more: their sessions expired or were revoked, or
     * (a sign-in that failed between saving the token and starting the session) they never had one for
     * `orphanGraceMs`.
     */
    async takeEnded(limit: number, orphanGraceMs: number): Promise<TakenCredential[]> {
      const rows = await selectRows(
        db,
        CredentialRowSchema,
        `DELETE FROM netbox_credentials WHERE id IN (
           SELECT c.id FROM netbox_credentials c
           WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.credential_id = c.id AND s.revoked_at IS NULL AND s.expires_at > now())
             AND (EXISTS (SELECT 1 FROM sessions s WHERE s.credential_id = c.id)
                  OR c.created_at < now() - $2::double precision * interval '1 millisecond')
           ORDER BY c.created_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [limit, Math.round(orphanGraceMs)],
      );
      return rows.map(taken);
    },
  };

  /** The token is null when it cannot be decrypted (SESSION_SECRET changed): it can be dropped, not revoked. */
  function taken(row: z.infer<typeof CredentialRowSchema>): TakenCredential {
    const { ciphertext, ...rest } = row;
    let token: string | null;
    try {
      token = cipher.decrypt(ciphertext, row.id);
    } catch {
      token = null;
    }
    return { ...rest, token };
  }
}

/** A credential removed from the store, for its NetBox token to be revoked. */
export interface TakenCredential extends Omit<Credential, 'token'> {
  readonly token: string | null;
}
export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;
