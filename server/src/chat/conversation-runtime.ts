import type { ServerEvent } from '@netbox-chatbox/protocol';
import type { Logger } from 'pino';
import type { AgentSession } from '../agent/index.ts';
import type { Store, TurnFence } from '../store/index.ts';
import { EventWriter, type OutageLimits } from './event-writer.ts';
import { Followers, type SeqEvent } from './followers.ts';
import type { Subscriber } from './subscriber.ts';
import type { EventDraft, TurnRecorder } from './turn-recorder.ts';

/** Replay and catch-up read the event log in pages of this many. */
const READ_PAGE = 500;

export interface RuntimeDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly outage: OutageLimits;
  /** The database has been away too long while this conversation had events waiting. */
  readonly outageTooLong: (runtime: ConversationRuntime) => void;
}

/**
 * A conversation while this process works on it or follows it: its agent session, the turn this process is
 * answering, the sockets following it, and the writer of its events. Everything that changes what followers
 * were sent runs through one queue (`enqueue`): a replay for a resuming socket, and the delivery of events
 * recorded here or announced by another process. So a follower gets every event once and in order, however
 * the two ways interleave.
 */
export class ConversationRuntime {
  readonly followers = new Followers();
  readonly writer: EventWriter;
  agent: AgentSession | undefined;
  /** Which NetBox token the agent's process was started with; another token needs a new process. */
  agentTokenTag: string | undefined;
  /** The latest turn this process's agent took part in: if the store has a newer one, another process ran it. */
  agentTurnId: string | null = null;
  turn: TurnRecorder | undefined;
  /** The SDK session that holds the model's context, to resume in a new process. */
  sdkSessionId: string | null;
  /** The SDK's running cost total as last reported: a turn's cost is the difference. */
  costTotal: number;
  lastActive = Date.now();
  private chain: Promise<unknown> = Promise.resolve();

  readonly conversationId: string;
  readonly userId: string;
  private readonly deps: RuntimeDeps;

  constructor(conversationId: string, userId: string, init: { sdkSessionId: string | null; costTotal: number }, deps: RuntimeDeps) {
    this.conversationId = conversationId;
    this.userId = userId;
    this.deps = deps;
    this.sdkSessionId = init.sdkSessionId;
    this.costTotal = init.costTotal;
    this.writer = new EventWriter({
      store: deps.store,
      scope: this.scope,
      logger: deps.logger,
      limits: deps.outage,
      committed: (events) => this.committed(events),
      outageTooLong: () => deps.outageTooLong(this),
    });
  }

  get scope(): { userId: string; conversationId: string } {
    return { userId: this.userId, conversationId: this.conversationId };
  }

  /** The fence for writes of this process's running turn. */
  fence(turn: TurnRecorder): TurnFence {
    return { turnId: turn.turnId, holder: this.deps.store.replicaId };
  }

  /** Runs `task` after every task queued before it; a failing task does not stop the ones after it. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Records events (resolves once stored); followers get them through the queue after that. */
  record(drafts: readonly EventDraft[], fence?: TurnFence): Promise<SeqEvent[]> {
    return this.writer.append(drafts, fence);
  }

  /** Sends followers whatever the log has after their places, up to at least `seq` (another process wrote it). */
  catchUp(seq = Number.POSITIVE_INFINITY): Promise<void> {
    return this.enqueue(async () => {
      if (!this.followers.behind(seq)) return;
      await this.followers.deliver([], (after) => this.readAfter(after), (error) => this.sendFailed(error));
    });
  }

  /** Sends to every follower without recording (busy: about the moment, not the conversation). */
  broadcast(event: ServerEvent): void {
    this.followers.broadcast(event, (error) => this.sendFailed(error));
  }

  /** Every recorded event after `afterSeq`, oldest first. */
  async readAfter(afterSeq: number): Promise<SeqEvent[]> {
    const events: SeqEvent[] = [];
    for (let cursor = afterSeq; ; ) {
      const page = await this.deps.store.events.after(this.scope, cursor, READ_PAGE);
      if (!page) return events;
      // Stored as this service recorded them (EventDraft), so with their seq they are ServerEvents again.
      for (const stored of page.events) events.push({ ...stored.event, seq: stored.seq } as unknown as SeqEvent);
      const last = page.events.at(-1);
      if (!last || page.events.length < READ_PAGE) return events;
      cursor = last.seq;
    }
  }

  follow(subscriber: Subscriber, cursor: number): void {
    this.followers.add(subscriber, cursor);
  }

  /** Idle long enough, with nobody following, nothing running and nothing to write, to be dropped from memory. */
  isDisposable(now: number, idleMs: number): boolean {
    return this.turn === undefined && this.followers.size === 0 && this.writer.idle && now - this.lastActive >= idleMs;
  }

  private committed(events: SeqEvent[]): void {
    const turn = this.turn;
    if (turn) for (const event of events) if ('turnId' in event && event.turnId === turn.turnId) turn.committed(event);
    void this.enqueue(() => this.followers.deliver(events, (after) => this.readAfter(after), (error) => this.sendFailed(error))).catch((error: unknown) =>
      this.deps.logger.warn({ conversationId: this.conversationId, err: error instanceof Error ? error.message : 'unknown' }, 'delivering events failed'),
    );
  }

  private sendFailed(error: unknown): void {
    this.deps.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'subscriber send failed');
  }
}
