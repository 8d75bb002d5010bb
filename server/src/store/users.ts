import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from './db.ts';
import { isUuid, selectOne } from './rows.ts';

export const UserRowSchema = z.object({
  id: z.string(),
  netboxUrl: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  createdAt: z.date(),
  lastSignInAt: z.date().nullable(),
});
export type UserRow = z.infer<typeof UserRowSchema>;

const COLUMNS = `id, netbox_url AS "netboxUrl", username, display_name AS "displayName", created_at AS "createdAt", last_sign_in_at AS "lastSignInAt"`;

export interface UpsertUserInput {
  /** The NetBox the user signs in to: the same username on two NetBoxes is two people. */
  readonly netboxUrl: string;
  readonly username: string;
  readonly displayName?: string | null;
  /** Records a sign-in (false for the fixed local user of demo and single-user modes). */
  readonly signIn?: boolean;
}

export function createUsersRepo(db: Queryable) {
  return {
    /** The user with this NetBox and username, created on first sight; the display name follows NetBox. */
    async upsert(input: UpsertUserInput): Promise<UserRow> {
      const row = await selectOne(
        db,
        UserRowSchema,
        `INSERT INTO users (id, netbox_url, username, display_name, last_sign_in_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END)
         ON CONFLICT (netbox_url, username) DO UPDATE SET
           display_name = COALESCE(EXCLUDED.display_name, users.display_name),
           last_sign_in_at = COALESCE(EXCLUDED.last_sign_in_at, users.last_sign_in_at)
         RETURNING ${COLUMNS}`,
        [randomUUID(), input.netboxUrl, input.username, input.displayName ?? null, input.signIn ?? false],
      );
      if (!row) throw new Error('INSERT … RETURNING gave no row');
      return row;
    },

    async get(id: string): Promise<UserRow | null> {
      if (!isUuid(id)) return null;
      return selectOne(db, UserRowSchema, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
