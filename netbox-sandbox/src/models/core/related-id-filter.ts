import type { Row } from '../../db/dataset.ts';
import { FilterValueError, invalidChoice } from '../../query/filter-value-error.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

/**
 * A ModelMultipleChoiceFilter by id over objects the sandbox does not serve (notification groups, L2VPNs):
 * ids must exist in `table`, or NetBox answers 400, as for any related-object filter.
 */
export function relatedIdFilter(name: string, table: string, ids: (row: Row, ctx: ApiContext) => readonly unknown[]): FilterDef {
  return {
    name,
    type: 'custom',
    values: ids,
    match: (row, values, ctx) => {
      const wanted = values.map((v) => {
        if (!/^\d+$/.test(v)) throw new FilterValueError(name, `“${v}” is not a valid value.`);
        if (!ctx.db.get(table, Number(v))) throw invalidChoice(name, v);
        return Number(v);
      });
      return ids(row, ctx).some((id) => wanted.includes(Number(id)));
    },
    lookups: ['n'],
    paramType: 'integer',
  };
}
