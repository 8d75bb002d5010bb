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
import type { ConversationScope, TurnFence } from './scope.ts';
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
  /** Cut off by a crash or an outage, not ended by the model or the user. */
  interrupted: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type MessageRow = z.infer<typeof MessageRowSchema>;

const COLUMNS = `m.id, m.turn_id AS "turnId", m.role, m.content, m.tool_calls AS "toolCalls", m.usage, m.cost_usd AS "costUsd",
  m.duration_ms AS "durationMs", m.error, m.status, m.interrupted, m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;


export interface AssistantMessageInput extends ConversationScope {
  readonly turnId: string;
  readonly content: string;
  readonly toolCalls: readonly ToolCall[];
  readonly status: MessageStatus;
  readonly usage?: Usage | null;
  readonly costUsd?: number | null;
  readonly durationMs?: number | null;
  readonly error?: { code: ErrorCode; message: string } | null;
  readonly interrupted?: boolean;
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
     * Creates or rewrites the assistant message of a turn; its id stays the same across rewrites. With a fence,
     * only while that turn's lease is held (a process that lost its turn must not overwrite how another closed
     * it). Throws NOT_FOUND when the conversation is gone or not the user's, LEASE_LOST without the lease.
     */
    async upsertAssistantMessage(input: AssistantMessageInput, fence?: TurnFence): Promise<MessageRow> {
      checkScope(input);
      const row = await selectOne(
        db,
        MessageRowSchema,
        `INSERT INTO messages AS m (id, conversation_id, turn_id, role, content, tool_calls, usage, cost_usd, duration_ms, error, status, interrupted)
         SELECT $3, c.id, $4, 'assistant', $5, $6::jsonb, $7::jsonb, $8, $9, $10::jsonb, $11, $12 FROM conversations c
         WHERE c.id = $1 AND c.user_id = $2
           AND ($13::text IS NULL OR EXISTS (SELECT 1 FROM turn_leases l WHERE l.conversation_id = c.id AND l.turn_id = $4 AND l.holder = $13))
         ON CONFLICT (conversation_id, turn_id, role) DO UPDATE SET
           content = EXCLUDED.content, tool_calls = EXCLUDED.tool_calls, usage = EXCLUDED.usage, cost_usd = EXCLUDED.cost_usd,
           duration_ms = EXCLUDED.duration_ms, error = EXCLUDED.error, status = EXCLUDED.status, interrupted = EXCLUDED.interrupted, updated_at = now()
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
          input.interrupted ?? false,
          fence?.holder ?? null,
        ],
      );
      if (row) return row;
      if (!fence) throw notFound();
      const found = await db.query('SELECT 1 AS one FROM conversations WHERE id = $1 AND user_id = $2', [input.conversationId, input.userId]);
      throw found.length === 0 ? notFound() : new StoreError('LEASE_LOST', 'This process no longer holds the turn it was writing.');
    },

    /** The turn of the newest message, or null when there is none: what a process's live CLI must have seen. */
    async latestTurnId(scope: ConversationScope): Promise<string | null> {
      if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) return null;
      const row = await selectOne(
        db,
        z.object({ turnId: z.string() }),
        `SELECT m.turn_id AS "turnId" FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.conversation_id = $1 AND c.user_id = $2 ORDER BY m.ord DESC LIMIT 1`,
        [scope.conversationId, scope.userId],
      );
      return row?.turnId ?? null;
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
