import { randomUUID } from 'node:crypto';
import type { MessageStatus, ServerEvent } from '@netbox-chatbox/protocol';
import type { Logger } from 'pino';
import type { AgentEvent, AgentSession } from '../agent/index.ts';
import type { Identity } from '../auth/identity.ts';
import type { Config } from '../config/index.ts';
import type { ConversationRow, Store } from '../store/index.ts';
import { tokenTag, type AgentFactory } from './agent-factory.ts';
import { ChatError } from './chat-error.ts';
import { ConversationRuntime } from './conversation-runtime.ts';
import type { MessageRateLimiter } from './rate-limiter.ts';
import type { Subscriber } from './subscriber.ts';
import { titleFromMessage } from './titles.ts';
import { TurnRecorder, type TurnOutcome } from './turn-recorder.ts';

export interface ChatServiceDeps {
  readonly config: Config;
  readonly store: Store;
  readonly agents: AgentFactory;
  readonly limiter: MessageRateLimiter;
  readonly logger: Logger;
}

export interface SendInput {
  readonly content: string;
  /** Absent: a new conversation. */
  readonly conversationId?: string;
  readonly clientMessageId?: string;
}

export interface TurnHandle {
  readonly conversationId: string;
  readonly turnId: string;
  /** Resolves when the turn has ended and its events and message are stored. */
  readonly finished: Promise<TurnOutcome>;
}

/** While text streams, the assistant message row is rewritten at most this often (tool calls save at once). */
const SAVE_TEXT_EVERY_MS = 1000;
/** Replay reads the event log in pages of this many. */
const REPLAY_PAGE = 500;
/** How long a delete waits for a running turn to wind down after stopping it. */
const DELETE_WAIT_MS = 10_000;

/**
 * Turn orchestration: a message becomes a turn of the conversation's agent session, whose events are stored
 * in the event log (with their seq), folded into the messages table, and sent to every socket following the
 * conversation. A socket going away changes nothing for the turn; `resume` replays what it missed.
 */
export class ChatService {
  private readonly runtimes = new Map<string, ConversationRuntime>();
  private readonly loading = new Map<string, Promise<ConversationRuntime | null>>();
  private readonly lastSaved = new WeakMap<TurnRecorder, number>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  private readonly deps: ChatServiceDeps;

  constructor(deps: ChatServiceDeps) {
    this.deps = deps;
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
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
      const row = await store.conversations.create(identity.userId, { title });
      runtime = this.adopt(row, identity.userId, 0);
    }
    const rt = runtime;
    return rt.enqueue(() => this.startTurn(rt, identity, input, title, subscriber));
  }

  /** Interrupts the running turn; its `done` (stopReason `stopped`) follows through the usual events. */
  async stop(identity: Identity, conversationId: string): Promise<void> {
    const runtime = await this.runtimeFor(identity.userId, conversationId);
    if (!runtime) throw new ChatError('NOT_FOUND');
    const turn = runtime.turn;
    if (!turn || turn.stopRequested) return;
    turn.stopRequested = true;
    if (turn.sent && runtime.agent) this.interrupt(runtime.agent);
  }

  /**
   * Replays the events after `afterSeq`, then `resumed`, then follows the conversation live. Runs in the
   * conversation's queue, so nothing is recorded between the replay and the subscription.
   */
  async resume(identity: Identity, conversationId: string, afterSeq: number, subscriber: Subscriber): Promise<void> {
    const runtime = await this.runtimeFor(identity.userId, conversationId);
    if (!runtime) throw new ChatError('NOT_FOUND');
    await runtime.enqueue(async () => {
      let cursor = afterSeq;
      let gap = false;
      let lastSeq = 0;
      for (let first = true; ; first = false) {
        const page = await this.deps.store.events.after(runtime.scope, cursor, REPLAY_PAGE);
        if (!page) throw new ChatError('NOT_FOUND');
        if (first) gap = page.gap;
        lastSeq = page.lastSeq;
        // Stored as this service recorded them (EventDraft), so with their seq they are ServerEvents again.
        for (const stored of page.events) subscriber.send({ ...stored.event, seq: stored.seq } as unknown as ServerEvent);
        const last = page.events.at(-1);
        if (!last || page.events.length < REPLAY_PAGE) break;
        cursor = last.seq;
      }
      subscriber.send({
        type: 'resumed',
        conversationId,
        lastSeq,
        turnRunning: runtime.turn !== undefined,
        reload: gap || afterSeq > lastSeq,
      });
      runtime.subscribers.add(subscriber);
      runtime.lastActive = Date.now();
    });
  }

  /** The socket is gone: it follows nothing any more. Turns it started run on. */
  unsubscribe(subscriber: Subscriber): void {
    for (const runtime of this.runtimes.values()) runtime.subscribers.delete(subscriber);
  }

  async rename(identity: Identity, conversationId: string, title: string): Promise<ConversationRow | null> {
    const row = await this.deps.store.conversations.rename(identity.userId, conversationId, title.trim());
    if (!row) return null;
    const runtime = await this.runtimeFor(identity.userId, conversationId);
    await runtime?.enqueue(() => runtime.record({ type: 'conversation', conversationId, title: row.title }));
    return row;
  }

  /** Stops a running turn first, so nothing writes to the conversation after it is gone. */
  async delete(identity: Identity, conversationId: string): Promise<boolean> {
    const runtime = this.runtimes.get(conversationId);
    if (runtime && runtime.userId === identity.userId) {
      const turn = runtime.turn;
      if (turn) {
        turn.stopRequested = true;
        if (runtime.agent) this.interrupt(runtime.agent);
        await Promise.race([turn.finished, delay(DELETE_WAIT_MS)]);
      }
      this.runtimes.delete(conversationId);
      await runtime.agent?.close().catch(() => undefined);
      await runtime.enqueue(async () => undefined);
    }
    return this.deps.store.conversations.delete(identity.userId, conversationId);
  }

  isTurnRunning(conversationId: string): boolean {
    return this.runtimes.get(conversationId)?.turn !== undefined;
  }

  stats(): { conversations: number; turns: number; subscribers: number } {
    let turns = 0;
    let subscribers = 0;
    for (const runtime of this.runtimes.values()) {
      if (runtime.turn) turns++;
      subscribers += runtime.subscribers.size;
    }
    return { conversations: this.runtimes.size, turns, subscribers };
  }

  /** Shutdown: running turns are stopped (their partial answers stored as stopped), processes closed. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const runtimes = [...this.runtimes.values()];
    for (const runtime of runtimes) {
      if (runtime.turn) runtime.turn.stopRequested = true;
    }
    await Promise.allSettled(runtimes.map((runtime) => runtime.agent?.close()));
    await Promise.allSettled(runtimes.map((runtime) => Promise.race([runtime.turn?.finished, delay(DELETE_WAIT_MS)])));
    await Promise.allSettled(runtimes.map((runtime) => runtime.enqueue(async () => undefined)));
    this.runtimes.clear();
  }

  private async startTurn(runtime: ConversationRuntime, identity: Identity, input: SendInput, title: string | undefined, subscriber?: Subscriber): Promise<TurnHandle> {
    const { store } = this.deps;
    if (subscriber) runtime.subscribers.add(subscriber);
    if (runtime.turn) throw new ChatError('TURN_IN_PROGRESS');
    const { conversationId } = runtime;
    const turnId = randomUUID();
    const turn = new TurnRecorder(conversationId, turnId);
    runtime.turn = turn;
    runtime.lastActive = Date.now();
    let started = false;
    try {
      await this.catchUp(runtime);
      if (title !== undefined) await runtime.record({ type: 'conversation', conversationId, title });
      const question = await store.messages.addUserMessage({ ...runtime.scope, turnId, content: input.content });
      await runtime.record({
        type: 'turn_start',
        conversationId,
        turnId,
        messageId: question.id,
        content: input.content,
        ...(input.clientMessageId ? { clientMessageId: input.clientMessageId } : {}),
      });
      started = true;
      const answer = await store.messages.upsertAssistantMessage({ ...runtime.scope, turnId, content: '', toolCalls: [], status: 'running' });
      turn.assistantMessageId = answer.id;
      await store.conversations.touch(runtime.userId, conversationId);
      const agent = await this.agentFor(runtime, identity);
      agent.send(input.content, turnId);
      turn.sent = true;
      if (turn.stopRequested) this.interrupt(agent);
    } catch (error) {
      if (!started) {
        runtime.turn = undefined;
        throw error;
      }
      this.deps.logger.error({ conversationId, err: errorName(error) }, 'turn failed to start');
      await this.endTurn(runtime, turn, turn.fail('INTERNAL', 'The answer could not be started. Try again.', true));
    }
    return { conversationId, turnId, finished: turn.finished };
  }

  /**
   * Another server on the same database may have answered in this conversation since this one last did: its
   * live CLI process would lack those turns. Then the process is closed, and the next one resumes the SDK
   * session the store names, which holds them.
   */
  private async catchUp(runtime: ConversationRuntime): Promise<void> {
    const row = await this.deps.store.conversations.get(runtime.userId, runtime.conversationId);
    if (!row) throw new ChatError('NOT_FOUND');
    if (row.lastSeq === runtime.lastSeq) return;
    runtime.lastSeq = row.lastSeq;
    runtime.sdkSessionId = row.sdkSessionId;
    const stale = runtime.agent;
    if (!stale) return;
    this.deps.logger.info({ conversationId: runtime.conversationId }, 'conversation changed on another server; resuming from the store');
    runtime.agent = undefined;
    await stale.close();
  }

  private async agentFor(runtime: ConversationRuntime, identity: Identity): Promise<AgentSession> {
    const tag = tokenTag(identity.netbox.token);
    if (runtime.agent && runtime.agentTokenTag !== tag) {
      // Signed in again with another token: a new process, resuming the same SDK session.
      const old = runtime.agent;
      runtime.sdkSessionId = old.sdkSessionId ?? runtime.sdkSessionId;
      runtime.agent = undefined;
      await old.close();
    }
    if (!runtime.agent) {
      runtime.agent = this.deps.agents.create(identity, {
        ...(runtime.sdkSessionId ? { resumeSessionId: runtime.sdkSessionId } : {}),
        onEvent: (event) => this.onAgentEvent(runtime, event),
      });
      runtime.agentTokenTag = tag;
    }
    return runtime.agent;
  }

  private onAgentEvent(runtime: ConversationRuntime, event: AgentEvent): void {
    void runtime
      .enqueue(async () => {
        const turn = runtime.turn;
        if (!turn || turn.turnId !== event.turnId) return;
        runtime.lastActive = Date.now();
        if (event.type === 'queued') {
          runtime.broadcast({ type: 'busy', conversationId: runtime.conversationId, turnId: turn.turnId, position: event.position });
          return;
        }
        if (event.type === 'done' || event.type === 'error') {
          if (event.sessionId && event.sessionId !== runtime.sdkSessionId) {
            runtime.sdkSessionId = event.sessionId;
            await this.deps.store.conversations.setSdkSessionId(runtime.userId, runtime.conversationId, event.sessionId);
          }
          const cost = event.type === 'done' ? this.turnCost(runtime, event.totalCostUsd) : 0;
          await this.endTurn(runtime, turn, turn.end(event, cost));
          return;
        }
        for (const draft of turn.map(event)) await runtime.record(draft);
        const now = Date.now();
        if (event.type === 'tool_use' || event.type === 'tool_result' || now - (this.lastSaved.get(turn) ?? 0) >= SAVE_TEXT_EVERY_MS) {
          this.lastSaved.set(turn, now);
          await this.saveAnswer(runtime, turn, 'running');
        }
      })
      .catch((error: unknown) => this.deps.logger.error({ conversationId: runtime.conversationId, event: event.type, err: errorName(error) }, 'recording an agent event failed'));
  }

  /** Records the closing events and the final message; the turn is over even when the store fails. */
  private async endTurn(runtime: ConversationRuntime, turn: TurnRecorder, end: ReturnType<TurnRecorder['end']>): Promise<void> {
    const { outcome } = end;
    try {
      for (const draft of end.drafts) await runtime.record(draft);
      await this.saveAnswer(runtime, turn, outcome.status, outcome);
      await this.deps.store.conversations.touch(runtime.userId, runtime.conversationId);
    } catch (error) {
      this.deps.logger.error({ conversationId: runtime.conversationId, err: errorName(error) }, 'storing the end of a turn failed');
    } finally {
      if (runtime.turn === turn) runtime.turn = undefined;
      runtime.lastActive = Date.now();
      turn.settle(outcome);
    }
  }

  private async saveAnswer(runtime: ConversationRuntime, turn: TurnRecorder, status: MessageStatus, outcome?: TurnOutcome): Promise<void> {
    await this.deps.store.messages.upsertAssistantMessage({
      ...runtime.scope,
      turnId: turn.turnId,
      content: turn.text,
      toolCalls: turn.toolCalls,
      status,
      usage: outcome?.usage ?? null,
      costUsd: outcome?.costUsd ?? null,
      durationMs: outcome?.durationMs ?? null,
      error: outcome?.error ? { code: outcome.error.code, message: outcome.error.message } : null,
    });
  }

  /**
   * The SDK reports a running total per session. When it went down, a new process started counting afresh
   * (an idle close without carry-over), so the total is this turn's cost alone.
   */
  private turnCost(runtime: ConversationRuntime, total: number): number {
    const cost = total >= runtime.costTotal ? total - runtime.costTotal : total;
    runtime.costTotal = total;
    return Math.max(0, Math.round(cost * 1e6) / 1e6);
  }

  private interrupt(agent: AgentSession): void {
    agent.interrupt().catch((error: unknown) => this.deps.logger.warn({ err: errorName(error) }, 'interrupt failed'));
  }

  /** The conversation's runtime, loading it when the user owns the conversation; null otherwise. */
  private async runtimeFor(userId: string, conversationId: string): Promise<ConversationRuntime | null> {
    const existing = this.runtimes.get(conversationId);
    if (existing) return existing.userId === userId ? existing : null;
    const key = `${userId}/${conversationId}`;
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.load(userId, conversationId).finally(() => this.loading.delete(key));
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
    const runtime = new ConversationRuntime(row.id, userId, { sdkSessionId: row.sdkSessionId, costTotal, lastSeq: row.lastSeq }, this.deps.store, this.deps.logger);
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

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown';
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
