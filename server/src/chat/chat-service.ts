import type { Logger } from 'pino';
import type { Identity } from '../auth/identity.ts';
import type { TurnTelemetry } from '../observability/turn-telemetry.ts';
import type { Config } from '../config/index.ts';
import type { ConversationRow, FeedMessage, Store } from '../store/index.ts';
import type { AgentFactory } from './agent-factory.ts';
import { ChatError } from './chat-error.ts';
import { canonicalConversationId } from './conversation-id.ts';
import { ConversationRuntime } from './conversation-runtime.ts';
import { DEFAULT_OUTAGE_LIMITS, type OutageLimits } from './event-writer.ts';
import { DEFAULT_LEASE_TIMING, type LeaseTiming } from './lease-timing.ts';
import { removeLocalTranscripts } from './local-transcripts.ts';
import type { MessageRateLimiter } from './rate-limiter.ts';
import { Replica } from './replica.ts';
import type { Subscriber } from './subscriber.ts';
import { titleFromMessage } from './titles.ts';
import type { NetboxTokenWatch } from '../auth/netbox-token-watch.ts';
import { errorName, TurnLifecycle, type SendInput, type TurnHandle } from './turn-lifecycle.ts';

export type { SendInput, TurnHandle } from './turn-lifecycle.ts';

export interface ChatServiceDeps {
  readonly config: Config;
  readonly store: Store;
  readonly agents: AgentFactory;
  readonly limiter: MessageRateLimiter;
  readonly logger: Logger;
  /** How turn leases keep time (tests shorten it). */
  readonly leaseTiming?: LeaseTiming;
  /** How long a turn's events may wait for a database that is away. */
  readonly outageLimits?: OutageLimits;
  /** Metrics and traces of each turn; none when absent (tests of the chat alone). */
  readonly telemetry?: TurnTelemetry;
  /** Tells a dead NetBox token from a refusal for lack of permission, and ends its sign-in. */
  readonly netboxTokens?: NetboxTokenWatch;
}

/** How long a delete or a shutdown waits for a running turn to wind down after stopping it. */
const WIND_DOWN_MS = 10_000;

/**
 * The chat: a message becomes a turn of the conversation's agent session (turn-lifecycle.ts), whose events are
 * stored in the event log (with their seq), folded into the messages table, and sent to every socket following
 * the conversation, on this process or, through the database, on any other. A socket going away changes
 * nothing for the turn; `resume` replays what it missed.
 */
export class ChatService {
  private readonly runtimes = new Map<string, ConversationRuntime>();
  private readonly loading = new Map<string, Promise<ConversationRuntime | null>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly replica: Replica;
  private readonly turns: TurnLifecycle;
  private readonly outage: OutageLimits;
  private closed = false;

  private readonly deps: ChatServiceDeps;

  constructor(deps: ChatServiceDeps) {
    this.deps = deps;
    this.outage = deps.outageLimits ?? DEFAULT_OUTAGE_LIMITS;
    this.replica = new Replica({
      store: deps.store,
      logger: deps.logger.child({ component: 'replica' }),
      timing: deps.leaseTiming ?? DEFAULT_LEASE_TIMING,
      runtime: (id) => this.runtimes.get(id),
      runtimes: () => this.runtimes.values(),
      leaseLost: (runtime) => this.turns.abandon(runtime, 'lease-lost'),
      stopRequested: (runtime, turnId) => {
        if (runtime.turn?.turnId === turnId) this.turns.stop(runtime, runtime.turn);
      },
      deleted: (message) => this.forget(message),
    });
    this.turns = new TurnLifecycle({
      store: deps.store,
      agents: deps.agents,
      replica: this.replica,
      logger: deps.logger,
      model: deps.config.model.name,
      ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
      ...(deps.netboxTokens ? { netboxTokens: deps.netboxTokens } : {}),
    });
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  /** Starts taking part among the processes on the database (and, alone on PGlite, closes what a crash left). */
  start(): Promise<void> {
    return this.replica.start();
  }

  async send(identity: Identity, input: SendInput, subscriber?: Subscriber): Promise<TurnHandle> {
    const { config, store, limiter } = this.deps;
    if (this.closed) throw new ChatError('INTERNAL', 'The server is shutting down. Try again in a moment.', true);
    if (!config.model.configured) throw new ChatError('MODEL_NOT_CONFIGURED', config.model.reason);
    if (input.content.length > config.limits.maxMessageChars) {
      throw new ChatError('MESSAGE_TOO_LONG', `The message is ${fmt(input.content.length)} characters; the limit is ${fmt(config.limits.maxMessageChars)}.`);
    }
    let runtime: ConversationRuntime | null = null;
    let title: string | undefined;
    if (input.conversationId !== undefined) {
      runtime = await this.runtimeFor(identity.userId, input.conversationId);
      if (!runtime) throw new ChatError('NOT_FOUND');
      if (runtime.turn) throw new ChatError('TURN_IN_PROGRESS');
    }
    const allowed = limiter.take(identity.userId);
    if (!allowed.ok) {
      const seconds = Math.max(1, Math.ceil(allowed.retryAfterMs / 1000));
      throw new ChatError('RATE_LIMITED', `You have sent ${limiter.limit} messages in the last minute, the most allowed. Try again in ${seconds} s.`);
    }
    if (!runtime) {
      title = titleFromMessage(input.content);
      runtime = this.adopt(await store.conversations.create(identity.userId, { title }), identity.userId, 0);
    }
    const rt = runtime;
    return rt.enqueue(() => this.turns.start(rt, identity, input, title, subscriber));
  }

  /** Interrupts the running turn, on whichever process runs it; its `done` (stopReason `stopped`) follows. */
  async stop(identity: Identity, conversationId: string): Promise<void> {
    const runtime = await this.runtimeFor(identity.userId, conversationId);
    if (!runtime) throw new ChatError('NOT_FOUND');
    if (runtime.turn) {
      this.turns.stop(runtime, runtime.turn);
      return;
    }
    await this.stopElsewhere(runtime);
  }

  /**
   * Replays the events after `afterSeq`, then `resumed`, then follows the conversation live. Runs in the
   * conversation's queue, so nothing is delivered between the replay and the subscription.
   */
  async resume(identity: Identity, conversationId: string, afterSeq: number, subscriber: Subscriber): Promise<void> {
    const runtime = await this.runtimeFor(identity.userId, conversationId);
    if (!runtime) throw new ChatError('NOT_FOUND');
    const { store } = this.deps;
    await runtime.enqueue(async () => {
      const first = await store.events.after(runtime.scope, afterSeq, 1);
      if (!first) throw new ChatError('NOT_FOUND');
      const events = await runtime.readAfter(afterSeq);
      for (const event of events) subscriber.send(event);
      const lastSeq = Math.max(first.lastSeq, events.at(-1)?.seq ?? 0);
      const running = runtime.turn !== undefined || (await store.turns.running(runtime.conversationId, this.replica.deadAfterMs)) !== null;
      subscriber.send({
        type: 'resumed',
        conversationId: runtime.conversationId,
        lastSeq,
        turnRunning: running,
        reload: first.gap || afterSeq > lastSeq,
      });
      runtime.followers.set(subscriber, lastSeq);
      runtime.lastActive = Date.now();
    });
  }

  /** The socket is gone: it follows nothing any more. Turns it started run on. */
  unsubscribe(subscriber: Subscriber): void {
    for (const runtime of this.runtimes.values()) runtime.followers.remove(subscriber);
  }

  async rename(identity: Identity, conversationId: string, title: string): Promise<ConversationRow | null> {
    const id = canonicalConversationId(conversationId);
    if (!id) return null;
    const row = await this.deps.store.conversations.rename(identity.userId, id, title.trim());
    if (!row) return null;
    const runtime = await this.runtimeFor(identity.userId, id);
    await runtime?.record([{ type: 'conversation', conversationId: id, title: row.title }]);
    return row;
  }

  /**
   * Deletes the conversation everywhere: a running turn is stopped first (on whichever process runs it), then
   * the store deletes its rows and transcripts, and every process deletes the CLI's own transcript files.
   */
  async delete(identity: Identity, conversationId: string): Promise<boolean> {
    const id = canonicalConversationId(conversationId);
    if (!id) return false;
    const { store, config, logger } = this.deps;
    const runtime = this.runtimes.get(id);
    if (runtime && runtime.userId === identity.userId) {
      const turn = runtime.turn;
      if (turn) {
        this.turns.stop(runtime, turn);
        await Promise.race([turn.finished, delay(WIND_DOWN_MS)]);
      }
      this.runtimes.delete(id);
      await runtime.agent?.close().catch(() => undefined);
      await runtime.enqueue(async () => undefined);
    } else if (runtime === undefined) {
      const owned = await store.conversations.get(identity.userId, id);
      if (owned) await this.stopElsewhere({ conversationId: id });
    }
    const sessions = await store.conversations.delete(identity.userId, id);
    if (!sessions) return false;
    const removed = removeLocalTranscripts(config.dataDir, identity.userId, sessions);
    logger.info({ conversationId: id, sessions: sessions.length, removed }, 'conversation deleted');
    await store.feed.publish({ k: 'deleted', c: id, u: identity.userId, s: sessions }).catch((error: unknown) => logger.warn({ err: errorName(error) }, 'announcing a deletion failed'));
    return true;
  }

  isTurnRunning(conversationId: string): boolean {
    const id = canonicalConversationId(conversationId);
    return id !== null && this.runtimes.get(id)?.turn !== undefined;
  }

  stats(): { conversations: number; turns: number; subscribers: number } {
    let turns = 0;
    let subscribers = 0;
    for (const runtime of this.runtimes.values()) {
      if (runtime.turn) turns++;
      subscribers += runtime.followers.size;
    }
    return { conversations: this.runtimes.size, turns, subscribers };
  }

  /** Shutdown: running turns are stopped (their partial answers stored as stopped), processes closed. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const runtimes = [...this.runtimes.values()];
    for (const runtime of runtimes) if (runtime.turn) runtime.turn.stopRequested = true;
    await Promise.allSettled(runtimes.map((runtime) => runtime.agent?.close()));
    await Promise.allSettled(runtimes.map((runtime) => Promise.race([runtime.turn?.finished, delay(WIND_DOWN_MS)])));
    await Promise.allSettled(runtimes.map((runtime) => runtime.enqueue(async () => undefined)));
    await this.replica.stop();
    this.runtimes.clear();
  }

  /** A stop for a turn another process runs: that process hears it through the database. */
  private async stopElsewhere(target: { conversationId: string }): Promise<void> {
    const { store } = this.deps;
    const running = await store.turns.running(target.conversationId, this.replica.deadAfterMs);
    if (running && running.holder !== store.replicaId) await store.feed.publish({ k: 'stop', c: target.conversationId, t: running.turnId });
  }

  /** Another process deleted a conversation: forget it here, and delete the CLI's transcript files of it. */
  private forget(message: Extract<FeedMessage, { k: 'deleted' }>): void {
    const runtime = this.runtimes.get(message.c);
    if (runtime) {
      this.runtimes.delete(message.c);
      void runtime.agent?.close().catch(() => undefined);
    }
    removeLocalTranscripts(this.deps.config.dataDir, message.u, message.s);
  }

  /** The conversation's runtime, loading it when the user owns the conversation; null otherwise. */
  private async runtimeFor(userId: string, conversationId: string): Promise<ConversationRuntime | null> {
    const id = canonicalConversationId(conversationId);
    if (!id) return null;
    const existing = this.runtimes.get(id);
    if (existing) return existing.userId === userId ? existing : null;
    const key = `${userId}/${id}`;
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.load(userId, id).finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  private async load(userId: string, conversationId: string): Promise<ConversationRuntime | null> {
    const row = await this.deps.store.conversations.get(userId, conversationId);
    if (!row) return null;
    const messages = (await this.deps.store.messages.list({ userId, conversationId })) ?? [];
    const costTotal = messages.reduce((sum, message) => sum + (message.costUsd ?? 0), 0);
    return this.runtimes.get(conversationId) ?? this.adopt(row, userId, costTotal);
  }

  private adopt(row: ConversationRow, userId: string, costTotal: number): ConversationRuntime {
    const runtime = new ConversationRuntime(
      row.id,
      userId,
      { sdkSessionId: row.sdkSessionId, costTotal },
      {
        store: this.deps.store,
        logger: this.deps.logger,
        outage: this.outage,
        outageTooLong: (rt) => this.turns.abandon(rt, 'store'),
      },
    );
    this.runtimes.set(row.id, runtime);
    return runtime;
  }

  /** Drops runtimes nobody uses; their agent sessions close their processes (which flush the transcript). */
  private sweep(): void {
    const now = Date.now();
    for (const [id, runtime] of this.runtimes) {
      if (!runtime.isDisposable(now, this.deps.config.limits.sessionIdleMs)) continue;
      this.runtimes.delete(id);
      void runtime.agent?.close().catch(() => undefined);
    }
    this.deps.limiter.sweep(now);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
