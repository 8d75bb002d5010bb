import type { Row } from '../../db/dataset.ts';
import type { ApiContext } from '../model-def.ts';

/**
 * Walks NetBox's foreign keys from one row to another (`device.site.region`), so filters and fields read like
 * NetBox's `device__site__region` lookups.
 */
export function hop(ctx: ApiContext, table: string, id: unknown): Row | undefined {
  return ctx.db.get(table, id);
}

export const deviceOf = (row: Row, ctx: ApiContext): Row | undefined => hop(ctx, 'dcim_device', row.device_id);
export const siteOf = (row: Row, ctx: ApiContext): Row | undefined => hop(ctx, 'dcim_site', row.site_id);
export const rackOf = (row: Row, ctx: ApiContext): Row | undefined => hop(ctx, 'dcim_rack', row.rack_id);

/** Content type key (`dcim.interface`) of a generic relation's type column. */
export function typeKey(ctx: ApiContext, typeId: unknown): string | undefined {
  return ctx.db.contentTypeKey(typeId);
}

/** Rows of `table` whose generic relation (`<prefix>_type_id`, `<prefix>_id`) points at an object of model `key`. */
export function assignedTo(ctx: ApiContext, table: string, prefix: string, key: string, id: unknown): Row[] {
  const typeId = ctx.db.contentTypeId(key);
  if (typeId === undefined) return [];
  return ctx.db.where(table, `${prefix}_id`, id).filter((r) => Number(r[`${prefix}_type_id`]) === typeId);
}
