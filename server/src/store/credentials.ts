import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from './db.ts';
import { isUuid, selectOne } from './rows.ts';
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
  };
}
export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;
