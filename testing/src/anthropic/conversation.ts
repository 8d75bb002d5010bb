import type { ContentBlockParam, MessageParam, MessagesRequest } from './request-schema.ts';

/** What a tool returned, as the model sees it in the last message. */
export interface ToolResultView {
  readonly toolUseId: string;
  /** The name of the tool_use it answers, found in the earlier assistant message. */
  readonly name: string | undefined;
  readonly text: string;
  readonly isError: boolean;
}

/** A request reduced to what scenario rules match on and templates quote. */
export interface ConversationView {
  /** What the user typed, one entry per user turn, oldest first. */
  readonly userTexts: readonly string[];
  /** The newest of `userTexts`, or '' when there is none. */
  readonly lastUserText: string;
  /** 1-based number of the user turn being answered. */
  readonly turn: number;
  /** The tool results in the last message, when the last message carries any; the newest last. */
  readonly toolResults: readonly ToolResultView[];
  /** Every tool result in the conversation, oldest first. */
  readonly allToolResults: readonly ToolResultView[];
}

// The CLI wraps context it adds to user messages in these tags; a script matches on what the person typed.
const SYSTEM_REMINDER = /<system-reminder>[\s\S]*?<\/system-reminder>/g;

function blocksOf(message: MessageParam): ContentBlockParam[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

function isToolResult(block: ContentBlockParam): block is Extract<ContentBlockParam, { type: 'tool_result' }> {
  return block.type === 'tool_result' && 'tool_use_id' in block;
}

function textOf(block: ContentBlockParam): string {
  return block.type === 'text' && 'text' in block && typeof block.text === 'string' ? block.text : '';
}

function toolResultText(block: Extract<ContentBlockParam, { type: 'tool_result' }>): string {
  const content = block.content;
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part) => (part.type === 'text' && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter(Boolean)
    .join('\n');
}

/** Typed user text of a message: its text blocks without CLI reminders; '' for tool-result messages. */
function userTextOf(message: MessageParam): string {
  const blocks = blocksOf(message);
  if (blocks.some(isToolResult)) return '';
  return blocks
    .map(textOf)
    .join('\n')
    .replace(SYSTEM_REMINDER, '')
    .trim();
}

export function viewConversation(request: MessagesRequest): ConversationView {
  const toolNames = new Map<string, string>();
  const userTexts: string[] = [];
  const allToolResults: ToolResultView[] = [];
  let lastResults: ToolResultView[] = [];
  const turns = request.messages.filter((message) => message.role === 'user' || message.role === 'assistant');
  turns.forEach((message, index) => {
    const blocks = blocksOf(message);
    if (message.role === 'assistant') {
      for (const block of blocks) {
        if (block.type === 'tool_use' && 'id' in block && 'name' in block) toolNames.set(String(block.id), String(block.name));
      }
      return;
    }
    const results = blocks.filter(isToolResult).map(
      (block): ToolResultView => ({
        toolUseId: block.tool_use_id,
        name: toolNames.get(block.tool_use_id),
        text: toolResultText(block),
        isError: block.is_error === true,
      }),
    );
    allToolResults.push(...results);
    if (index === turns.length - 1) lastResults = results;
    const text = userTextOf(message);
    if (text) userTexts.push(text);
  });
  return {
    userTexts,
    lastUserText: userTexts.at(-1) ?? '',
    turn: Math.max(1, userTexts.length),
    toolResults: lastResults,
    allToolResults,
  };
}
