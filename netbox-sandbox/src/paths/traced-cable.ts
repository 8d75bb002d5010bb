import type { ApiContext } from '../models/model-def.ts';
import { objectUiUrl, objectUrl } from '../serialize/serialize-object.ts';

/**
 * TracedCableSerializer: a cable as a trace shows it. A plain ModelSerializer, so `type`, `status` and
 * `length_unit` are their stored values, not `{value, label}` choices.
 */
export function tracedCable(ctx: ApiContext, id: number): Record<string, unknown> | null {
  const row = ctx.db.get('dcim_cable', id);
  if (!row) return null;
  const model = ctx.model('dcim.cable');
  const blankAsNull = (value: unknown): unknown => (value === undefined || value === '' ? null : value);
  return {
    id: Number(row.id),
    url: objectUrl(ctx, model, row.id),
    display_url: objectUiUrl(ctx, model, row.id),
    type: blankAsNull(row.type),
    status: row.status ?? null,
    label: row.label ?? '',
    color: row.color ?? '',
    length: row.length ?? null,
    length_unit: blankAsNull(row.length_unit),
    description: row.description ?? '',
  };
}
