import { z } from 'zod';
import { json, type Queryable } from './db.ts';
import { FEED_CHANNEL } from './feed-messages.ts';
import type { ConversationScope, TurnFence } from './scope.ts';
import { isUuid, selectOne, selectRows } from './rows.ts';
import { StoreError } from './store-error.ts';

/**
 * The per-conversation event log behind replay: after a reconnect, and on another replica. Each event gets the
 * next `seq` of its conversation from `conversations.last_seq`, raised and read in the same statement that
 * inserts the event: the row lock orders concurrent appenders (two processes on one PostgreSQL included), and
 * a failed insert gives its number back, so seqs have no holes. Pruning removes only a prefix of the log, so
 * a missing seq always means "pruned", never "lost".
 */
export type ChatEventPayload = Record<string, unknown>;

export const StoredEventSchema = z.object({
  seq: z.number().int().positive(),
  turnId: z.string().nullable(),
  event: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type StoredEvent = z.infer<typeof StoredEventSchema>;

const AfterRowSchema = z.object({
  lastSeq: z.number().int().nonnegative(),
  seq: z.number().int().positive().nullable(),
  turnId: z.string().nullable(),
  event: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.date().nullable(),
});

const ResumePointSchema = z.object({
  lastSeq: z.number().int().nonnegative(),
  runningFrom: z.number().int().positive().nullable(),
});

export interface EventsAfter {
  /** Oldest first. */
  readonly events: StoredEvent[];
  /** The conversation's newest seq when this was read. */
  readonly lastSeq: number;
  /** Events after `afterSeq` were pruned: the client must reload the conversation instead of replaying. */
  readonly gap: boolean;
}

function notFound(): StoreError {
  return new StoreError('NOT_FOUND', 'That conversation does not exist or is not yours.');
}

/** Why a fenced append wrote nothing: the conversation is gone, or the turn's lease is. */
async function missing(db: Queryable, scope: ConversationScope, fence: TurnFence | undefined): Promise<StoreError> {
  if (!fence) return notFound();
  const found = await db.query('SELECT 1 AS one FROM conversations WHERE id = $1 AND user_id = $2', [scope.conversationId, scope.userId]);
  return found.length === 0 ? notFound() : new StoreError('LEASE_LOST', 'This process no longer holds the turn it was writing.');
}

/** One event to append, with the turn it belongs to (null: about the conversation, e.g. a new title). */
export interface EventToAppend {
  readonly turnId: string | null;
  readonly event: ChatEventPayload;
}

/**
 * @param origin this process's id, sent with each NOTIFY so that it can ignore its own.
 */
export function createChatEventsRepo(db: Queryable, origin = '') {
  /**
   * Appends events in one statement, numbered in order (the conversation's row lock orders concurrent
   * appenders), and tells every process listening (NOTIFY, sent on commit). With a fence, only while that
   * turn's lease is held. Throws NOT_FOUND when the conversation is gone or not the user's, LEASE_LOST when
   * the fence's lease is not held.
   */
  const appendMany = async (scope: ConversationScope, events: readonly EventToAppend[], fence?: TurnFence): Promise<{ firstSeq: number; lastSeq: number }> => {
    if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) throw notFound();
    if (events.length === 0) throw new Error('appendMany needs at least one event');
    // Each event travels as JSON text inside the array and is cast as a whole (see sdk-session-store.ts).
    const batch = JSON.stringify(events.map((item) => [item.turnId, json(item.event)]));
    const row = await selectOne(
      db,
      z.object({ lastSeq: z.number().int().positive() }),
      `WITH next AS (
         UPDATE conversations c SET last_seq = c.last_seq + $4
         WHERE c.id = $1 AND c.user_id = $2
           AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM turn_leases l WHERE l.conversation_id = c.id AND l.turn_id = $5 AND l.holder = $6))
         RETURNING c.id, c.last_seq
       ), inserted AS (
         INSERT INTO chat_events (conversation_id, seq, turn_id, event)
         SELECT next.id, next.last_seq - $4 + t.n, t.pair ->> 0, (t.pair ->> 1)::json
         FROM next, json_array_elements($3::json) WITH ORDINALITY AS t (pair, n)
         RETURNING seq
       ), notified AS (
         SELECT pg_notify($8, json_build_object('k', 'events', 'c', next.id, 'from', next.last_seq - $4 + 1, 'to', next.last_seq, 'o', $7::text)::text) AS sent
         FROM next
       )
       SELECT next.last_seq AS "lastSeq" FROM next, (SELECT count(*) FROM inserted) i, (SELECT count(*) FROM notified) n`,
      [scope.conversationId, scope.userId, batch, events.length, fence?.turnId ?? null, fence?.holder ?? null, origin, FEED_CHANNEL],
    );
    if (!row) throw await missing(db, scope, fence);
    return { firstSeq: row.lastSeq - events.length + 1, lastSeq: row.lastSeq };
  };

  return {
    /** Returns the event's seq. Throws NOT_FOUND when the conversation is gone or not the user's. */
    async append(scope: ConversationScope, turnId: string | null, event: ChatEventPayload): Promise<number> {
      const { lastSeq } = await appendMany(scope, [{ turnId, event }]);
      return lastSeq;
    },

    appendMany,

    /** Every event of one turn, in order (to rebuild the answer of a turn whose process died). */
    async ofTurn(conversationId: string, turnId: string): Promise<StoredEvent[]> {
      if (!isUuid(conversationId)) return [];
      return selectRows(
        db,
        StoredEventSchema,
        `SELECT seq, turn_id AS "turnId", event, created_at AS "createdAt" FROM chat_events WHERE conversation_id = $1 AND turn_id = $2 ORDER BY seq`,
        [conversationId, turnId],
      );
    },

    /**
     * Events with seq > afterSeq, read in one statement so `lastSeq` and the events agree. Null when the
     * conversation is not the user's. `limit` bounds one read; read again after the last seq for more.
     */
    async after(scope: ConversationScope, afterSeq: number, limit = 1000): Promise<EventsAfter | null> {
      if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) return null;
      const rows = await selectRows(
        db,
        AfterRowSchema,
        `SELECT c.last_seq AS "lastSeq", e.seq, e.turn_id AS "turnId", e.event, e.created_at AS "createdAt"
         FROM conversations c
         LEFT JOIN LATERAL (
           SELECT seq, turn_id, event, created_at FROM chat_events
           WHERE conversation_id = c.id AND seq > $3 ORDER BY seq LIMIT $4
         ) e ON true
         WHERE c.id = $1 AND c.user_id = $2
         ORDER BY e.seq`,
        [scope.conversationId, scope.userId, Math.max(0, Math.trunc(afterSeq)), Math.max(1, Math.trunc(limit))],
      );
      const first = rows[0];
      if (!first) return null;
      const events: StoredEvent[] = [];
      for (const row of rows) {
        if (row.seq === null || row.event === null || row.createdAt === null) continue;
        events.push({ seq: row.seq, turnId: row.turnId, event: row.event, createdAt: row.createdAt });
      }
      const expected = Math.max(0, Math.trunc(afterSeq)) + 1;
      const gap = first.lastSeq >= expected && events[0]?.seq !== expected;
      return { events, lastSeq: first.lastSeq, gap };
    },

    /**
     * Where a client that has just read the conversation's messages should start replaying: before the first
     * event of an answer still being written (its text is not in the messages yet), else after the last event.
     * Read it before the messages: events in between are replayed, and the UI merges them per turn.
     */
    async resumePoint(scope: ConversationScope): Promise<number | null> {
      if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) return null;
      const row = await selectOne(
        db,
        ResumePointSchema,
        `SELECT c.last_seq AS "lastSeq",
           (SELECT min(e.seq) FROM chat_events e JOIN messages m
              ON m.conversation_id = e.conversation_id AND m.turn_id = e.turn_id AND m.role = 'assistant' AND m.status = 'running'
            WHERE e.conversation_id = c.id) AS "runningFrom"
         FROM conversations c WHERE c.id = $1 AND c.user_id = $2`,
        [scope.conversationId, scope.userId],
      );
      if (!row) return null;
      return row.runningFrom === null ? row.lastSeq : row.runningFrom - 1;
    },

    /**
     * Keeps the events of the newest `keepTurns` turns and drops everything before the first of them (events
     * without a turn included). Finished turns live on in the messages table.
     */
    async pruneTurns(scope: ConversationScope, keepTurns: number): Promise<number> {
      if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) return 0;
      const rows = await db.query(
        `DELETE FROM chat_events e USING conversations c
         WHERE e.conversation_id = c.id AND c.id = $1 AND c.user_id = $2
           AND e.seq < COALESCE(
             (SELECT min(seq) FROM chat_events WHERE conversation_id = $1 AND turn_id IN (
                SELECT turn_id FROM chat_events WHERE conversation_id = $1 AND turn_id IS NOT NULL
                GROUP BY turn_id ORDER BY max(seq) DESC LIMIT $3)),
             c.last_seq + 1)
         RETURNING 1 AS one`,
        [scope.conversationId, scope.userId, Math.max(0, Math.trunc(keepTurns))],
      );
      return rows.length;
    },

    /**
     * Housekeeping across all conversations: drops events older than the cutoff, and with them any event of
     * the same conversation with a lower seq, so that what is left is still a suffix of each log.
     */
    async pruneOlderThan(cutoff: Date): Promise<number> {
      const rows = await db.query(
        `DELETE FROM chat_events e
         USING (SELECT conversation_id, max(seq) AS upto FROM chat_events WHERE created_at < $1 GROUP BY conversation_id) old
         WHERE e.conversation_id = old.conversation_id AND e.seq <= old.upto
         RETURNING 1 AS one`,
        [cutoff],
      );
      return rows.length;
    },
  };
}
export type ChatEventsRepo = ReturnType<typeof createChatEventsRepo>;
