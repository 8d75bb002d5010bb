import type { ResultMeta } from '@netbox-chatbox/netbox-mcp';
import type { AgentErrorCode } from './agent-errors.ts';

/**
 * What an agent session reports while it answers, normalized from the SDK's messages. Every event names its
 * turn. A turn ends with exactly one `done` or one `error`; everything else comes before it.
 */
export type AgentEvent =
  | QueuedEvent
  | SessionEvent
  | TextEvent
  | TextResetEvent
  | ThinkingEvent
  | ToolUseEvent
  | ToolSlowEvent
  | ToolResultEvent
  | RetryEvent
  | McpServerFailedEvent
  | ModelRequestEvent
  | DoneEvent
  | ErrorEvent;

/** The pool is at its cap: the turn waits, `position` from 1. Sent again whenever the position changes. */
export interface QueuedEvent {
  readonly type: 'queued';
  readonly turnId: string;
  readonly position: number;
}

/**
 * The SDK session holding the conversation's context is known (a new process reports it as it starts): store
 * it at once, so that a crash in this very turn still leaves a session to resume.
 */
export interface SessionEvent {
  readonly type: 'session';
  readonly turnId: string;
  readonly sessionId: string;
}

/**
 * A model request failed partway through its stream and the CLI is trying it again: the text it had streamed is
 * void. The turn's text goes back to its first `length` characters (what it was before that request began).
 */
export interface TextResetEvent {
  readonly type: 'text_reset';
  readonly turnId: string;
  readonly length: number;
}

/** A tool call has been running for a while (NetBox is slow): worth telling the user, not a failure. */
export interface ToolSlowEvent {
  readonly type: 'tool_slow';
  readonly turnId: string;
  readonly toolUseId: string;
  readonly name: string;
  readonly elapsedMs: number;
}

/**
 * One request to the model ended (the CLI makes one per step: before and after each tool call). For tracing and
 * metrics only: nothing of it is recorded in the conversation.
 */
export interface ModelRequestEvent {
  readonly type: 'model_request';
  readonly turnId: string;
  readonly model: string;
  /** Epoch milliseconds of its first streamed event, and how long until its last. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** False when its stream was cut before the model said why it stopped (the CLI retries such a request). */
  readonly completed: boolean;
}

/** A piece of the answer as the model streams it (token level). */
export interface TextEvent {
  readonly type: 'text';
  readonly turnId: string;
  readonly text: string;
}

export interface ThinkingEvent {
  readonly type: 'thinking';
  readonly turnId: string;
  readonly text: string;
}

export interface ToolUseEvent {
  readonly type: 'tool_use';
  readonly turnId: string;
  readonly toolUseId: string;
  readonly name: string;
  readonly input: unknown;
}

export interface ToolResultEvent {
  readonly type: 'tool_result';
  readonly turnId: string;
  readonly toolUseId: string;
  /** The tool's name, from its `tool_use`; `unknown` if that was never seen. */
  readonly name: string;
  readonly isError: boolean;
  /** What the model read. */
  readonly text: string;
  /** The first line of `text` (e.g. `dcim.device: all 18`), short enough for a tool card. */
  readonly summary: string;
  /** The NetBox API requests the tool made (path and query), from the result's `_meta`. */
  readonly queries: readonly string[];
  /** Our NetBox MCP server's `_meta['netbox-chatbox/result']`, when the tool is ours. */
  readonly meta?: ResultMeta;
  /** For a failed call: the tool's code (`NETBOX_UNREACHABLE`, `NETBOX_AUTH`, …) or `TOOL_DENIED`. */
  readonly errorCode?: string;
}

/** The CLI retries a failed model call by itself; this says it is doing so and why. */
export interface RetryEvent {
  readonly type: 'retry';
  readonly turnId: string;
  readonly attempt: number;
  readonly maxRetries: number;
  readonly delayMs: number;
  readonly code: AgentErrorCode;
}

/**
 * An extra MCP server (MCP_CONFIG) could not be used by this CLI process: it failed to start or to connect, or
 * it wants a sign-in the CLI cannot do. Reported once per process; the turn goes on without its tools.
 */
export interface McpServerFailedEvent {
  readonly type: 'mcp_server_failed';
  readonly turnId: string;
  /** The server's name in MCP_CONFIG (letters, digits, `-`, `_`: safe to show). */
  readonly server: string;
  readonly status: 'failed' | 'needs-auth';
}

export interface TurnUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadInputTokens: number;
  readonly cacheCreationInputTokens: number;
}

export interface DoneEvent {
  readonly type: 'done';
  readonly turnId: string;
  /** The SDK session id: what `resume` takes to continue this conversation in a new CLI process. */
  readonly sessionId: string | undefined;
  /** True when the turn ended because of `interrupt()`; the text streamed so far is all there is. */
  readonly stopped: boolean;
  readonly usage: TurnUsage;
  /** The SDK's running total for the session (it carries over a resume), not this turn's cost alone. */
  readonly totalCostUsd: number;
  /** From `send()` to the end of the turn, queue wait included. */
  readonly durationMs: number;
}

export interface ErrorEvent {
  readonly type: 'error';
  readonly turnId: string;
  readonly sessionId: string | undefined;
  readonly code: AgentErrorCode;
  /** Safe to show: fixed per code, never the SDK's own text. */
  readonly message: string;
  readonly retryable: boolean;
}

export type AgentEventSink = (event: AgentEvent) => void;
