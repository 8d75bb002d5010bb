import { randomBytes } from 'node:crypto';

export type AssistantBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: Record<string, unknown> };

export interface Usage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

/** The non-streaming response body, and the `message` of a stream's `message_start` (with empty content). */
export interface AssistantMessage {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: readonly AssistantBlock[];
  readonly stop_reason: 'end_turn' | 'tool_use' | null;
  readonly stop_sequence: null;
  readonly usage: Usage;
}

/** Ids in Anthropic's style; random so two conversations never share a tool_use id. */
export function newId(prefix: 'msg' | 'toolu'): string {
  return `${prefix}_stub${randomBytes(10).toString('hex')}`;
}

/** About four characters a token: good enough for figures that only have to be plausible and stable. */
export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

export function stopReasonOf(blocks: readonly AssistantBlock[]): 'end_turn' | 'tool_use' {
  return blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
}

export function outputTokens(blocks: readonly AssistantBlock[]): number {
  return blocks.reduce((sum, b) => sum + estimateTokens(b.type === 'text' ? b.text : b.input), 0);
}

export function assistantMessage(model: string, blocks: readonly AssistantBlock[], inputTokens: number): AssistantMessage {
  return {
    id: newId('msg'),
    type: 'message',
    role: 'assistant',
    model,
    content: blocks,
    stop_reason: stopReasonOf(blocks),
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens(blocks), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}
