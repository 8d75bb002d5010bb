import type { Row } from '../../db/dataset.ts';
import type { ApiContext } from '../model-def.ts';

export interface CachedScope {
  readonly region: unknown;
  readonly siteGroup: unknown;
  readonly site: unknown;
  readonly location: unknown;
}

const NONE: CachedScope = { region: null, siteGroup: null, site: null, location: null };

function fromSite(site: Row | undefined, location: unknown = null): CachedScope {
  if (!site) return NONE;
  return { region: site.region_id ?? null, siteGroup: site.group_id ?? null, site: site.id, location };
}

/**
 * The region, site group, site and location a scoped object (prefix, cluster, circuit termination) sits in.
 * NetBox caches them in `_region_id`… columns when the object is saved; data without those columns gets the
 * same answer from the scope itself.
 */
export function cachedScope(row: Row, ctx: ApiContext, typeColumn = 'scope_type_id', idColumn = 'scope_id'): CachedScope {
  if ('_site_id' in row) {
    return { region: row._region_id ?? null, siteGroup: row._site_group_id ?? null, site: row._site_id ?? null, location: row._location_id ?? null };
  }
  const id = row[idColumn];
  switch (ctx.db.contentTypeKey(row[typeColumn])) {
    case 'dcim.region':
      return { ...NONE, region: id };
    case 'dcim.sitegroup':
      return { ...NONE, siteGroup: id };
    case 'dcim.site':
      return fromSite(ctx.db.get('dcim_site', id));
    case 'dcim.location': {
      const location = ctx.db.get('dcim_location', id);
      return fromSite(ctx.db.get('dcim_site', location?.site_id), location ? location.id : null);
    }
    default:
      return NONE;
  }
}
