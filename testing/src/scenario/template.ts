import type { ConversationView } from '../anthropic/conversation.ts';
import { markdownTable } from './markdown-table.ts';

/**
 * `{{source}}`, `{{source.line[N]}}`, `{{source.table}}` or `{{source.match /re/flags}}` inside scenario text
 * and tool inputs. `.table` turns the first `a | b` block (a NetBox MCP result) into a Markdown table.
 * Sources: `user`, `turn`, `tool_result`, `history.user[N]`, `history.tool_result[N]` (N from 0; negative
 * counts from the end). A missing value renders as ''. Parsed by hand because a regex body may hold `}`.
 */
export interface TemplateExpression {
  readonly source: Source;
  readonly line?: number;
  readonly match?: RegExp;
  readonly table?: true;
}

type Source =
  | { readonly kind: 'user' | 'turn' | 'tool_result' }
  | { readonly kind: 'history.user' | 'history.tool_result'; readonly index: number };

export class TemplateError extends Error {}

type Part = string | TemplateExpression;

const SOURCE = /^(user|turn|tool_result|history\.user\[(-?\d+)\]|history\.tool_result\[(-?\d+)\])/;

function parseSource(text: string): { source: Source; length: number } {
  const m = SOURCE.exec(text);
  if (!m) throw new TemplateError(`unknown template source at "${text.slice(0, 30)}"`);
  const [whole, name, userIndex, resultIndex] = m;
  if (userIndex !== undefined) return { source: { kind: 'history.user', index: Number(userIndex) }, length: whole.length };
  if (resultIndex !== undefined) return { source: { kind: 'history.tool_result', index: Number(resultIndex) }, length: whole.length };
  return { source: { kind: name as 'user' | 'turn' | 'tool_result' }, length: whole.length };
}

/** Reads `/body/flags` from the start of `text`; a `/` inside `[...]` or after `\` does not end the body. */
function parseRegex(text: string): { regex: RegExp; length: number } {
  if (text[0] !== '/') throw new TemplateError('.match needs a /regex/');
  let inClass = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      const flags = /^[dgimsuvy]*/.exec(text.slice(i + 1))?.[0] ?? '';
      try {
        return { regex: new RegExp(text.slice(1, i), flags), length: i + 1 + flags.length };
      } catch (error) {
        throw new TemplateError(`bad regex in template: ${(error as Error).message}`);
      }
    }
  }
  throw new TemplateError('unterminated /regex/ in template');
}

function parseExpression(body: string): { expression: TemplateExpression; length: number } {
  const lead = /^\s*/.exec(body)?.[0].length ?? 0;
  const { source, length } = parseSource(body.slice(lead));
  let at = lead + length;
  let expression: TemplateExpression = { source };
  const rest = body.slice(at);
  const line = /^\.line\[(-?\d+)\]/.exec(rest);
  if (rest.startsWith('.table')) {
    expression = { source, table: true };
    at += '.table'.length;
  } else if (line) {
    expression = { source, line: Number(line[1]) };
    at += line[0].length;
  } else if (rest.startsWith('.match')) {
    const space = /^\.match\s+/.exec(rest);
    if (!space) throw new TemplateError('.match needs a space and a /regex/');
    const { regex, length: regexLength } = parseRegex(rest.slice(space[0].length));
    expression = { source, match: regex };
    at += space[0].length + regexLength;
  }
  at += /^\s*/.exec(body.slice(at))?.[0].length ?? 0;
  if (!body.startsWith('}}', at)) throw new TemplateError(`expected }} in template at "${body.slice(at, at + 20)}"`);
  return { expression, length: at + 2 };
}

export function parseTemplate(text: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    if (open > at) parts.push(text.slice(at, open));
    const { expression, length } = parseExpression(text.slice(open + 2));
    parts.push(expression);
    at = open + 2 + length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

function pick<T>(list: readonly T[], index: number): T | undefined {
  return index < 0 ? list[list.length + index] : list[index];
}

function sourceValue(source: Source, view: ConversationView): string {
  switch (source.kind) {
    case 'user':
      return view.lastUserText;
    case 'turn':
      return String(view.turn);
    case 'tool_result':
      return view.allToolResults.at(-1)?.text ?? '';
    case 'history.user':
      return pick(view.userTexts, source.index) ?? '';
    case 'history.tool_result':
      return pick(view.allToolResults, source.index)?.text ?? '';
  }
}

function evaluate(expression: TemplateExpression, view: ConversationView): string {
  const value = sourceValue(expression.source, view);
  if (expression.table) return markdownTable(value);
  if (expression.line !== undefined) return pick(value.split('\n'), expression.line) ?? '';
  if (expression.match) {
    const m = expression.match.exec(value);
    expression.match.lastIndex = 0;
    return m ? (m[1] ?? m[0]) : '';
  }
  return value;
}

export function renderTemplate(text: string, view: ConversationView): string {
  return parseTemplate(text)
    .map((part) => (typeof part === 'string' ? part : evaluate(part, view)))
    .join('');
}

/** Renders every string inside a tool input, keeping its shape. */
export function renderValue(value: unknown, view: ConversationView): unknown {
  if (typeof value === 'string') return renderTemplate(value, view);
  if (Array.isArray(value)) return value.map((item) => renderValue(item, view));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(item, view)]));
  }
  return value;
}
