import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { stripNul, type Db } from './db.ts';
import { isUuid, selectOne, selectRows } from './rows.ts';
import { StoreError } from './store-error.ts';

/** Every function takes the owner's id and matches on it: no function reaches another user's conversation. */
export const ConversationRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The Agent SDK session that holds the model's context, to `resume`. */
  sdkSessionId: z.string().nullable(),
  /** The newest seq of the conversation's event log (0: none yet). */
  lastSeq: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ConversationRow = z.infer<typeof ConversationRowSchema>;

const ListedRowSchema = ConversationRowSchema.extend({
  messageCount: z.number().int().nonnegative(),
  /** updated_at in whole microseconds, for an exact keyset cursor (a JS Date holds only milliseconds). */
  updatedUs: z.number().int(),
});
export type ConversationListRow = Omit<z.infer<typeof ListedRowSchema>, 'updatedUs'>;

const COLUMNS = `c.id, c.title, c.sdk_session_id AS "sdkSessionId", c.last_seq AS "lastSeq", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const CURSOR = /^(\d{1,17})\.([0-9a-f-]{36})$/;

export interface ListConversationsOptions {
  /** 1 to 200; default 50. */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | null;
}

export function createConversationsRepo(db: Db) {
  return {
    async create(userId: string, input: { title: string; id?: string }): Promise<ConversationRow> {
      const id = input.id ?? randomUUID();
      if (!isUuid(id) || !isUuid(userId)) throw new StoreError('NOT_FOUND', 'Conversations are created for a known user with a UUID id.');
      const row = await selectOne(
        db,
        ConversationRowSchema,
        `INSERT INTO conversations AS c (id, user_id, title) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
        [id, userId, stripNul(input.title)],
      );
      if (!row) throw new Error('INSERT … RETURNING gave no row');
      return row;
    },

    /** Newest activity first, a page at a time. Throws BAD_CURSOR for a cursor this store did not hand out. */
    async list(userId: string, options: ListConversationsOptions = {}): Promise<{ conversations: ConversationListRow[]; nextCursor: string | null }> {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
      if (!isUuid(userId)) return { conversations: [], nextCursor: null };
      let after: [number, string] | null = null;
      if (options.cursor) {
        const match = CURSOR.exec(options.cursor);
        if (!match) throw new StoreError('BAD_CURSOR', 'That page cursor is not valid; start again from the first page.');
        after = [Number(match[1]), match[2]!];
      }
      const rows = await selectRows(
        db,
        ListedRowSchema,
        `SELECT ${COLUMNS},
           (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS "messageCount",
           (extract(epoch FROM c.updated_at) * 1000000)::bigint AS "updatedUs"
         FROM conversations c
         WHERE c.user_id = $1
           AND ($3::bigint IS NULL OR (c.updated_at, c.id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid))
         ORDER BY c.updated_at DESC, c.id DESC
         LIMIT $2`,
        [userId, limit + 1, after?.[0] ?? null, after?.[1] ?? null],
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        conversations: page.map(({ updatedUs: _updatedUs, ...row }) => row),
        nextCursor: rows.length > limit && last ? `${last.updatedUs}.${last.id}` : null,
      };
    },

    async get(userId: string, id: string): Promise<ConversationRow | null> {
      if (!isUuid(userId) || !isUuid(id)) return null;
      return selectOne(db, ConversationRowSchema, `SELECT ${COLUMNS} FROM conversations c WHERE c.id = $1 AND c.user_id = $2`, [id, userId]);
    },

    /** Renaming does not move the conversation up the list. */
    async rename(userId: string, id: string, title: string): Promise<ConversationRow | null> {
      if (!isUuid(userId) || !isUuid(id)) return null;
      return selectOne(
        db,
        ConversationRowSchema,
        `UPDATE conversations AS c SET title = $3 WHERE c.id = $1 AND c.user_id = $2 RETURNING ${COLUMNS}`,
        [id, userId, stripNul(title)],
      );
    },

    /** Marks new activity: the conversation moves to the top of the list. */
    async touch(userId: string, id: string): Promise<ConversationRow | null> {
      if (!isUuid(userId) || !isUuid(id)) return null;
      return selectOne(
        db,
        ConversationRowSchema,
        `UPDATE conversations AS c SET updated_at = GREATEST(now(), c.updated_at) WHERE c.id = $1 AND c.user_id = $2 RETURNING ${COLUMNS}`,
        [id, userId],
      );
    },

    /**
     * The SDK session that now holds the conversation's context (what the next process resumes), remembered
     * among all the sessions it ever had so that deleting the conversation deletes every transcript.
     */
    async setSdkSessionId(userId: string, id: string, sdkSessionId: string): Promise<ConversationRow | null> {
      if (!isUuid(userId) || !isUuid(id)) return null;
      return selectOne(
        db,
        ConversationRowSchema,
        `WITH updated AS (
           UPDATE conversations AS c SET sdk_session_id = $3 WHERE c.id = $1 AND c.user_id = $2 RETURNING ${COLUMNS}
         ), remembered AS (
           INSERT INTO conversation_sdk_sessions (conversation_id, session_id) SELECT id, $3 FROM updated ON CONFLICT DO NOTHING
         )
         SELECT * FROM updated`,
        [id, userId, sdkSessionId],
      );
    },

    /** Of these SDK session ids, the ones some conversation still holds. */
    async knownSdkSessions(sessionIds: readonly string[]): Promise<Set<string>> {
      if (sessionIds.length === 0) return new Set();
      const rows = await selectRows(
        db,
        z.object({ sessionId: z.string() }),
        `SELECT DISTINCT s.session_id AS "sessionId" FROM conversation_sdk_sessions s
         WHERE s.session_id IN (SELECT value FROM json_array_elements_text($1::json))`,
        [JSON.stringify(sessionIds)],
      );
      return new Set(rows.map((row) => row.sessionId));
    },

    /**
     * Deletes the conversation for good: its messages, events and lease (by cascade) and the SDK transcripts
     * of every session that held the model's copy of it. Returns those sessions' ids (for the CLI's own
     * transcript files), or null when there was no such conversation of this user.
     */
    async delete(userId: string, id: string): Promise<string[] | null> {
      if (!isUuid(userId) || !isUuid(id)) return null;
      return db.transaction(async (tx) => {
        const sessions = await selectRows(
          tx,
          z.object({ sessionId: z.string() }),
          `SELECT s.session_id AS "sessionId" FROM conversation_sdk_sessions s JOIN conversations c ON c.id = s.conversation_id
           WHERE c.id = $1 AND c.user_id = $2
           UNION
           SELECT sdk_session_id FROM conversations WHERE id = $1 AND user_id = $2 AND sdk_session_id IS NOT NULL`,
          [id, userId],
        );
        const deleted = await tx.query('DELETE FROM conversations WHERE id = $1 AND user_id = $2 RETURNING 1 AS one', [id, userId]);
        if (deleted.length === 0) return null;
        const ids = sessions.map((row) => row.sessionId);
        if (ids.length > 0) {
          const list = JSON.stringify(ids);
          await tx.query('DELETE FROM sdk_transcripts WHERE session_id IN (SELECT value FROM json_array_elements_text($1::json))', [list]);
          await tx.query('DELETE FROM sdk_sessions WHERE session_id IN (SELECT value FROM json_array_elements_text($1::json))', [list]);
        }
        return ids;
      });
    },
  };
}
export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
