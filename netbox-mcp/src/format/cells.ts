import type { Cell } from './compact-value.ts';

/** A table row built by hand: empty cells left out, as compactRow does for NetBox objects. */
export function cells(row: Readonly<Record<string, Cell | undefined>>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(row)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
