import type { Row } from '../../db/dataset.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FieldDef, FilterDef } from '../model-def.ts';
import { descendantIds } from '../tree.ts';

/**
 * NetBox keeps component counts in counter columns (`interface_count`); data without them (a generator that
 * leaves them out) gets the count of the component rows.
 */
function cached(name: string, table: string, column: string) {
  return (row: Row, ctx: ApiContext): number =>
    typeof row[name] === 'number' ? (row[name] as number) : ctx.db.where(table, column, row.id).length;
}

/** A counter column shown as a field. */
export const counterField = (name: string, table: string, column: string): FieldDef =>
  field.countBy(name, cached(name, table, column));

/** A counter column as a numeric filter (`interface_count__gte=1`). */
export const counterFilter = (name: string, table: string, column: string): FilterDef =>
  filter.number(name, cached(name, table, column));

/** Rows pointing at a tree node or any node below it, as NetBox's cumulative `add_related_count`. */
export function cumulativeCount(tree: string, table: string, column: string) {
  return (row: Row, ctx: ApiContext): number => {
    const ids = descendantIds(ctx.db, tree, [Number(row.id)]);
    if (ids.size === 1) return ctx.db.where(table, column, row.id).length;
    return ctx.db.rows(table).filter((r) => ids.has(Number(r[column]))).length;
  };
}

/** `console_ports=true`: whether any row of `table` points at the object (NetBox's `<related>__isnull`). */
export const hasFilter = (name: string, tables: readonly string[], column: string, description?: string): FilterDef =>
  filter.flag(name, (row, ctx) => tables.some((t) => ctx.db.where(t, column, row.id).length > 0), description);
