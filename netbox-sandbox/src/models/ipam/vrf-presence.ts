import type { Row } from '../../db/dataset.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import { memoByValues } from '../core/memo-values.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

const targets = (ctx: ApiContext, table: string, vrfId: unknown): number[] =>
  ctx.db.where(table, 'vrf_id', vrfId).map((r) => Number(r.routetarget_id));

function findVrf(ctx: ApiContext, name: string, by: 'id' | 'rd', value: string): Row {
  const vrf =
    by === 'id'
      ? /^\d+$/.test(value)
        ? ctx.db.get('ipam_vrf', Number(value))
        : undefined
      : ctx.db.rows('ipam_vrf').find((v) => v.rd === value);
  // ModelChoiceField's message differs from the multiple-choice one: it does not repeat the value.
  if (!vrf) throw new FilterValueError(name, 'Select a valid choice. That choice is not one of the available choices.');
  return vrf;
}

/**
 * NetBox's `present_in_vrf` / `present_in_vrf_id`: objects in the VRF, or in any VRF exporting a route target
 * the VRF imports.
 */
export function presentInVrfFilter(name: string, by: 'id' | 'rd'): FilterDef {
  const imports = memoByValues((values, ctx) => {
    const value = values[values.length - 1] ?? '';
    if (value === '') return null;
    const vrf = findVrf(ctx, name, by, value);
    return { id: vrf.id, targets: new Set(targets(ctx, 'ipam_vrf_import_targets', vrf.id)) };
  });
  return {
    name,
    type: 'custom',
    values: () => undefined,
    match: (row, values, ctx) => {
      const vrf = imports(values, ctx);
      if (vrf === null) return true;
      if (row.vrf_id === vrf.id) return true;
      if (row.vrf_id === null || row.vrf_id === undefined) return false;
      return targets(ctx, 'ipam_vrf_export_targets', row.vrf_id).some((t) => vrf.targets.has(t));
    },
    lookups: [],
    paramType: 'string',
  };
}
