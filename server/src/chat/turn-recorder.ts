import type { ErrorCode, ServerEvent, StopReason, ToolCall, Usage } from '@netbox-chatbox/protocol';
import type { AgentErrorCode, AgentEvent } from '../agent/index.ts';
import { describeToolUse } from './tool-summary.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A conversation event before the store has given it its seq. */
export type EventDraft = DistributiveOmit<Extract<ServerEvent, { seq?: number }>, 'seq'>;

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
  readonly error?: { readonly code: ErrorCode; readonly message: string; readonly retryable: boolean };
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

/**
 * One turn as it happens: turns the agent's events into protocol events, and keeps the assistant message they
 * add up to (its text and tool calls) for the messages table and for `POST /api/chat`.
 */
export class TurnRecorder {
  text = '';
  readonly toolCalls: ToolCall[] = [];
  /** Set once the assistant message row exists. */
  assistantMessageId: string | undefined;
  stopRequested = false;
  /** Whether the agent has been given the message (a stop before that has nothing to interrupt yet). */
  sent = false;
  outcome: TurnOutcome | undefined;
  readonly finished: Promise<TurnOutcome>;
  private resolveFinished!: (outcome: TurnOutcome) => void;
  private readonly toolStarted = new Map<string, number>();
  private readonly startedAt = performance.now();

  readonly conversationId: string;
  readonly turnId: string;

  constructor(
    conversationId: string,
    turnId: string,
  ) {
    this.conversationId = conversationId;
    this.turnId = turnId;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** The events one agent event becomes; empty for those that are not recorded (`queued`, the turn's end). */
  map(event: AgentEvent): EventDraft[] {
    const ids = { conversationId: this.conversationId, turnId: this.turnId };
    switch (event.type) {
      case 'text':
        if (event.text === '') return [];
        this.text += event.text;
        return [{ type: 'text', ...ids, content: event.text, completed: false }];
      case 'thinking':
        return event.text === '' ? [] : [{ type: 'thinking', ...ids, content: event.text }];
      case 'tool_use': {
        const input = isRecord(event.input) ? event.input : {};
        const summary = describeToolUse(event.name, input);
        this.toolStarted.set(event.toolUseId, performance.now());
        this.toolCalls.push({ id: event.toolUseId, name: event.name, input, summary, status: 'running', queries: [], links: {} });
        return [{ type: 'tool_use', ...ids, toolUseId: event.toolUseId, name: event.name, input, summary }];
      }
      case 'tool_result': {
        const started = this.toolStarted.get(event.toolUseId);
        const durationMs = started === undefined ? undefined : Math.round(performance.now() - started);
        const meta = event.meta;
        const links = {
          ...(meta?.links?.list ? { list: meta.links.list } : {}),
          ...(meta?.links?.objects ? { objects: { ...meta.links.objects } } : {}),
          ...(meta?.links?.names ? { names: { ...meta.links.names } } : {}),
        };
        const figures = {
          ...(meta?.rows === undefined ? {} : { rows: meta.rows }),
          ...(meta?.total === undefined ? {} : { total: meta.total }),
        };
        const queries = [...event.queries];
        const call = this.toolCalls.find((c) => c.id === event.toolUseId);
        if (call) {
          Object.assign(call, {
            status: event.isError ? 'error' : 'ok',
            resultSummary: event.summary,
            ...figures,
            truncated: meta?.truncated ?? false,
            queries,
            links,
            ...(durationMs === undefined ? {} : { durationMs }),
          });
        }
        return [
          {
            type: 'tool_result',
            ...ids,
            toolUseId: event.toolUseId,
            isError: event.isError,
            summary: event.summary,
            ...figures,
            truncated: meta?.truncated ?? false,
            queries,
            links,
            ...(durationMs === undefined ? {} : { durationMs }),
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

  /** The turn's closing events for its `done` or `error`, and its outcome. */
  end(event: Extract<AgentEvent, { type: 'done' | 'error' }>, costUsd: number): { drafts: EventDraft[]; outcome: TurnOutcome } {
    const ids = { conversationId: this.conversationId, turnId: this.turnId };
    const durationMs = Math.round(performance.now() - this.startedAt);
    const closing: EventDraft = { type: 'text', ...ids, content: '', completed: true };
    // A call the turn never got a result for (stopped, failed) did not finish.
    for (const call of this.toolCalls) if (call.status === 'running') call.status = 'error';
    if (event.type === 'error') {
      const error = { code: protocolCode(event.code), message: event.message, retryable: event.retryable };
      const outcome: TurnOutcome = { ...ids, text: this.text, toolCalls: this.toolCalls, status: 'error', durationMs, error };
      return { drafts: [closing, { type: 'error', ...ids, ...error }], outcome };
    }
    const usage: Usage = {
      input_tokens: event.usage.inputTokens,
      output_tokens: event.usage.outputTokens,
      cache_creation_input_tokens: event.usage.cacheCreationInputTokens,
      cache_read_input_tokens: event.usage.cacheReadInputTokens,
    };
    const stopReason: StopReason = event.stopped || this.stopRequested ? 'stopped' : 'end_turn';
    const outcome: TurnOutcome = {
      ...ids,
      text: this.text,
      toolCalls: this.toolCalls,
      status: stopReason === 'stopped' ? 'stopped' : 'complete',
      usage,
      costUsd,
      durationMs,
      stopReason,
    };
    const done: EventDraft = {
      type: 'done',
      ...ids,
      ...(this.assistantMessageId ? { messageId: this.assistantMessageId } : {}),
      usage,
      costUsd,
      durationMs,
      stopReason,
    };
    return { drafts: [closing, done], outcome };
  }

  /** A turn that failed before the agent ran it (the store, the pool): its closing events and outcome. */
  fail(code: ErrorCode, message: string, retryable: boolean): { drafts: EventDraft[]; outcome: TurnOutcome } {
    const ids = { conversationId: this.conversationId, turnId: this.turnId };
    const error = { code, message, retryable };
    const outcome: TurnOutcome = { ...ids, text: this.text, toolCalls: this.toolCalls, status: 'error', durationMs: Math.round(performance.now() - this.startedAt), error };
    return { drafts: [{ type: 'text', ...ids, content: '', completed: true }, { type: 'error', ...ids, ...error }], outcome };
  }

  settle(outcome: TurnOutcome): void {
    this.outcome = outcome;
    this.resolveFinished(outcome);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
