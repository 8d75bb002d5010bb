import { randomUUID } from 'node:crypto';
import { query, type Options, type Query, type SDKMessage, type SDKResultMessage } from '@anthropic-ai/claude-agent-sdk';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { AgentError, safeError, type AgentErrorCode } from './agent-errors.ts';
import type { AgentEvent, AgentEventSink } from './agent-events.ts';
import { InputChannel } from './input-channel.ts';
import { ResumeCopy } from './session-files.ts';
import { TurnWatch } from './turn-watch.ts';
import type { Lease, PoolMember, SessionPool } from './session-pool.ts';
import { isFailedResult, isLostSession, TurnMapper, usageOf } from './turn-mapper.ts';

export interface AgentSessionOptions {
  readonly pool: SessionPool;
  /** The SDK options for a new CLI process; `resume` is the SDK session id to continue, if any. */
  readonly makeOptions: (resume: string | undefined) => Options;
  /** The key under which the pool may hold a warm spare for this session's first process (e.g. the user). */
  readonly spareKey?: string;
  /** The SDK session id of an earlier process of this conversation (from the store): the first turn resumes it. */
  readonly resumeSessionId?: string;
  readonly onEvent: AgentEventSink;
  /** Between turns, the CLI process is closed after this long; the next message resumes. Default 10 minutes. */
  readonly idleMs?: number;
  /** During a turn, no SDK message for this long means the stream is stuck: interrupt. Default 90 s. */
  readonly stallMs?: number;
  /**
   * While a tool call runs, the model is not expected to say anything: instead of `stallMs`, a call may run this
   * long before the turn is given up (NetBox calls end long before, at their own deadline). Default 10 minutes.
   */
  readonly toolLimitMs?: number;
  /** A tool call running this long is reported as slow (`tool_slow`). Default the smaller of 5 s and `stallMs`. */
  readonly toolSlowMs?: number;
  /** Whose session this is, for the pool's per-user share. */
  readonly owner?: string;
  /** After an interrupt, how long the CLI has to end the turn before its process is closed. Default 5 s. */
  readonly interruptGraceMs?: number;
  readonly logger?: Logger;
}

export type SessionState = 'closed' | 'waiting' | 'starting' | 'ready' | 'running' | 'disposed';

interface Turn {
  readonly id: string;
  readonly startedAt: number;
  readonly mapper: TurnMapper;
  /** Gives up the place in the pool's queue when the turn is stopped before it has a process. */
  readonly queueAbort: AbortController;
  readonly finished: Promise<void>;
  readonly finish: () => void;
  stopRequested: boolean;
  ended: boolean;
  readonly watch: TurnWatch;
  /** The process the message went to, once it has. */
  query: Query | undefined;
  grace: NodeJS.Timeout | undefined;
}

interface Live {
  readonly query: Query;
  readonly input: InputChannel;
  readonly lease: Lease;
  readonly ended: Promise<void>;
}

const STOPPED = Symbol('stopped');

/** Added to the stall limit before a turn's first SDK message. */
const STARTUP_ALLOWANCE_MS = 30_000;

/**
 * One conversation's agent: one CLI process in streaming-input mode while the conversation is active, closed
 * when idle and resumed (with the SDK session id) on the next message. Reports what happens as `AgentEvent`s.
 * One turn at a time.
 */
export class AgentSession implements PoolMember {
  private readonly options: AgentSessionOptions;
  private readonly logger: Logger;
  private readonly idleMs: number;
  private readonly stallMs: number;
  private readonly toolLimitMs: number;
  private readonly toolSlowMs: number;
  private readonly interruptGraceMs: number;
  private live: Live | undefined;
  private turn: Turn | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private sessionId: string | undefined;
  private current: SessionState = 'closed';
  private lastActive = Date.now();

  constructor(options: AgentSessionOptions) {
    this.options = options;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.stallMs = options.stallMs ?? 90_000;
    this.toolLimitMs = Math.max(this.stallMs, options.toolLimitMs ?? 10 * 60_000);
    this.toolSlowMs = options.toolSlowMs ?? Math.min(5_000, this.stallMs);
    this.interruptGraceMs = options.interruptGraceMs ?? 5_000;
    this.sessionId = options.resumeSessionId;
  }

  get state(): SessionState {
    return this.current;
  }

  /** The SDK session id, known once the first process has started; store it to resume after a restart. */
  get sdkSessionId(): string | undefined {
    return this.sessionId;
  }

  get lastActiveAt(): number {
    return this.lastActive;
  }

  get turnInProgress(): boolean {
    return this.turn !== undefined;
  }

  isIdle(): boolean {
    return this.current === 'ready';
  }

  /** Starts a turn; its events follow through `onEvent`. Returns the turn id. */
  send(text: string, turnId: string = randomUUID()): string {
    if (this.current === 'disposed') throw new AgentError('SESSION_CLOSED');
    if (this.turn) throw new AgentError('TURN_IN_PROGRESS');
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const turn: Turn = {
      id: turnId,
      startedAt: performance.now(),
      mapper: new TurnMapper(turnId),
      queueAbort: new AbortController(),
      finished,
      finish,
      stopRequested: false,
      ended: false,
      watch: new TurnWatch({
        stallMs: this.stallMs,
        toolLimitMs: this.toolLimitMs,
        toolSlowMs: this.toolSlowMs,
        onStall: (waitingForTool, limitMs) => {
          if (turn.ended || turn.stopRequested) return;
          this.logger.warn({ limitMs, waitingForTool }, waitingForTool ? 'tool call did not finish; interrupting' : 'turn stalled; interrupting');
          this.interruptLive(turn);
        },
        onSlowTool: (toolUseId, name, elapsedMs) => {
          if (!turn.ended) this.emit({ type: 'tool_slow', turnId, toolUseId, name, elapsedMs });
        },
      }),
      query: undefined,
      grace: undefined,
    };
    this.turn = turn;
    this.lastActive = Date.now();
    this.clearIdleTimer();
    void this.run(turn, text);
    return turnId;
  }

  /** Stops the turn in progress (a stop from the user); resolves once it has ended. The session stays usable. */
  async interrupt(): Promise<void> {
    const turn = this.turn;
    if (!turn) return;
    turn.stopRequested = true;
    if (!this.live || this.current === 'waiting') {
      turn.queueAbort.abort(STOPPED);
    } else {
      this.interruptLive(turn);
    }
    await turn.finished;
  }

  /**
   * Ends the session for good. Between turns the CLI gets to exit gracefully (it flushes the transcript to the
   * session store on the way); a running turn is cut short and reported as stopped.
   */
  async close(): Promise<void> {
    if (this.current === 'disposed') return;
    const turn = this.turn;
    const live = this.live;
    if (!turn && live) {
      await this.closeLive('idle');
      this.current = 'disposed';
      return;
    }
    this.current = 'disposed';
    this.clearIdleTimer();
    if (turn) {
      turn.stopRequested = true;
      turn.queueAbort.abort(STOPPED);
    }
    if (live) {
      live.input.end();
      live.query.close();
      await live.ended;
    }
    if (turn && !turn.ended) this.endTurn(turn, this.doneEvent(turn, undefined));
  }

  /** The pool needs the slot: close the process gracefully; the next message resumes. */
  evict(): Promise<boolean> {
    return this.closeLive('evicted');
  }

  private async run(turn: Turn, text: string): Promise<void> {
    try {
      if (!this.live) await this.open(turn);
      if (turn.ended) return;
      const live = this.live as Live | undefined;
      if (!live) throw new AgentError('INTERNAL');
      this.current = 'running';
      // Until the CLI says anything, it is starting (a cold process, its MCP servers connecting), not stalling.
      turn.watch.arm(STARTUP_ALLOWANCE_MS);
      turn.query = live.query;
      live.input.push(text);
      if (turn.stopRequested) this.interruptLive(turn);
    } catch (error) {
      if (turn.ended) return;
      if (error === STOPPED || turn.stopRequested) {
        this.endTurn(turn, this.doneEvent(turn, undefined));
        return;
      }
      const code: AgentErrorCode = error instanceof AgentError ? error.code : 'INTERNAL';
      if (!(error instanceof AgentError)) this.logger.error({ err: errorName(error) }, 'turn failed to start');
      this.endTurn(turn, this.errorEvent(turn, code));
    }
  }

  private async open(turn: Turn): Promise<void> {
    this.current = 'waiting';
    const resume = this.sessionId;
    const { lease, spare } = await this.options.pool.acquire(this, {
      ...(resume === undefined && this.options.spareKey !== undefined ? { spareKey: this.options.spareKey } : {}),
      ...(this.options.owner === undefined ? {} : { owner: this.options.owner }),
      signal: turn.queueAbort.signal,
      onQueued: (position) => this.emit({ type: 'queued', turnId: turn.id, position }),
    });
    if ((this.current as SessionState) === 'disposed') {
      spare?.close();
      lease.release();
      throw STOPPED;
    }
    this.current = 'starting';
    const input = new InputChannel();
    // Before the SDK copies the stored transcript out for the process: what appears after is this process's.
    const copy = resume === undefined || spare ? undefined : new ResumeCopy(resume);
    let q: Query;
    try {
      q = spare ? spare.query(input) : query({ prompt: input, options: this.options.makeOptions(resume) });
    } catch (error) {
      lease.release();
      throw error;
    }
    this.logger.debug({ resume: resume !== undefined, warm: spare !== undefined }, 'cli process started');
    const ended = this.consume(q, input, lease, copy);
    this.live = { query: q, input, lease, ended };
  }

  private async consume(q: Query, input: InputChannel, lease: Lease, copy: ResumeCopy | undefined): Promise<void> {
    // The CLI lists its MCP servers at the start of every turn; a failed one is news once per process.
    const mcpReported = new Set<string>();
    let first = true;
    try {
      for await (const message of q) {
        if (first) copy?.started();
        first = false;
        this.onMessage(message, mcpReported);
      }
    } catch (error) {
      // After an error result the SDK throws once its input ends; that turn has already been reported.
      if (this.turn?.query === q) this.logger.warn({ err: errorName(error) }, 'cli process failed');
      else this.logger.debug({ err: errorName(error) }, 'cli process ended with an error');
    } finally {
      try {
        copy?.remove();
      } catch (error) {
        this.logger.warn({ err: errorName(error) }, 'removing a resumed transcript copy failed');
      }
      input.end();
      lease.release();
      if (this.live?.query === q) {
        this.live = undefined;
        this.clearIdleTimer();
      }
      // A turn waiting for a new process is not this process's business.
      if (!this.live && !this.turn && this.current !== 'disposed') this.current = 'closed';
      const turn = this.turn;
      if (turn && turn.query === q && !turn.ended) {
        this.endTurn(turn, turn.stopRequested ? this.doneEvent(turn, undefined) : this.errorEvent(turn, turn.watch.stallCode ?? 'INTERNAL'));
      }
    }
  }

  private onMessage(message: SDKMessage, mcpReported: Set<string>): void {
    const turn = this.turn;
    if ('session_id' in message && typeof message.session_id === 'string' && message.session_id !== this.sessionId) {
      this.sessionId = message.session_id;
      if (turn && !turn.ended) this.emit({ type: 'session', turnId: turn.id, sessionId: message.session_id });
    }
    if (!turn || turn.ended) return;
    for (const event of turn.mapper.map(message)) {
      if (event.type === 'mcp_server_failed') {
        if (mcpReported.has(event.server)) continue;
        mcpReported.add(event.server);
        this.logger.warn({ server: event.server, status: event.status }, 'extra MCP server unusable; the conversation goes on without it');
      }
      if (event.type === 'tool_use') turn.watch.toolStarted(event.toolUseId, event.name);
      if (event.type === 'tool_result') turn.watch.toolFinished(event.toolUseId);
      this.emit(event);
    }
    turn.watch.arm(message.type === 'system' && message.subtype === 'api_retry' ? message.retry_delay_ms : 0);
    if (message.type === 'result') this.endTurn(turn, this.resultEvent(turn, message));
  }

  private resultEvent(turn: Turn, result: SDKResultMessage): AgentEvent {
    if (turn.stopRequested) return this.doneEvent(turn, result);
    const stalled = turn.watch.stallCode;
    if (stalled) return this.errorEvent(turn, stalled);
    if (isLostSession(result)) {
      // Its transcript is in neither the local dir nor the store: resuming would fail the same way every time.
      this.logger.warn({ turnId: turn.id }, 'resume found no transcript; the next message starts a new session');
      this.sessionId = undefined;
      // The CLI exits after this result; the next message needs a new process, without `resume`.
      void this.retireLive();
      return this.errorEvent(turn, 'SESSION_LOST');
    }
    if (isFailedResult(result)) {
      const code = turn.mapper.failureCode(result);
      this.logger.warn({ code, subtype: result.subtype, terminalReason: result.terminal_reason }, 'turn failed');
      return this.errorEvent(turn, code);
    }
    return this.doneEvent(turn, result);
  }

  private doneEvent(turn: Turn, result: SDKResultMessage | undefined): AgentEvent {
    return {
      type: 'done',
      turnId: turn.id,
      sessionId: this.sessionId,
      stopped: turn.stopRequested,
      usage: result ? usageOf(result) : { inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 },
      totalCostUsd: result?.total_cost_usd ?? 0,
      durationMs: Math.round(performance.now() - turn.startedAt),
    };
  }

  private errorEvent(turn: Turn, code: AgentErrorCode): AgentEvent {
    return { type: 'error', turnId: turn.id, sessionId: this.sessionId, ...safeError(code) };
  }

  private endTurn(turn: Turn, event: AgentEvent): void {
    if (turn.ended) return;
    turn.ended = true;
    turn.watch.stop();
    clearTimeout(turn.grace);
    if (this.turn === turn) this.turn = undefined;
    this.lastActive = Date.now();
    this.logger.debug(
      { turnId: turn.id, ms: Math.round(performance.now() - turn.startedAt), end: event.type === 'error' ? event.code : turn.stopRequested ? 'stopped' : 'done' },
      'turn ended',
    );
    this.emit(event);
    turn.finish();
    if (this.current === 'disposed') return;
    if (this.live) {
      this.current = 'ready';
      this.startIdleTimer();
      this.options.pool.memberIdle(this);
    } else {
      this.current = 'closed';
    }
  }

  private interruptLive(turn: Turn): void {
    const live = this.live;
    if (!live || turn.ended) return;
    live.query.interrupt().catch((error: unknown) => this.logger.warn({ err: errorName(error) }, 'interrupt failed'));
    if (turn.grace) return;
    // The CLI normally ends an interrupted turn within milliseconds; one that does not is wedged.
    turn.grace = setTimeout(() => {
      if (turn.ended) return;
      this.logger.warn({ stalled: turn.watch.stalled }, 'turn did not end after interrupt; closing the cli process');
      live.query.close();
    }, this.interruptGraceMs);
  }

  private startIdleTimer(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => void this.closeLive('idle'), this.idleMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** Closes an idle process; false when there was none or a turn has started meanwhile. */
  private async closeLive(reason: 'idle' | 'evicted'): Promise<boolean> {
    const live = this.live;
    if (!live || this.turn) return false;
    this.logger.debug({ reason }, 'closing cli process');
    await this.retireLive();
    return true;
  }

  /**
   * Detaches the live process: from here a new message starts a new one (resuming), and this one only finishes
   * exiting. Ending its input lets the CLI flush its transcript and exit; one that does not is closed.
   */
  private async retireLive(): Promise<void> {
    const live = this.live;
    if (!live) return;
    this.clearIdleTimer();
    this.live = undefined;
    if (this.current !== 'disposed') this.current = 'closed';
    live.input.end();
    const timer = setTimeout(() => live.query.close(), this.interruptGraceMs);
    await live.ended;
    clearTimeout(timer);
  }

  private emit(event: AgentEvent): void {
    try {
      this.options.onEvent(event);
    } catch (error) {
      this.logger.error({ err: errorName(error), event: event.type }, 'event sink failed');
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown';
}
