import { filter } from '../filter.ts';
import type { FilterDef } from '../model-def.ts';
import { objectTypeFilter } from '../core/object-type-filter.ts';
import { cachedScope } from './cached-scope.ts';

/**
 * NetBox's ScopedFilterSet (prefixes, clusters): the scope's type, and the region, site group, site and
 * location the scope lies in, through the cached scope columns. Regions, site groups and locations match
 * their descendants too.
 */
export function scopedFilters(): FilterDef[] {
  return [
    objectTypeFilter('scope_type', 'scope_type_id'),
    filter.model('region', 'dcim.region', 'slug', (row, ctx) => cachedScope(row, ctx).region, { tree: true }),
    filter.model('region_id', 'dcim.region', 'id', (row, ctx) => cachedScope(row, ctx).region, { tree: true }),
    filter.model('site_group', 'dcim.sitegroup', 'slug', (row, ctx) => cachedScope(row, ctx).siteGroup, { tree: true }),
    filter.model('site_group_id', 'dcim.sitegroup', 'id', (row, ctx) => cachedScope(row, ctx).siteGroup, { tree: true }),
    filter.model('site', 'dcim.site', 'slug', (row, ctx) => cachedScope(row, ctx).site),
    filter.model('site_id', 'dcim.site', 'id', (row, ctx) => cachedScope(row, ctx).site),
    filter.model('location', 'dcim.location', 'slug', (row, ctx) => cachedScope(row, ctx).location, { tree: true }),
    filter.model('location_id', 'dcim.location', 'id', (row, ctx) => cachedScope(row, ctx).location, { tree: true }),
  ];
}
