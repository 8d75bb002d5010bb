import { ToolResultEventSchema, ToolUseEventSchema, type ToolCall } from '@netbox-chatbox/protocol';
import { z } from 'zod';

/**
 * The assistant message that a turn's recorded events add up to: its text and its tool calls. The stored
 * message is always this fold of the events in the log, never of events that were not recorded, so what a client
 * saw live, what a replay shows and what the messages table holds cannot drift apart, not even after a crash
 * (the process that closes a dead turn folds its events the same way).
 */
export interface Answer {
  text: string;
  readonly toolCalls: ToolCall[];
}

export function emptyAnswer(): Answer {
  return { text: '', toolCalls: [] };
}

const TextSchema = z.object({ type: z.literal('text'), content: z.string() });
const TextResetSchema = z.object({ type: z.literal('text_reset'), length: z.number().int().nonnegative() });
const ToolUseSchema = ToolUseEventSchema.pick({ type: true, toolUseId: true, name: true, input: true, summary: true });
const ToolResultSchema = ToolResultEventSchema.omit({ conversationId: true, turnId: true, seq: true });

/** Applies one recorded event (as stored, or as drafted) to the answer; other event types change nothing. */
export function foldAnswer(answer: Answer, event: Readonly<Record<string, unknown>>): void {
  switch (event.type) {
    case 'text': {
      const text = TextSchema.safeParse(event);
      if (text.success) answer.text += text.data.content;
      return;
    }
    case 'text_reset': {
      const reset = TextResetSchema.safeParse(event);
      if (reset.success) answer.text = answer.text.slice(0, reset.data.length);
      return;
    }
    case 'tool_use': {
      const use = ToolUseSchema.safeParse(event);
      if (!use.success || answer.toolCalls.some((call) => call.id === use.data.toolUseId)) return;
      const { toolUseId, name, input, summary } = use.data;
      answer.toolCalls.push({ id: toolUseId, name, input, summary, status: 'running', queries: [], links: {} });
      return;
    }
    case 'tool_result': {
      const result = ToolResultSchema.safeParse(event);
      if (!result.success) return;
      const call = answer.toolCalls.find((c) => c.id === result.data.toolUseId);
      if (!call) return;
      const { isError, summary, rows, total, truncated, queries, links, durationMs } = result.data;
      Object.assign(call, {
        status: isError ? 'error' : 'ok',
        resultSummary: summary,
        ...(rows === undefined ? {} : { rows }),
        ...(total === undefined ? {} : { total }),
        truncated,
        queries,
        links,
        ...(durationMs === undefined ? {} : { durationMs }),
      });
      return;
    }
    default:
      return;
  }
}

/** A call the turn never got a result for (stopped, failed, cut off) did not finish. */
export function endToolCalls(answer: Answer): void {
  for (const call of answer.toolCalls) if (call.status === 'running') call.status = 'error';
}

export function foldEvents(events: Iterable<Readonly<Record<string, unknown>>>): Answer {
  const answer = emptyAnswer();
  for (const event of events) foldAnswer(answer, event);
  return answer;
}
