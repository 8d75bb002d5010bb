import type { Row } from '../db/dataset.ts';
import type { ModelDef } from './model-def.ts';

/**
 * NetBox orders these names with PostgreSQL's `natural_sort` ICU collation (numbers by value: `Port 2` before
 * `Port 10`). Zero-padding the digit runs gives plain text comparison the same order.
 */
export function naturalKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value).replace(/\d+/g, (digits) => digits.padStart(16, '0'));
}

/** `sortKeys` for a model whose `name` column uses the natural_sort collation. */
export const NATURAL_NAME: NonNullable<ModelDef['sortKeys']> = { name: (row: Row) => naturalKey(row.name) };
