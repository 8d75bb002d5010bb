import type { ToolCall } from './common.ts';
import type { ChatMessage, Conversation } from './http.ts';

/**
 * A conversation as a Markdown document: each message under a heading with its time, message text exactly as
 * written (tables and code blocks included), and under each answer the tools it used with their NetBox queries.
 * Pure: the same conversation always gives the same text.
 */
export function conversationToMarkdown(conversation: Conversation): string {
  const title = conversation.title.replace(/\s+/g, ' ').trim() || 'Untitled conversation';
  const out: string[] = [
    `# ${title}`,
    '',
    `Started ${formatTime(conversation.createdAt)} · last message ${formatTime(conversation.updatedAt)} · ` +
      `${plural(conversation.messages.length, 'message')}`,
  ];
  for (const message of conversation.messages) {
    out.push('', '---', '', ...messageBlock(message));
  }
  return `${out.join('\n')}\n`;
}

function messageBlock(message: ChatMessage): string[] {
  const who = message.role === 'user' ? 'You' : 'Assistant';
  const lines = [`## ${who} · ${formatTime(message.createdAt)}`, ''];
  const content = closeOpenFence(message.content.replace(/\s+$/, ''));
  lines.push(content === '' && message.role === 'assistant' ? '_(no text)_' : content);

  if (message.status === 'stopped') lines.push('', '_Stopped before the end._');
  if (message.status === 'running') lines.push('', '_Still being written when exported._');
  if (message.status === 'error') lines.push('', `_Failed: ${message.error?.message ?? 'the answer could not be completed.'}_`);

  if (message.toolCalls.length > 0) {
    lines.push('', '**Tools used**', '');
    message.toolCalls.forEach((call, index) => lines.push(...toolCallBlock(call, index + 1)));
  }
  const figures = figuresLine(message);
  if (figures) lines.push('', `_${figures}_`);
  return lines;
}

function toolCallBlock(call: ToolCall, n: number): string[] {
  const head = `${n}. ${inlineCode(shortToolName(call.name))}${call.summary ? ` — ${oneLine(call.summary)}` : ''}`;
  const lines = [`${head}: ${outcome(call)}`];
  lines.push(`   - Input: ${inlineCode(JSON.stringify(call.input))}`);
  for (const query of call.queries) lines.push(`   - NetBox API: ${inlineCode(query)}`);
  const links: string[] = [];
  if (call.links.list) links.push(link('list in NetBox', call.links.list));
  for (const [label, url] of Object.entries(call.links.objects ?? {})) links.push(link(label, url));
  if (links.length > 0) lines.push(`   - Links: ${links.join(', ')}`);
  return lines;
}

function outcome(call: ToolCall): string {
  if (call.status === 'running') return 'did not finish';
  if (call.status === 'error') return `failed${call.resultSummary ? ` (${oneLine(call.resultSummary)})` : ''}`;
  if (call.resultSummary) return `${oneLine(call.resultSummary)}${call.truncated ? ' (truncated)' : ''}`;
  if (call.rows === undefined) return 'done';
  const of = call.total !== undefined && call.total > call.rows ? ` of ${call.total}` : '';
  return `${plural(call.rows, 'row')}${of}${call.truncated ? ', truncated' : ''}`;
}

function figuresLine(message: ChatMessage): string {
  const parts: string[] = [];
  if (message.usage) {
    parts.push(
      `${message.usage.input_tokens.toLocaleString('en-US')} input / ` +
        `${message.usage.output_tokens.toLocaleString('en-US')} output tokens`,
    );
  }
  if (message.costUsd !== undefined) parts.push(`$${message.costUsd.toFixed(4)}`);
  if (message.durationMs !== undefined) parts.push(`${(message.durationMs / 1000).toFixed(1)} s`);
  return parts.join(' · ');
}

/** Our own NetBox tools by their short name; other servers' tools keep the full `mcp__server__tool`. */
function shortToolName(name: string): string {
  return name.startsWith('mcp__netbox__') ? name.slice('mcp__netbox__'.length) : name;
}

/**
 * An answer cut off inside a code block (stopped, failed) would swallow the rest of the document: close the
 * fence it left open, with the same character and length.
 */
function closeOpenFence(text: string): string {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!fence) continue;
    const [, marker = '', rest = ''] = fence;
    if (open === undefined) {
      // A backtick fence's info string may not contain backticks (CommonMark); such a line is not a fence.
      if (!(marker.startsWith('`') && rest.includes('`'))) open = marker;
    } else if (marker[0] === open[0] && marker.length >= open.length && rest.trim() === '') {
      open = undefined;
    }
  }
  return open === undefined ? text : `${text}\n${open}`;
}

function inlineCode(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${oneLine(text)}${pad}${ticks}`;
}

function link(label: string, url: string): string {
  return `[${oneLine(label).replace(/([[\]\\])/g, '\\$1')}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** UTC, to the minute: the same on every machine. */
function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
