import type { ErrorCode, ServerEvent, StopReason, ToolCall, Usage } from '@netbox-chatbox/protocol';
import type { AgentErrorCode, AgentEvent } from '../agent/index.ts';
import { emptyAnswer, endToolCalls, foldAnswer, type Answer } from './answer-fold.ts';
import { describeToolUse } from './tool-summary.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A conversation event before the store has given it its seq. */
export type EventDraft = DistributiveOmit<Extract<ServerEvent, { seq?: number }>, 'seq'>;

export interface TurnError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}

export interface TurnOutcome {
  readonly conversationId: string;
  readonly turnId: string;
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly status: 'complete' | 'stopped' | 'error';
  readonly usage?: Usage;
  readonly costUsd?: number;
  readonly durationMs: number;
  readonly stopReason?: StopReason;
  readonly error?: TurnError;
}

/** How a turn ends: its closing events, and what its stored message says besides its text and tool calls. */
export interface TurnEnd {
  readonly drafts: readonly EventDraft[];
  readonly status: TurnOutcome['status'];
  readonly usage?: Usage;
  readonly costUsd?: number;
  readonly durationMs: number;
  readonly stopReason?: StopReason;
  readonly error?: TurnError;
  /** Cut off by a crash or an outage: the model's context is told so when the conversation goes on. */
  readonly interrupted: boolean;
}

/**
 * The agent's failure codes in the protocol's terms; the agent's own safe message goes along. A code the agent
 * layer adds later is INTERNAL until it is mapped here.
 */
const ERROR_CODE: Readonly<Partial<Record<AgentErrorCode, ErrorCode>>> = {
  MODEL_OVERLOADED: 'MODEL_OVERLOADED',
  MODEL_UNAVAILABLE: 'MODEL_UNAVAILABLE',
  MODEL_CONFIG: 'MODEL_AUTH',
  MODEL_REJECTED: 'MODEL_UNAVAILABLE',
  MODEL_STALLED: 'TURN_STALLED',
  TOOL_STALLED: 'TURN_STALLED',
  AGENT_BUSY: 'BUSY',
  TURN_IN_PROGRESS: 'TURN_IN_PROGRESS',
  SESSION_CLOSED: 'INTERNAL',
  INTERNAL: 'INTERNAL',
};

export function protocolCode(code: AgentErrorCode): ErrorCode {
  return ERROR_CODE[code] ?? 'INTERNAL';
}

const RETRY_WORDS: Partial<Record<AgentErrorCode, string>> = {
  MODEL_OVERLOADED: 'is overloaded',
  MODEL_UNAVAILABLE: 'did not answer',
};

/** Why a turn this process ran was given up before its agent ended it. */
export type TurnFailure =
  /** The database stayed away too long: the turn ends with STORE_UNAVAILABLE, written when it is back. */
  | { readonly kind: 'store'; readonly error: TurnError }
  /** Another process closed the turn as abandoned (this one seemed dead): nothing more is written for it. */
  | { readonly kind: 'lease-lost' };

/**
 * One turn as it happens: turns the agent's events into protocol events, and keeps the assistant message that
 * the recorded ones add up to (`answer`, folded as they are stored) for the messages table and `POST /api/chat`.
 */
export class TurnRecorder {
  /** The answer as the recorded events make it: what a replay shows. */
  readonly answer: Answer = emptyAnswer();
  /** Set once the assistant message row exists. */
  assistantMessageId: string | undefined;
  stopRequested = false;
  /** Whether the agent has been given the message (a stop before that has nothing to interrupt yet). */
  sent = false;
  /** When this process took the turn's lease (Date.now()), once it has. */
  leasedAt: number | undefined;
  /** Set when the turn is given up before its agent ends it. */
  failure: TurnFailure | undefined;
  /** Its end is being written: later events of the agent are not recorded. */
  ending = false;
  /** When the answer was last saved while streaming. */
  lastSaved = 0;
  outcome: TurnOutcome | undefined;
  readonly finished: Promise<TurnOutcome>;
  private resolveFinished!: (outcome: TurnOutcome) => void;
  private readonly toolStarted = new Map<string, number>();
  private readonly startedAt = performance.now();

  readonly conversationId: string;
  readonly turnId: string;

  constructor(conversationId: string, turnId: string) {
    this.conversationId = conversationId;
    this.turnId = turnId;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  get durationMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  /** The events one agent event becomes; empty for those that are not recorded (`queued`, the turn's end). */
  map(event: AgentEvent): EventDraft[] {
    const ids = { conversationId: this.conversationId, turnId: this.turnId };
    switch (event.type) {
      case 'text':
        return event.text === '' ? [] : [{ type: 'text', ...ids, content: event.text, completed: false }];
      case 'text_reset':
        return [{ type: 'text_reset', ...ids, length: event.length }];
      case 'thinking':
        return event.text === '' ? [] : [{ type: 'thinking', ...ids, content: event.text }];
      case 'tool_use': {
        const input = isRecord(event.input) ? event.input : {};
        this.toolStarted.set(event.toolUseId, performance.now());
        return [{ type: 'tool_use', ...ids, toolUseId: event.toolUseId, name: event.name, input, summary: describeToolUse(event.name, input) }];
      }
      case 'tool_slow':
        return [{ type: 'notice', ...ids, code: 'TOOL_SLOW', toolUseId: event.toolUseId, message: slowToolWords(event.name, event.elapsedMs) }];
      case 'tool_result': {
        const started = this.toolStarted.get(event.toolUseId);
        const meta = event.meta;
        const links = {
          ...(meta?.links?.list ? { list: meta.links.list } : {}),
          ...(meta?.links?.objects ? { objects: { ...meta.links.objects } } : {}),
          ...(meta?.links?.names ? { names: { ...meta.links.names } } : {}),
        };
        return [
          {
            type: 'tool_result',
            ...ids,
            toolUseId: event.toolUseId,
            isError: event.isError,
            summary: event.summary,
            ...(meta?.rows === undefined ? {} : { rows: meta.rows }),
            ...(meta?.total === undefined ? {} : { total: meta.total }),
            truncated: meta?.truncated ?? false,
            queries: [...event.queries],
            links,
            ...(started === undefined ? {} : { durationMs: Math.round(performance.now() - started) }),
          },
        ];
      }
      case 'retry':
        return [
          {
            type: 'notice',
            ...ids,
            code: 'MODEL_RETRYING',
            message: `The AI model ${RETRY_WORDS[event.code] ?? 'failed'}; retrying (attempt ${event.attempt} of ${event.maxRetries}).`,
          },
        ];
      case 'mcp_server_failed':
        return [
          {
            type: 'notice',
            ...ids,
            code: 'MCP_SERVER_FAILED',
            message:
              event.status === 'needs-auth'
                ? `The tool server "${event.server}" needs a sign-in the server cannot do, so its tools are not available; the conversation goes on without it.`
                : `The tool server "${event.server}" failed to start, so its tools are not available; the conversation goes on without it.`,
          },
        ];
      default:
        return [];
    }
  }

  /** A recorded event of this turn, as stored: the answer follows it. */
  committed(event: Readonly<Record<string, unknown>>): void {
    foldAnswer(this.answer, event);
  }

  /** The turn's end for the agent's `done` or `error`. */
  end(event: Extract<AgentEvent, { type: 'done' | 'error' }>, costUsd: number): TurnEnd {
    if (event.type === 'error') return this.fail(protocolCode(event.code), event.message, event.retryable);
    const usage: Usage = {
      input_tokens: event.usage.inputTokens,
      output_tokens: event.usage.outputTokens,
      cache_creation_input_tokens: event.usage.cacheCreationInputTokens,
      cache_read_input_tokens: event.usage.cacheReadInputTokens,
    };
    const stopReason: StopReason = event.stopped || this.stopRequested ? 'stopped' : 'end_turn';
    const ids = { conversationId: this.conversationId, turnId: this.turnId };
    const durationMs = this.durationMs;
    return {
      drafts: [
        { type: 'text', ...ids, content: '', completed: true },
        { type: 'done', ...ids, ...(this.assistantMessageId ? { messageId: this.assistantMessageId } : {}), usage, costUsd, durationMs, stopReason },
      ],
      status: stopReason === 'stopped' ? 'stopped' : 'complete',
      usage,
      costUsd,
      durationMs,
      stopReason,
      interrupted: false,
    };
  }

  /** A turn that failed: its closing events (the `completed` text, then the error). */
  fail(code: ErrorCode, message: string, retryable: boolean, options: { interrupted?: boolean } = {}): TurnEnd {
    const ids = { conversationId: this.conversationId, turnId: this.turnId };
    const error = { code, message, retryable };
    return {
      drafts: [
        { type: 'text', ...ids, content: '', completed: true },
        { type: 'error', ...ids, ...error },
      ],
      status: 'error',
      durationMs: this.durationMs,
      error,
      interrupted: options.interrupted ?? false,
    };
  }

  /** The outcome, from the answer as recorded by now (its end included). */
  settle(end: TurnEnd): TurnOutcome {
    endToolCalls(this.answer);
    const outcome: TurnOutcome = {
      conversationId: this.conversationId,
      turnId: this.turnId,
      text: this.answer.text,
      toolCalls: this.answer.toolCalls,
      status: end.status,
      durationMs: end.durationMs,
      ...(end.usage ? { usage: end.usage } : {}),
      ...(end.costUsd === undefined ? {} : { costUsd: end.costUsd }),
      ...(end.stopReason ? { stopReason: end.stopReason } : {}),
      ...(end.error ? { error: end.error } : {}),
    };
    this.outcome = outcome;
    this.resolveFinished(outcome);
    return outcome;
  }
}

function slowToolWords(name: string, elapsedMs: number): string {
  const seconds = Math.round(elapsedMs / 1000);
  const server = /^mcp__(.+?)__/.exec(name)?.[1];
  const who = server === undefined || server === 'netbox' ? 'NetBox is' : `The tool server "${server}" is`;
  return `${who} slow to answer; still waiting (${seconds} s so far).`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
