import { randomUUID } from 'node:crypto';
import {
  ErrorCodeSchema,
  MessageStatusSchema,
  ToolCallSchema,
  UsageSchema,
  type ChatMessage,
  type ErrorCode,
  type MessageStatus,
  type ToolCall,
  type Usage,
} from '@netbox-chatbox/protocol';
import { z } from 'zod';
import { json, stripNul, type Queryable } from './db.ts';
import { isUuid, selectOne, selectRows } from './rows.ts';
import { StoreError } from './store-error.ts';

/**
 * The messages as the UI shows them: per turn, the user's question and one assistant message that holds the
 * answer's text and its tool calls, rewritten (upserted) as the answer streams and when it ends. Every function
 * checks the conversation's owner in the same statement.
 */
export const MessageRowSchema = z.object({
  id: z.string(),
  turnId: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  toolCalls: z.array(ToolCallSchema),
  usage: UsageSchema.nullable(),
  costUsd: z.number().nullable(),
  durationMs: z.number().nullable(),
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).nullable(),
  status: MessageStatusSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type MessageRow = z.infer<typeof MessageRowSchema>;

const COLUMNS = `m.id, m.turn_id AS "turnId", m.role, m.content, m.tool_calls AS "toolCalls", m.usage, m.cost_usd AS "costUsd",
  m.duration_ms AS "durationMs", m.error, m.status, m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

export interface ConversationScope {
  readonly userId: string;
  readonly conversationId: string;
}

export interface AssistantMessageInput extends ConversationScope {
  readonly turnId: string;
  readonly content: string;
  readonly toolCalls: readonly ToolCall[];
  readonly status: MessageStatus;
  readonly usage?: Usage | null;
  readonly costUsd?: number | null;
  readonly durationMs?: number | null;
  readonly error?: { code: ErrorCode; message: string } | null;
}

function checkScope(scope: ConversationScope): void {
  if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) throw notFound();
}

function notFound(): StoreError {
  return new StoreError('NOT_FOUND', 'That conversation does not exist or is not yours.');
}

export function createMessagesRepo(db: Queryable) {
  return {
    /** Throws NOT_FOUND when the conversation is gone or not the user's. */
    async addUserMessage(input: ConversationScope & { turnId: string; content: string }): Promise<MessageRow> {
      checkScope(input);
      const row = await selectOne(
        db,
        MessageRowSchema,
        `INSERT INTO messages AS m (id, conversation_id, turn_id, role, content, status)
         SELECT $3, c.id, $4, 'user', $5, 'complete' FROM conversations c WHERE c.id = $1 AND c.user_id = $2
         RETURNING ${COLUMNS}`,
        [input.conversationId, input.userId, randomUUID(), input.turnId, stripNul(input.content)],
      );
      if (!row) throw notFound();
      return row;
    },

    /**
     * Creates or rewrites the assistant message of a turn; its id stays the same across rewrites. Throws
     * NOT_FOUND when the conversation is gone or not the user's.
     */
    async upsertAssistantMessage(input: AssistantMessageInput): Promise<MessageRow> {
      checkScope(input);
      const row = await selectOne(
        db,
        MessageRowSchema,
        `INSERT INTO messages AS m (id, conversation_id, turn_id, role, content, tool_calls, usage, cost_usd, duration_ms, error, status)
         SELECT $3, c.id, $4, 'assistant', $5, $6::jsonb, $7::jsonb, $8, $9, $10::jsonb, $11 FROM conversations c WHERE c.id = $1 AND c.user_id = $2
         ON CONFLICT (conversation_id, turn_id, role) DO UPDATE SET
           content = EXCLUDED.content, tool_calls = EXCLUDED.tool_calls, usage = EXCLUDED.usage, cost_usd = EXCLUDED.cost_usd,
           duration_ms = EXCLUDED.duration_ms, error = EXCLUDED.error, status = EXCLUDED.status, updated_at = now()
         RETURNING ${COLUMNS}`,
        [
          input.conversationId,
          input.userId,
          randomUUID(),
          input.turnId,
          stripNul(input.content),
          json(input.toolCalls, { forJsonb: true }),
          input.usage ? json(input.usage, { forJsonb: true }) : null,
          input.costUsd ?? null,
          input.durationMs ?? null,
          input.error ? json(input.error, { forJsonb: true }) : null,
          input.status,
        ],
      );
      if (!row) throw notFound();
      return row;
    },

    /** In the order they were written; null when the conversation is not the user's. */
    async list(scope: ConversationScope): Promise<MessageRow[] | null> {
      if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) return null;
      const owned = await db.query('SELECT 1 AS one FROM conversations WHERE id = $1 AND user_id = $2', [scope.conversationId, scope.userId]);
      if (owned.length === 0) return null;
      return selectRows(
        db,
        MessageRowSchema,
        `SELECT ${COLUMNS} FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.conversation_id = $1 AND c.user_id = $2 ORDER BY m.ord`,
        [scope.conversationId, scope.userId],
      );
    },

    /**
     * Marks answers left `running` by a server that stopped mid-turn as `error`: at start-up, for turns no
     * process is writing any more. Only rows not written for `staleMs` are touched, so another replica's live
     * turn is left alone. Each such turn also gets its closing events in the event log, as a failed turn has
     * them (the `completed` text, then the error), so a client replaying the conversation sees the turn end.
     * One statement: the answer is never marked failed without its closing events, and the conversation's row
     * lock orders the new seqs after anything another replica appends.
     */
    async failAbandoned(staleMs: number, error: { code: ErrorCode; message: string; retryable: boolean }): Promise<number> {
      const rows = await db.query<{ abandoned: number }>(
        `WITH abandoned AS (
           UPDATE messages SET status = 'error', error = $2::jsonb, updated_at = now()
           WHERE role = 'assistant' AND status = 'running' AND updated_at < now() - $1::double precision * interval '1 millisecond'
           RETURNING conversation_id, turn_id, ord
         ), ranked AS (
           SELECT conversation_id, turn_id,
                  row_number() OVER (PARTITION BY conversation_id ORDER BY ord) AS k,
                  count(*) OVER (PARTITION BY conversation_id) AS n
           FROM abandoned
         ), bumped AS (
           UPDATE conversations c SET last_seq = c.last_seq + 2 * r.n
           FROM (SELECT DISTINCT conversation_id, n FROM ranked) r WHERE c.id = r.conversation_id
           RETURNING c.id, c.last_seq
         ), closing AS (
           INSERT INTO chat_events (conversation_id, seq, turn_id, event)
           SELECT r.conversation_id, b.last_seq - 2 * r.n + 2 * r.k - 1 + e.i, r.turn_id,
                  CASE e.i
                    WHEN 0 THEN json_build_object('type', 'text', 'conversationId', r.conversation_id::text, 'turnId', r.turn_id, 'content', '', 'completed', true)
                    ELSE json_build_object('type', 'error', 'conversationId', r.conversation_id::text, 'turnId', r.turn_id, 'code', $3::text, 'message', $4::text, 'retryable', $5::boolean)
                  END
           FROM ranked r JOIN bumped b ON b.id = r.conversation_id CROSS JOIN (VALUES (0), (1)) AS e (i)
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM abandoned)::int AS abandoned`,
        [staleMs, json({ code: error.code, message: error.message }, { forJsonb: true }), error.code, error.message, error.retryable],
      );
      return rows[0]?.abandoned ?? 0;
    },
  };
}
export type MessagesRepo = ReturnType<typeof createMessagesRepo>;

/** The wire form (protocol's ChatMessage) of a stored message. */
export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    toolCalls: row.toolCalls,
    createdAt: row.createdAt.toISOString(),
    usage: row.usage,
    status: row.status,
    turnId: row.turnId,
    ...(row.costUsd === null ? {} : { costUsd: row.costUsd }),
    ...(row.durationMs === null ? {} : { durationMs: row.durationMs }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}
