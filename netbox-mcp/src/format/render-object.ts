import { compactRow } from './compact-row.ts';
import { cellText } from './render-table.ts';
import { fitLines } from './fit-budget.ts';

/**
 * One object as `key: value` lines: every non-empty field, nested objects by name. With `fields`, exactly those,
 * in the order asked, an empty one as "—", and `notes` after a field's value (a field the type lacks).
 */
export function renderObject(
  title: string,
  object: Readonly<Record<string, unknown>>,
  url: string,
  budget: number,
  fields?: readonly string[],
  notes: Readonly<Record<string, string>> = {},
): { text: string; truncated: boolean } {
  const row = compactRow(object, { mode: 'object', ...(fields ? { keep: new Set(fields) } : {}) });
  const order = fields ? [...new Set([...fields, ...Object.keys(row)])] : Object.keys(row);
  const lines = order
    .filter((key) => key !== 'id' && row[key] !== undefined)
    .map((key) => `${key}: ${cellText(row[key])}${notes[key] ? ` (${notes[key]})` : ''}`);
  const head = `${title} #${String(object.id ?? '?')} · NetBox: ${url}`;
  const { kept, dropped } = fitLines([head], lines, budget);
  const tail = dropped > 0 ? [`(${dropped} more fields cut to stay within ${budget} characters; ask for specific fields)`] : [];
  return { text: [head, ...kept, ...tail].join('\n'), truncated: dropped > 0 };
}
