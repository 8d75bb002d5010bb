import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

type Terminations = (row: Row, ctx: ApiContext) => readonly Row[];

/**
 * Region, site group, site and location filters through circuit terminations' cached `_region_id`…
 * columns (NetBox 4.2+), for circuits and providers. Regions and site groups match descendants too.
 */
export function terminationSiteFilters(terminations: Terminations, options: { location?: boolean } = {}): FilterDef[] {
  const cached = (column: string) => (row: Row, ctx: ApiContext) => terminations(row, ctx).map((t) => t[column]);
  return [
    filter.model('region_id', 'dcim.region', 'id', cached('_region_id'), { tree: true }),
    filter.model('region', 'dcim.region', 'slug', cached('_region_id'), { tree: true }),
    filter.model('site_group_id', 'dcim.sitegroup', 'id', cached('_site_group_id'), { tree: true }),
    filter.model('site_group', 'dcim.sitegroup', 'slug', cached('_site_group_id'), { tree: true }),
    filter.model('site_id', 'dcim.site', 'id', cached('_site_id')),
    filter.model('site', 'dcim.site', 'slug', cached('_site_id')),
    ...(options.location ? [filter.model('location_id', 'dcim.location', 'id', cached('_location_id'))] : []),
  ];
}

export const circuitTerminations = (row: Row, ctx: ApiContext): readonly Row[] =>
  ctx.db.where('circuits_circuittermination', 'circuit_id', row.id);
