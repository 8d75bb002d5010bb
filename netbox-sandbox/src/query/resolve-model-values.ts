import type { Row } from '../db/dataset.ts';
import type { ApiContext, FilterDef } from '../models/model-def.ts';
import { descendantIds } from '../models/tree.ts';
import { FilterValueError, invalidChoice } from './filter-value-error.ts';

/** `null` selects rows with no related object, as NetBox's filters allow for nullable relations. */
export const NULL_VALUE = null;

function findTargets(ctx: ApiContext, filter: FilterDef, parameter: string, value: string): Row[] {
  const target = ctx.model(filter.target!);
  const by = filter.by ?? 'id';
  if (by === 'id') {
    if (!/^-?\d+$/.test(value)) throw new FilterValueError(parameter, `“${value}” is not a valid value.`);
    const row = ctx.db.get(target.table, Number(value));
    return row ? [row] : [];
  }
  return ctx.db.rows(target.table).filter((row) => String(row[by]) === value);
}

/**
 * Turns the values of a related-object filter (slugs, names or ids) into the set of ids they select, or
 * refuses an unknown one as NetBox does with a 400. Each value gives one set: `tag` needs them apart.
 */
export function resolveModelValues(
  ctx: ApiContext,
  filter: FilterDef,
  parameter: string,
  values: readonly string[],
): (Set<number | null>)[] {
  return values.map((value) => {
    if (value === 'null') return new Set([NULL_VALUE]);
    const rows = findTargets(ctx, filter, parameter, value);
    if (rows.length === 0) throw invalidChoice(parameter, value);
    const ids = rows.map((r) => Number(r.id));
    return filter.tree ? descendantIds(ctx.db, ctx.model(filter.target!).table, ids) : new Set(ids);
  });
}
