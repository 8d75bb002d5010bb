import type { Logger } from 'pino';
import type { DeadTurn, FeedMessage, Store } from '../store/index.ts';
import type { ConversationRuntime } from './conversation-runtime.ts';
import { closeDeadTurn } from './dead-turns.ts';
import type { LeaseTiming } from './lease-timing.ts';

export interface ReplicaDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly timing: LeaseTiming;
  readonly runtime: (conversationId: string) => ConversationRuntime | undefined;
  readonly runtimes: () => Iterable<ConversationRuntime>;
  /** Another process closed this process's running turn as abandoned. */
  readonly leaseLost: (runtime: ConversationRuntime) => void;
  /** A stop for a turn this process runs, asked for on another process. */
  readonly stopRequested: (runtime: ConversationRuntime, turnId: string) => void;
  /** A conversation was deleted on another process. */
  readonly deleted: (message: Extract<FeedMessage, { k: 'deleted' }>) => void;
}

/**
 * This process's part among the servers sharing the database: it renews the leases of the turns it runs, closes
 * the turns of processes that died, and acts on what other processes announce (events written, a stop, a
 * deletion). With PGlite it is the only process: the leases of an earlier run are all dead at start.
 */
export class Replica {
  private readonly deps: ReplicaDeps;
  private readonly single: boolean;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private reapTimer: NodeJS.Timeout | undefined;
  /** Since when this process has reached the database without a failure; undefined while it does not. */
  private healthySince: number | undefined = Date.now();
  private stopped = false;
  private reaping: Promise<void> | undefined;

  constructor(deps: ReplicaDeps) {
    this.deps = deps;
    this.single = deps.store.kind === 'pglite';
  }

  /** A lease of another process not renewed for this long is dead. */
  get deadAfterMs(): number {
    return this.single ? 0 : this.deps.timing.expiryMs;
  }

  /**
   * Whether this process may judge other processes dead now. Not while it has itself just come back to the
   * database: after an outage every lease looks old, while their holders are alive and about to renew them.
   */
  mayTakeOver(): boolean {
    if (this.single) return true;
    return this.healthySince !== undefined && Date.now() - this.healthySince >= this.deps.timing.expiryMs;
  }

  async start(): Promise<void> {
    const { store, timing } = this.deps;
    store.feed.listen({ onMessage: (message) => this.onFeed(message), onReconnect: () => this.onFeedReconnect() });
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), timing.heartbeatMs);
    this.heartbeatTimer.unref();
    // Spread out, so that processes started together do not all reap at the same moment.
    const every = timing.reapEveryMs * (0.8 + Math.random() * 0.4);
    this.reapTimer = setInterval(() => void this.reap(), every);
    this.reapTimer.unref();
    if (this.single) await this.reap();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.reapTimer);
    await this.reaping;
  }

  /** Closes a dead turn of another process; false when it was not dead after all or someone else closed it. */
  async closeDead(turn: DeadTurn): Promise<boolean> {
    const closed = await this.deps.store.turns.closeDead(turn, this.deadAfterMs, (events) => closeDeadTurn(turn, events));
    if (!closed) return false;
    this.deps.logger.warn({ conversationId: turn.conversationId, turnId: turn.turnId }, 'closed a turn whose server process had stopped');
    // Followers here hear of it from the log: the feed does not echo this process's own writes.
    void this.deps.runtime(turn.conversationId)?.catchUp();
    return true;
  }

  /** Runs one pass of closing dead turns now (also what the timer does). */
  reap(): Promise<void> {
    this.reaping ??= this.reapOnce().finally(() => (this.reaping = undefined));
    return this.reaping;
  }

  private async reapOnce(): Promise<void> {
    if (this.stopped || !this.mayTakeOver()) return;
    try {
      for (const turn of await this.deps.store.turns.dead(this.deadAfterMs)) {
        if (this.stopped) return;
        await this.closeDead(turn);
      }
      this.healthy();
    } catch (error) {
      this.unhealthy(error, 'closing dead turns failed');
    }
  }

  private async heartbeat(): Promise<void> {
    if (this.stopped) return;
    const startedAt = Date.now();
    let held: Set<string>;
    try {
      held = new Set((await this.deps.store.turns.renew()).map((lease) => `${lease.conversationId}/${lease.turnId}`));
      this.healthy();
    } catch (error) {
      this.unhealthy(error, 'renewing turn leases failed');
      return;
    }
    for (const runtime of this.deps.runtimes()) {
      const turn = runtime.turn;
      // A lease taken after the renewal started, or released by a turn that is ending, is not missing.
      if (!turn || turn.ending || turn.failure || turn.leasedAt === undefined || turn.leasedAt >= startedAt) continue;
      if (!held.has(`${runtime.conversationId}/${turn.turnId}`)) this.deps.leaseLost(runtime);
    }
  }

  private onFeed(message: FeedMessage): void {
    const runtime = this.deps.runtime(message.c);
    switch (message.k) {
      case 'events':
        void runtime?.catchUp(message.to).catch((error: unknown) => this.deps.logger.warn({ err: errorName(error) }, 'following another server’s events failed'));
        return;
      case 'stop':
        if (runtime) this.deps.stopRequested(runtime, message.t);
        return;
      case 'deleted':
        this.deps.deleted(message);
        return;
    }
  }

  /** Announcements were lost while the feed was down: whoever follows something reads it from the log. */
  private onFeedReconnect(): void {
    for (const runtime of this.deps.runtimes()) if (runtime.followers.size > 0) void runtime.catchUp().catch(() => undefined);
  }

  private healthy(): void {
    this.healthySince ??= Date.now();
  }

  private unhealthy(error: unknown, what: string): void {
    if (this.healthySince !== undefined) this.deps.logger.warn({ err: errorName(error) }, what);
    this.healthySince = undefined;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown';
}
