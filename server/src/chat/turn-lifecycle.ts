import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AgentEvent, AgentSession } from '../agent/index.ts';
import type { Identity } from '../auth/identity.ts';
import type { NetboxTokenWatch } from '../auth/netbox-token-watch.ts';
import { isStoreError, StoreError, type Store } from '../store/index.ts';
import { tokenTag, type AgentFactory } from './agent-factory.ts';
import { ChatError } from './chat-error.ts';
import { repairContext } from './context-repair.ts';
import type { ConversationRuntime } from './conversation-runtime.ts';
import type { SeqEvent } from './followers.ts';
import type { Replica } from './replica.ts';
import type { Subscriber } from './subscriber.ts';
import type { TurnTelemetry, TurnSummary } from '../observability/turn-telemetry.ts';
import { TokenRefusals } from './token-refusals.ts';
import { TurnRecorder, type EventDraft, type TurnEnd, type TurnOutcome } from './turn-recorder.ts';

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

export interface TurnLifecycleDeps {
  readonly store: Store;
  readonly agents: AgentFactory;
  readonly replica: Replica;
  readonly logger: Logger;
  /** The model the turns are answered with, for their metrics. */
  readonly model: string;
  readonly telemetry?: TurnTelemetry;
  /** Tells a dead NetBox token from a refusal for lack of permission, and ends its sign-in. */
  readonly netboxTokens?: NetboxTokenWatch;
}

/** While text streams, the assistant message row is rewritten at most this often (tool calls save at once). */
const SAVE_TEXT_EVERY_MS = 1000;

const STORE_GAVE_UP = {
  code: 'STORE_UNAVAILABLE',
  message: 'The server’s database stopped answering in the middle of this answer, so it was cut short here. Try again in a moment.',
  retryable: true,
} as const;

/**
 * A turn from start to end. `start` takes the conversation's lease (one running turn across every process),
 * records the question and hands it to the agent; the agent's events are recorded as they come (`onAgentEvent`);
 * `end` writes the closing events, the final answer and the lease's release in one transaction. Those two are
 * the points where a turn begins and finishes, whatever ends it: the model, the user's stop, a failure, a lost
 * lease or a database that stayed away.
 */
export class TurnLifecycle {
  private readonly deps: TurnLifecycleDeps;
  private readonly tokenRefusals: TokenRefusals;

  constructor(deps: TurnLifecycleDeps) {
    this.deps = deps;
    this.tokenRefusals = new TokenRefusals(deps.netboxTokens);
  }

  /** Runs in the conversation's queue. */
  async start(runtime: ConversationRuntime, identity: Identity, input: SendInput, title: string | undefined, subscriber?: Subscriber): Promise<TurnHandle> {
    const { store, logger } = this.deps;
    if (runtime.turn) throw new ChatError('TURN_IN_PROGRESS');
    const { conversationId } = runtime;
    const turnId = randomUUID();
    const turn = new TurnRecorder(conversationId, turnId);
    this.tokenRefusals.track(turn, identity);
    runtime.turn = turn;
    runtime.lastActive = Date.now();
    let recorded = false;
    try {
      await this.takeLease(runtime, turn);
      await this.forgetStaleAgent(runtime);
      const fence = runtime.fence(turn);
      const question = await store.messages.addUserMessage({ ...runtime.scope, turnId, content: input.content });
      const drafts: EventDraft[] = [
        ...(title === undefined ? [] : [{ type: 'conversation' as const, conversationId, title }]),
        {
          type: 'turn_start',
          conversationId,
          turnId,
          messageId: question.id,
          content: input.content,
          ...(input.clientMessageId ? { clientMessageId: input.clientMessageId } : {}),
        },
      ];
      const [first] = await runtime.record(drafts, fence);
      recorded = true;
      this.deps.telemetry?.begin({ conversationId, turnId, model: this.deps.model });
      if (subscriber && first) runtime.follow(subscriber, first.seq - 1);
      const answer = await store.messages.upsertAssistantMessage({ ...runtime.scope, turnId, content: '', toolCalls: [], status: 'running' }, fence);
      turn.assistantMessageId = answer.id;
      const agent = await this.agentFor(runtime, identity, turnId);
      runtime.agentTurnId = turnId;
      agent.send(input.content, turnId);
      turn.sent = true;
      if (turn.stopRequested || turn.failure) this.interrupt(agent);
    } catch (error) {
      if (!recorded) {
        if (runtime.turn === turn) runtime.turn = undefined;
        if (turn.leasedAt !== undefined) this.releaseLater(runtime, turnId);
        throw error;
      }
      logger.error({ conversationId, err: errorName(error) }, 'turn failed to start');
      this.end(runtime, turn, turn.fail('INTERNAL', 'The answer could not be started. Try again.', true));
    }
    return { conversationId, turnId, finished: turn.finished };
  }

  /** An event of the conversation's agent; queued in the conversation's order. */
  onAgentEvent(runtime: ConversationRuntime, event: AgentEvent): void {
    // At once, not in the queue: a tool call's span looks for its tool_use, which arrives just before the call.
    this.deps.telemetry?.event(event);
    void runtime
      .enqueue(async () => {
        const turn = runtime.turn;
        if (!turn || turn.turnId !== event.turnId) return;
        runtime.lastActive = Date.now();
        switch (event.type) {
          case 'queued':
            runtime.broadcast({ type: 'busy', conversationId: runtime.conversationId, turnId: turn.turnId, position: event.position });
            return;
          case 'session':
            this.rememberSession(runtime, event.sessionId);
            return;
          case 'done':
          case 'error': {
            if (event.sessionId) this.rememberSession(runtime, event.sessionId);
            const cost = event.type === 'done' ? this.turnCost(runtime, event.totalCostUsd) : 0;
            const refusal = this.tokenRefusals.refusalOf(turn);
            this.end(runtime, turn, refusal ? turn.fail(refusal.code, refusal.message, false) : turn.end(event, cost));
            // The sign-in ends (its sockets close) only after followers were sent the turn's end: an empty write
            // queued behind the end's is done once that is committed, and its delivery queued here before ours.
            if (refusal) {
              void turn.finished
                .then(() => runtime.writer.task(async () => [], { retry: false }))
                .then(() => runtime.enqueue(() => this.tokenRefusals.turnEnded(turn)))
                .catch((error: unknown) => this.deps.logger.warn({ err: errorName(error) }, 'ending a sign-in whose NetBox token died failed'));
            }
            return;
          }
          default: {
            // Stopping after NetBox refused the token: what the model writes after that is not shown.
            if (turn.ending || turn.failure || this.tokenRefusals.refusalOf(turn)) return;
            const drafts = turn.map(event);
            if (drafts.length === 0) return;
            runtime.record(drafts, runtime.fence(turn)).then(
              () => this.saveIfDue(runtime, turn, event.type === 'tool_use' || event.type === 'tool_result'),
              (error: unknown) => this.writeFailed(runtime, turn, error),
            );
            if (event.type === 'tool_result' && (await this.tokenRefusals.tokenDied(turn, event))) this.stop(runtime, turn);
          }
        }
      })
      .catch((error: unknown) => this.deps.logger.error({ conversationId: runtime.conversationId, event: event.type, err: errorName(error) }, 'recording an agent event failed'));
  }

  /** The user's stop for the turn this process runs. */
  stop(runtime: ConversationRuntime, turn: TurnRecorder): void {
    if (turn.stopRequested) return;
    turn.stopRequested = true;
    if (turn.sent && runtime.agent) this.interrupt(runtime.agent);
  }

  /**
   * Gives the turn up before its agent ends it: another process closed it as abandoned (`lease-lost`: nothing
   * more is written), or the database stayed away too long (`store`: it ends with STORE_UNAVAILABLE, written
   * once the database is back; the followers here are told at once).
   */
  abandon(runtime: ConversationRuntime, kind: 'lease-lost' | 'store'): void {
    const turn = runtime.turn;
    if (!turn || turn.ending || turn.failure) return;
    const { logger } = this.deps;
    if (kind === 'lease-lost') {
      logger.warn({ conversationId: runtime.conversationId, turnId: turn.turnId }, 'another server closed this turn as abandoned; stopping it here');
      turn.failure = { kind: 'lease-lost' };
      runtime.writer.drop(turn.turnId, new StoreError('LEASE_LOST', 'The turn was closed by another server.'));
    } else {
      logger.error({ conversationId: runtime.conversationId, turnId: turn.turnId }, 'the database stayed away too long; ending the turn');
      turn.failure = { kind: 'store', error: STORE_GAVE_UP };
      runtime.writer.drop(turn.turnId, new StoreError('STORE_UNAVAILABLE', 'The database is not reachable.'));
      runtime.broadcast({ type: 'error', conversationId: runtime.conversationId, turnId: turn.turnId, ...STORE_GAVE_UP });
    }
    if (turn.sent && runtime.agent) this.interrupt(runtime.agent);
  }

  /**
   * The end of the turn: its closing events, final answer and released lease in one transaction, retried while
   * the database is away. The turn is over for this process (a new message may start one) before followers hear
   * its end, so a client that sends the next question on `done` never meets the old turn.
   */
  private end(runtime: ConversationRuntime, turn: TurnRecorder, agentEnd: TurnEnd): void {
    if (turn.ending) return;
    turn.ending = true;
    const over = (end: TurnEnd): void => {
      if (runtime.turn === turn) runtime.turn = undefined;
      runtime.lastActive = Date.now();
      this.deps.telemetry?.end(turn.turnId, turnSummary(end));
      turn.settle(end);
    };
    const failure = turn.failure;
    if (failure?.kind === 'lease-lost') {
      over(turn.fail('INTERNAL', 'This answer was ended by another server.', true));
      return;
    }
    const end = failure?.kind === 'store' ? turn.fail(failure.error.code, failure.error.message, failure.error.retryable, { interrupted: true }) : agentEnd;
    const fence = runtime.fence(turn);
    const closing = end.drafts.map((event) => ({ turnId: turn.turnId, event }));
    runtime.writer
      .task(
        async () => {
          const { firstSeq } = await this.deps.store.turns.finish(runtime.scope, fence, closing, {
            content: turn.answer.text,
            toolCalls: turn.answer.toolCalls.map((call) => (call.status === 'running' ? { ...call, status: 'error' as const } : call)),
            status: end.status,
            usage: end.usage ?? null,
            costUsd: end.costUsd ?? null,
            durationMs: end.durationMs,
            error: end.error ? { code: end.error.code, message: end.error.message } : null,
            interrupted: end.interrupted,
          });
          over(end);
          return end.drafts.map((draft, i) => ({ ...draft, seq: firstSeq + i }) as unknown as SeqEvent);
        },
        { retry: true },
      )
      .catch((error: unknown) => {
        if (!isStoreError(error, 'LEASE_LOST') && !isStoreError(error, 'NOT_FOUND')) {
          this.deps.logger.error({ conversationId: runtime.conversationId, err: errorName(error) }, 'storing the end of a turn failed');
        }
        over(end);
      });
  }

  /** One running turn per conversation: the lease, or TURN_IN_PROGRESS; a dead process's turn is closed first. */
  private async takeLease(runtime: ConversationRuntime, turn: TurnRecorder): Promise<void> {
    const { store, replica } = this.deps;
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await store.turns.acquire(runtime.scope, turn.turnId, replica.deadAfterMs);
      if (result.kind === 'acquired') {
        turn.leasedAt = Date.now();
        return;
      }
      if (result.kind === 'not_found') throw new ChatError('NOT_FOUND');
      const dead = result.holder !== store.replicaId && result.expired && replica.mayTakeOver();
      if (!dead || !(await replica.closeDead({ ...runtime.scope, turnId: result.turnId }))) break;
    }
    throw new ChatError('TURN_IN_PROGRESS');
  }

  /**
   * Another process may have answered in this conversation since this one last did: its live CLI process would
   * lack those turns. Then the process is closed, and the next one resumes the SDK session the store names.
   */
  private async forgetStaleAgent(runtime: ConversationRuntime): Promise<void> {
    const { store, logger } = this.deps;
    const row = await store.conversations.get(runtime.userId, runtime.conversationId);
    if (!row) throw new ChatError('NOT_FOUND');
    const latest = await store.messages.latestTurnId(runtime.scope);
    runtime.sdkSessionId = row.sdkSessionId;
    const stale = runtime.agent;
    if (!stale || latest === runtime.agentTurnId) return;
    logger.info({ conversationId: runtime.conversationId }, 'conversation changed on another server; resuming from the store');
    runtime.agent = undefined;
    await stale.close();
  }

  /**
   * The agent for this turn. A new CLI process resumes from the store, whose transcript is first made to hold
   * every stored question and answer (context-repair.ts).
   */
  private async agentFor(runtime: ConversationRuntime, identity: Identity, turnId: string): Promise<AgentSession> {
    const tag = tokenTag(identity.netbox.token);
    const current = runtime.agent;
    if (current && current.state !== 'closed' && runtime.agentTokenTag === tag) return current;
    if (current) {
      // Signed in again with another token, or its process has closed: a new one, resuming the same session.
      runtime.agent = undefined;
      await current.close();
    }
    const resume = await repairContext(this.deps, runtime.scope, runtime.sdkSessionId, turnId);
    runtime.sdkSessionId = resume;
    const agent = this.deps.agents.create(identity, {
      ...(resume ? { resumeSessionId: resume } : {}),
      onEvent: (event) => this.onAgentEvent(runtime, event),
    });
    runtime.agent = agent;
    runtime.agentTokenTag = tag;
    return agent;
  }

  private rememberSession(runtime: ConversationRuntime, sessionId: string): void {
    if (sessionId === runtime.sdkSessionId) return;
    runtime.sdkSessionId = sessionId;
    const { store } = this.deps;
    runtime.writer
      .task(async () => {
        await store.conversations.setSdkSessionId(runtime.userId, runtime.conversationId, sessionId);
        return [];
      }, { retry: true })
      .catch((error: unknown) => this.deps.logger.warn({ conversationId: runtime.conversationId, err: errorName(error) }, 'storing the SDK session id failed'));
  }

  /** While text streams, the stored answer follows at most once a second; tool calls are saved at once. */
  private saveIfDue(runtime: ConversationRuntime, turn: TurnRecorder, now: boolean): void {
    if (turn.ending || turn.failure || (!now && Date.now() - turn.lastSaved < SAVE_TEXT_EVERY_MS)) return;
    turn.lastSaved = Date.now();
    const fence = runtime.fence(turn);
    runtime.writer
      .task(async () => {
        if (turn.ending || turn.failure) return [];
        await this.deps.store.messages.upsertAssistantMessage(
          { ...runtime.scope, turnId: turn.turnId, content: turn.answer.text, toolCalls: turn.answer.toolCalls, status: 'running' },
          fence,
        );
        return [];
      }, { retry: false })
      .catch((error: unknown) => this.writeFailed(runtime, turn, error));
  }

  private writeFailed(runtime: ConversationRuntime, turn: TurnRecorder, error: unknown): void {
    if (runtime.turn !== turn) return;
    if (isStoreError(error, 'LEASE_LOST') || isStoreError(error, 'NOT_FOUND')) this.abandon(runtime, 'lease-lost');
    else if (!isStoreError(error, 'STORE_UNAVAILABLE')) this.deps.logger.error({ conversationId: runtime.conversationId, err: errorName(error) }, 'recording an agent event failed');
  }

  /** A lease taken for a turn that never started: given back as soon as the database takes it. */
  private releaseLater(runtime: ConversationRuntime, turnId: string): void {
    runtime.writer
      .task(async () => {
        await this.deps.store.turns.release(runtime.conversationId, turnId);
        return [];
      }, { retry: true })
      .catch((error: unknown) => this.deps.logger.warn({ conversationId: runtime.conversationId, err: errorName(error) }, 'releasing a turn lease failed'));
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

  interrupt(agent: AgentSession): void {
    agent.interrupt().catch((error: unknown) => this.deps.logger.warn({ err: errorName(error) }, 'interrupt failed'));
  }
}

export function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown';
}

/** A turn's end in the terms of its metrics. */
function turnSummary(end: TurnEnd): TurnSummary {
  const outcome = end.error ? 'error' : end.stopReason === 'stopped' ? 'stopped' : 'done';
  return {
    outcome,
    ...(end.error ? { errorCode: end.error.code } : {}),
    ...(end.usage
      ? {
          usage: {
            inputTokens: end.usage.input_tokens ?? 0,
            outputTokens: end.usage.output_tokens ?? 0,
            cacheReadTokens: end.usage.cache_read_input_tokens ?? 0,
            cacheCreationTokens: end.usage.cache_creation_input_tokens ?? 0,
          },
        }
      : {}),
    ...(end.costUsd === undefined ? {} : { costUsd: end.costUsd }),
  };
}
