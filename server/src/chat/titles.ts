import { MAX_TITLE_CHARS } from '@netbox-chatbox/protocol';

/** A new conversation's title: its first question on one line, clipped at a word where possible. */
export function titleFromMessage(content: string, max = Math.min(80, MAX_TITLE_CHARS)): string {
  const line = content.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line || 'New conversation';
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
