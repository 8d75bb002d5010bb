import type { AssistantBlock, AssistantMessage } from './assistant-message.ts';
import { chunkJson, chunkText } from './chunk-text.ts';

export interface SseEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

export function isContentDelta(event: SseEvent): boolean {
  return event.event === 'content_block_delta';
}

export function formatSse(event: SseEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

function blockEvents(block: AssistantBlock, index: number): SseEvent[] {
  if (block.type === 'text') {
    return [
      { event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } },
      ...chunkText(block.text).map((text) => ({
        event: 'content_block_delta',
        data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } },
      })),
      { event: 'content_block_stop', data: { type: 'content_block_stop', index } },
    ];
  }
  return [
    {
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } },
    },
    ...chunkJson(JSON.stringify(block.input)).map((partial_json) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } },
    })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index } },
  ];
}

/** The whole event sequence of one streamed answer, in the order the Messages API sends it. */
export function sseEvents(message: AssistantMessage): SseEvent[] {
  const { usage } = message;
  return [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
      },
    },
    { event: 'ping', data: { type: 'ping' } },
    ...message.content.flatMap(blockEvents),
    {
      event: 'message_delta',
      data: { type: 'message_delta', delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}
