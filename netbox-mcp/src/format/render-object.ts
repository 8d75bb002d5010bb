import { compactRow } from './compact-row.ts';
import { cellText } from './render-table.ts';
import { fitLines } from './fit-budget.ts';

/** One object as `key: value` lines: every non-empty field, nested objects by name. */
export function renderObject(title: string, object: Readonly<Record<string, unknown>>, url: string, budget: number, fields?: readonly string[]): { text: string; truncated: boolean } {
  const row = compactRow(object, { mode: 'object', ...(fields ? { keep: new Set(fields) } : {}) });
  const lines = Object.entries(row)
    .filter(([key]) => key !== 'id')
    .map(([key, value]) => `${key}: ${cellText(value)}`);
  const head = `${title} #${String(object.id ?? '?')} · NetBox: ${url}`;
  const { kept, dropped } = fitLines([head], lines, budget);
  const tail = dropped > 0 ? [`(${dropped} more fields cut to stay within ${budget} characters; ask for specific fields)`] : [];
  return { text: [head, ...kept, ...tail].join('\n'), truncated: dropped > 0 };
}
