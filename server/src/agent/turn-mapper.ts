import type { SDKMessage, SDKResultMessage, SDKUserMessage } from '@anthropic-ai/claude-agent-sdk';
import { classifyModelFailure, type AgentErrorCode } from './agent-errors.ts';
import type { AgentEvent, TurnUsage } from './agent-events.ts';
import { NETBOX_SERVER } from './tool-gate.ts';
import { resultMeta, summarize, toolErrorCode, toolResultText } from './tool-result.ts';

type UserBlock = Exclude<SDKUserMessage['message']['content'], string>[number];
type ToolResultBlock = Extract<UserBlock, { type: 'tool_result' }>;

/** The last `api_retry` the CLI reported in this turn: the best evidence of why a turn failed. */
export interface RetrySeen {
  readonly status: number | null;
  readonly kind: string;
}

/**
 * Turns the SDK's messages for one turn into our events. Only the main thread counts (no subagents can run
 * here, but `parent_tool_use_id` says so if one ever did). Text comes from the partial `stream_event`s, token by
 * token; the complete assistant messages that follow are used for tool calls, and for text only when a message
 * was not streamed.
 *
 * Each text block the model writes is a paragraph of its own: text after a tool call would otherwise run on
 * from the text before it ("…that site.These are…"). The break rides on the block's first piece, so the
 * streamed text and the stored message hold the same characters.
 *
 * A model request cut off midway is retried by the CLI (an `api_retry`), and the retry writes its message
 * again from the start: the text the failed attempt had streamed is taken back with a `text_reset` to where
 * that request began, so the answer is the retry's text alone.
 */
export class TurnMapper {
  private readonly toolNames = new Map<string, string>();
  private readonly streamedMessages = new Set<string>();
  private lastRetry: RetrySeen | undefined;
  /** The turn's text as emitted so far. */
  private emitted = '';
  /** Where the model request being streamed began in `emitted`; null between requests. */
  private requestStart: number | null = null;
  /** A new text block started after earlier text; its first non-empty piece gets the paragraph break. */
  private breakPending = false;
  /** The model request being streamed, for its model_request event. */
  private request: { model: string; startedAt: number; inputTokens: number; outputTokens: number; completed: boolean } | null = null;

  private readonly turnId: string;

  constructor(turnId: string) {
    this.turnId = turnId;
  }

  get retry(): RetrySeen | undefined {
    return this.lastRetry;
  }

  map(message: SDKMessage): AgentEvent[] {
    const turnId = this.turnId;
    switch (message.type) {
      case 'stream_event': {
        if (message.parent_tool_use_id !== null) return [];
        const event = message.event;
        if (event.type === 'message_start') {
          this.streamedMessages.add(event.message.id);
          this.requestStart = this.emitted.length;
          // A gateway may leave usage or the model out of its stream: a request is still a request.
          const usage: Partial<typeof event.message.usage> = event.message.usage ?? {};
          const input = (usage.input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
          this.request = { model: event.message.model ?? 'unknown', startedAt: Date.now(), inputTokens: input, outputTokens: 0, completed: false };
        }
        // A request that completed says why it stopped; the CLI closes a cut one with message_stop alone.
        if (event.type === 'message_delta') {
          this.requestStart = null;
          if (this.request) this.request = { ...this.request, completed: true, outputTokens: event.usage?.output_tokens ?? 0 };
        }
        if (event.type === 'message_stop') return this.requestEnded();
        if (event.type === 'content_block_start' && event.content_block.type === 'text' && this.emitted !== '') this.breakPending = true;
        if (event.type !== 'content_block_delta') return [];
        if (event.delta.type === 'text_delta') return this.text(event.delta.text, false);
        if (event.delta.type === 'thinking_delta') return [{ type: 'thinking', turnId, text: event.delta.thinking }];
        return [];
      }
      case 'assistant': {
        // The CLI's own "API Error: …" message: the failure is reported once, by the result, as an error event.
        if (message.parent_tool_use_id !== null || message.error !== undefined || message.message.model === '<synthetic>') return [];
        const streamed = this.streamedMessages.has(message.message.id);
        const events: AgentEvent[] = [];
        for (const block of message.message.content) {
          if (block.type === 'tool_use') {
            this.toolNames.set(block.id, block.name);
            events.push({ type: 'tool_use', turnId, toolUseId: block.id, name: block.name, input: block.input });
          } else if (!streamed && block.type === 'text' && block.text) {
            events.push(...this.text(block.text, true));
          } else if (!streamed && block.type === 'thinking' && block.thinking) {
            events.push({ type: 'thinking', turnId, text: block.thinking });
          }
        }
        return events;
      }
      case 'user': {
        if (message.parent_tool_use_id !== null || typeof message.message.content === 'string') return [];
        const blocks: readonly UserBlock[] = message.message.content;
        const results = blocks.filter((block): block is ToolResultBlock => block.type === 'tool_result');
        return results.map((block) => {
          const text = toolResultText(block.content);
          const isError = block.is_error === true;
          // One tool_use_result per message: it belongs to the block only when the message carries just one.
          const meta = results.length === 1 ? resultMeta(message.tool_use_result) : undefined;
          return {
            type: 'tool_result',
            turnId,
            toolUseId: block.tool_use_id,
            name: this.toolNames.get(block.tool_use_id) ?? 'unknown',
            isError,
            text,
            summary: summarize(text),
            queries: meta?.queries ?? [],
            ...(meta ? { meta } : {}),
            ...(isError ? { errorCode: toolErrorCode(text) } : {}),
          };
        });
      }
      case 'system': {
        if (message.subtype === 'init') return unusableMcpServers(message.mcp_servers).map((server) => ({ type: 'mcp_server_failed', turnId, ...server }));
        if (message.subtype !== 'api_retry') return [];
        this.lastRetry = { status: message.error_status, kind: message.error };
        return [
          ...this.takeBackFailedAttempt(),
          {
            type: 'retry',
            turnId,
            attempt: message.attempt,
            maxRetries: message.max_retries,
            delayMs: message.retry_delay_ms,
            code: classifyModelFailure({ status: message.error_status, kind: message.error }),
          },
        ];
      }
      default:
        return [];
    }
  }

  /** A piece of text, with the paragraph break first when it opens a block that follows earlier text. */
  private text(piece: string, newBlock: boolean): AgentEvent[] {
    if (piece === '') return [];
    let text = piece;
    if ((newBlock || this.breakPending) && this.emitted !== '') text = paragraphBreak(this.emitted, piece) + piece;
    this.breakPending = false;
    this.emitted += text;
    return [{ type: 'text', turnId: this.turnId, text }];
  }

  private requestEnded(): AgentEvent[] {
    const request = this.request;
    this.request = null;
    if (!request) return [];
    return [{ type: 'model_request', turnId: this.turnId, ...request, durationMs: Date.now() - request.startedAt }];
  }

  /** The request being streamed failed and will be sent again: what it streamed is void. */
  private takeBackFailedAttempt(): AgentEvent[] {
    const start = this.requestStart;
    this.requestStart = null;
    this.breakPending = false;
    if (start === null || this.emitted.length <= start) return [];
    this.emitted = this.emitted.slice(0, start);
    return [{ type: 'text_reset', turnId: this.turnId, length: start }];
  }

  /** Why a result that is an error failed, as one of our codes. */
  failureCode(result: SDKResultMessage): AgentErrorCode {
    if (result.subtype === 'success') {
      return classifyModelFailure({ ...(this.lastRetry ? { status: this.lastRetry.status, kind: this.lastRetry.kind } : {}), text: result.result });
    }
    if (result.terminal_reason === 'prompt_too_long') return 'MODEL_REJECTED';
    if (this.lastRetry) return classifyModelFailure({ status: this.lastRetry.status, kind: this.lastRetry.kind });
    return 'INTERNAL';
  }
}

/**
 * The servers the CLI lists as unusable in its `init` message (sent at the start of every turn). Our in-process
 * NetBox server is left out: it cannot fail to start, and the chat is no use without it anyway.
 */
function unusableMcpServers(servers: readonly { name: string; status: string }[]): { server: string; status: 'failed' | 'needs-auth' }[] {
  return servers.flatMap(({ name, status }) => (name !== NETBOX_SERVER && (status === 'failed' || status === 'needs-auth') ? [{ server: name, status }] : []));
}

/** The newlines that make a blank line between `before` (the text so far) and `next`, counting those they have. */
function paragraphBreak(before: string, next: string): string {
  const have = trailingNewlines(before.slice(-2)) + (/^\n*/.exec(next)?.[0].length ?? 0);
  return '\n'.repeat(Math.max(0, 2 - have));
}

function trailingNewlines(text: string): number {
  return text.length - text.replace(/\n+$/, '').length;
}

export function usageOf(result: SDKResultMessage): TurnUsage {
  return {
    inputTokens: result.usage.input_tokens ?? 0,
    outputTokens: result.usage.output_tokens ?? 0,
    cacheReadInputTokens: result.usage.cache_read_input_tokens ?? 0,
    cacheCreationInputTokens: result.usage.cache_creation_input_tokens ?? 0,
  };
}

/** Whether a result ends its turn in failure. */
export function isFailedResult(result: SDKResultMessage): boolean {
  return result.is_error || result.subtype !== 'success';
}

/** A `resume` of a session id whose transcript is nowhere: the CLI ends at once with this error. */
export function isLostSession(result: SDKResultMessage): boolean {
  return result.subtype === 'error_during_execution' && result.errors.some((error) => error.startsWith('No conversation found with session ID'));
}
