import type { Row } from '../../db/dataset.ts';
import { FilterValueError, invalidChoice } from '../../query/filter-value-error.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

/**
 * NetBox's ContentTypeFilter: the query names a type as `app_label.model`, case-insensitively; a value that
 * is not of that form selects nothing rather than failing.
 */
export function objectTypeFilter(name: string, column: string, options: { negatable?: boolean } = {}): FilterDef {
  const keyOf = (row: Row, ctx: ApiContext): string | undefined => ctx.db.contentTypeKey(row[column]);
  return {
    name,
    type: 'custom',
    values: keyOf,
    match: (row, values, ctx) => {
      const key = keyOf(row, ctx);
      return key !== undefined && values.some((v) => v.toLowerCase() === key);
    },
    lookups: options.negatable === false ? [] : ['n'],
    paramType: 'string',
  };
}

/**
 * The `<name>_id` companion, a ModelMultipleChoiceFilter over content types: ids of types that do not exist
 * are refused with a 400, as for any related-object filter.
 */
export function objectTypeIdFilter(name: string, column: string): FilterDef {
  return {
    name,
    type: 'custom',
    values: (row) => row[column],
    match: (row, values, ctx) => {
      const ids = values.map((v) => {
        if (!/^\d+$/.test(v)) throw new FilterValueError(name, `“${v}” is not a valid value.`);
        if (ctx.db.contentTypeKey(Number(v)) === undefined) throw invalidChoice(name, v);
        return Number(v);
      });
      return ids.includes(Number(row[column]));
    },
    lookups: ['n'],
    paramType: 'integer',
  };
}
