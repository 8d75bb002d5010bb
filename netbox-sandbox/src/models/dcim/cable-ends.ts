import type { Row } from '../../db/dataset.ts';
import type { ApiContext, ModelKey } from '../model-def.ts';
import { typeKey } from './related.ts';

/** A cable's terminations on one end, in CableTermination's ordering (cable, end, id). */
export function terminationsOf(row: Row, ctx: ApiContext, end?: 'A' | 'B'): Row[] {
  return ctx.db
    .where('dcim_cabletermination', 'cable_id', row.id)
    .filter((t) => end === undefined || t.cable_end === end)
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** GenericObjectSerializer: `{object_type, object_id, object}` for each termination. */
export function genericTerminations(row: Row, ctx: ApiContext, end: 'A' | 'B'): Record<string, unknown>[] {
  return terminationsOf(row, ctx, end).map((t) => {
    const key = typeKey(ctx, t.termination_type_id);
    return {
      object_type: key ?? null,
      object_id: Number(t.termination_id),
      object: key ? ctx.nested(key as ModelKey, t.termination_id as number) : null,
    };
  });
}
