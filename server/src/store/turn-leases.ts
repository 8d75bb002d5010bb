import { z } from 'zod';
import { createChatEventsRepo, type EventToAppend, type StoredEvent } from './chat-events.ts';
import type { Db, Queryable } from './db.ts';
import { createMessagesRepo, type AssistantMessageInput } from './messages.ts';
import { isUuid, selectOne, selectRows } from './rows.ts';
import type { ConversationScope, TurnFence } from './scope.ts';

/**
 * One running turn per conversation across every server process on the database (BRIEF §2): a turn starts only
 * by inserting its conversation's lease row, which another process's insert cannot do while the row exists.
 * Conversation ids are compared as the uuid column compares them, so one written in upper case is the same
 * conversation. The holder (a process) renews its leases; a lease not renewed within the expiry belongs to a
 * process that died, and any live one closes that turn (`closeDead`) and deletes the lease. PGlite is one
 * process, so there every lease of an earlier process is dead at once.
 */
export type AcquireResult =
  | { readonly kind: 'acquired' }
  | { readonly kind: 'held'; readonly turnId: string; readonly holder: string; readonly expired: boolean }
  | { readonly kind: 'not_found' };

/** A turn whose process is gone: an expired lease, or a running answer with no lease at all. */
export interface DeadTurn {
  readonly conversationId: string;
  readonly turnId: string;
  readonly userId: string;
}

/** How a dead turn is closed, from the events it recorded before its process died. */
export type CloseDeadTurn = (events: readonly StoredEvent[]) => {
  readonly closing: readonly EventToAppend[];
  readonly answer: Omit<AssistantMessageInput, 'userId' | 'conversationId' | 'turnId'>;
};

const HeldSchema = z.object({ found: z.boolean(), turnId: z.string().nullable(), holder: z.string().nullable(), expired: z.boolean().nullable() });
const DeadSchema = z.object({ conversationId: z.string(), turnId: z.string(), userId: z.string() });

/**
 * @param holder this process's id.
 * @param origin sent with the NOTIFY of the events a closing appends.
 */
export function createTurnLeasesRepo(db: Db, holder: string, origin: string) {
  return {
    /** Takes the conversation's lease for `turnId`, or says who holds it (and whether that lease has expired). */
    async acquire(scope: ConversationScope, turnId: string, expiryMs: number): Promise<AcquireResult> {
      if (!isUuid(scope.userId) || !isUuid(scope.conversationId)) return { kind: 'not_found' };
      for (;;) {
        const inserted = await db.query(
          `INSERT INTO turn_leases (conversation_id, turn_id, holder)
           SELECT c.id, $3, $4 FROM conversations c WHERE c.id = $1 AND c.user_id = $2
           ON CONFLICT (conversation_id) DO NOTHING
           RETURNING turn_id`,
          [scope.conversationId, scope.userId, turnId, holder],
        );
        if (inserted.length > 0) return { kind: 'acquired' };
        const row = await selectOne(
          db,
          HeldSchema,
          `SELECT c.id IS NOT NULL AS found, l.turn_id AS "turnId", l.holder,
             l.heartbeat_at < now() - $3::double precision * interval '1 millisecond' AS expired
           FROM (SELECT 1) one
           LEFT JOIN conversations c ON c.id = $1 AND c.user_id = $2
           LEFT JOIN turn_leases l ON l.conversation_id = c.id`,
          [scope.conversationId, scope.userId, expiryMs],
        );
        if (!row?.found) return { kind: 'not_found' };
        // Released between the two statements: try again.
        if (row.turnId !== null && row.holder !== null) return { kind: 'held', turnId: row.turnId, holder: row.holder, expired: row.expired ?? false };
      }
    },

    /** Renews every lease this process holds; returns the ones it still has (any other was taken from it). */
    async renew(): Promise<Array<{ conversationId: string; turnId: string }>> {
      return selectRows(
        db,
        z.object({ conversationId: z.string(), turnId: z.string() }),
        `UPDATE turn_leases SET heartbeat_at = now() WHERE holder = $1 RETURNING conversation_id AS "conversationId", turn_id AS "turnId"`,
        [holder],
      );
    },

    async release(conversationId: string, turnId: string): Promise<void> {
      if (!isUuid(conversationId)) return;
      await db.query('DELETE FROM turn_leases WHERE conversation_id = $1 AND turn_id = $2 AND holder = $3', [conversationId, turnId, holder]);
    },

    /** The running turn of a conversation, on any process, if its lease is live. */
    async running(conversationId: string, expiryMs: number): Promise<{ turnId: string; holder: string } | null> {
      if (!isUuid(conversationId)) return null;
      return selectOne(
        db,
        z.object({ turnId: z.string(), holder: z.string() }),
        `SELECT turn_id AS "turnId", holder FROM turn_leases
         WHERE conversation_id = $1 AND (holder = $2 OR heartbeat_at >= now() - $3::double precision * interval '1 millisecond')`,
        [conversationId, holder, expiryMs],
      );
    },

    /**
     * Turns of other processes that are dead: leases not renewed for `expiryMs`, and answers still `running`
     * without any lease (left by a process that died before leases existed, or whose lease was deleted).
     */
    async dead(expiryMs: number, limit = 50): Promise<DeadTurn[]> {
      return selectRows(
        db,
        DeadSchema,
        `SELECT l.conversation_id AS "conversationId", l.turn_id AS "turnId", c.user_id AS "userId"
         FROM turn_leases l JOIN conversations c ON c.id = l.conversation_id
         WHERE l.holder <> $1 AND l.heartbeat_at < now() - $2::double precision * interval '1 millisecond'
         UNION
         SELECT m.conversation_id, m.turn_id, c.user_id
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.status = 'running' AND m.role = 'assistant'
           AND NOT EXISTS (SELECT 1 FROM turn_leases l WHERE l.conversation_id = m.conversation_id AND l.turn_id = m.turn_id)
         LIMIT $3`,
        [holder, expiryMs, limit],
      );
    },

    /**
     * Ends this process's turn in one transaction: its closing events, its final answer and the release of its
     * lease, so no process ever sees a turn that is over but still holds its conversation, or the reverse.
     * Throws LEASE_LOST when the lease is no longer this turn's (another process closed it as abandoned).
     */
    async finish(
      scope: ConversationScope,
      fence: TurnFence,
      closing: readonly EventToAppend[],
      answer: Omit<AssistantMessageInput, 'userId' | 'conversationId' | 'turnId'>,
    ): Promise<{ firstSeq: number; lastSeq: number }> {
      return db.transaction(async (tx) => {
        const appended = await createChatEventsRepo(tx, origin).appendMany(scope, closing, fence);
        await createMessagesRepo(tx).upsertAssistantMessage({ ...scope, turnId: fence.turnId, ...answer }, fence);
        await tx.query('DELETE FROM turn_leases WHERE conversation_id = $1 AND turn_id = $2 AND holder = $3', [scope.conversationId, fence.turnId, fence.holder]);
        await tx.query('UPDATE conversations SET updated_at = GREATEST(now(), updated_at) WHERE id = $1', [scope.conversationId]);
        return appended;
      });
    },

    /**
     * Closes a dead turn in one transaction: its answer, if still running, gets what `close` makes of the
     * events the turn recorded (its closing events appended, the message rewritten), and the lease goes.
     * Returns false when the turn turned out not to be dead (renewed meanwhile, or being closed by another
     * process); the row locks make two processes never close one turn twice.
     */
    async closeDead(turn: DeadTurn, expiryMs: number, close: CloseDeadTurn): Promise<boolean> {
      return db.transaction(async (tx) => {
        const lease = await selectOne(
          tx,
          z.object({ turnId: z.string(), holder: z.string(), expired: z.boolean() }),
          `SELECT turn_id AS "turnId", holder, heartbeat_at < now() - $2::double precision * interval '1 millisecond' AS expired
           FROM turn_leases WHERE conversation_id = $1 FOR UPDATE SKIP LOCKED`,
          [turn.conversationId, expiryMs],
        );
        if (lease) {
          if (lease.turnId !== turn.turnId || lease.holder === holder || !lease.expired) return false;
        } else if ((await tx.query('SELECT 1 AS one FROM turn_leases WHERE conversation_id = $1', [turn.conversationId])).length > 0) {
          return false; // Another process is closing it right now.
        }
        const closed = await closeAnswer(tx, turn, close, origin);
        if (!lease) return closed;
        await tx.query('DELETE FROM turn_leases WHERE conversation_id = $1 AND turn_id = $2', [turn.conversationId, turn.turnId]);
        return true;
      });
    },
  };
}
export type TurnLeasesRepo = ReturnType<typeof createTurnLeasesRepo>;

/** Closes the turn's answer if it is still running; returns whether it did. */
async function closeAnswer(tx: Queryable, turn: DeadTurn, close: CloseDeadTurn, origin: string): Promise<boolean> {
  const answer = await selectOne(
    tx,
    z.object({ status: z.string() }),
    `SELECT status FROM messages WHERE conversation_id = $1 AND turn_id = $2 AND role = 'assistant' FOR UPDATE`,
    [turn.conversationId, turn.turnId],
  );
  if (answer?.status !== 'running') return false;
  const events = createChatEventsRepo(tx, origin);
  const scope = { userId: turn.userId, conversationId: turn.conversationId };
  const made = close(await events.ofTurn(turn.conversationId, turn.turnId));
  if (made.closing.length > 0) await events.appendMany(scope, made.closing);
  await createMessagesRepo(tx).upsertAssistantMessage({ ...scope, turnId: turn.turnId, ...made.answer });
  return true;
}
