import type { Cell } from './compact-value.ts';

/** `a | b` cells: pipes and newlines in values must not break the row. */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  return String(cell).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/**
 * Rows as a header line plus one line per row, columns in first-seen order (id first), and no column that is
 * empty in every row. Far fewer tokens than JSON: each key is written once.
 */
export function tableLines(rows: readonly Readonly<Record<string, Cell>>[], columns?: readonly string[]): { header: string; lines: string[] } {
  const order = columns ? [...columns] : collectColumns(rows);
  const used = order.filter((column) => rows.some((row) => row[column] !== undefined));
  return {
    header: used.join(' | '),
    lines: rows.map((row) => used.map((column) => cellText(row[column])).join(' | ')),
  };
}

/** Free text and custom fields read best at the end of a row, whatever order the rows had them in. */
const LATE = (column: string): number => (column.startsWith('cf_') ? 3 : column === 'description' ? 2 : column === 'tags' ? 1 : 0);

function collectColumns(rows: readonly Readonly<Record<string, Cell>>[]): string[] {
  const seen = new Set<string>(['id']);
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen].sort((a, b) => LATE(a) - LATE(b));
}
