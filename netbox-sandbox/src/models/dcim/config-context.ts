import type { Row } from '../../db/dataset.ts';
import { selfAndAncestors, type ContextTarget } from '../extras/config-context.ts';
import type { ApiContext } from '../model-def.ts';

const one = (id: unknown): number[] => (id === null || id === undefined ? [] : [Number(id)]);

/** What a device offers each assignment kind of a config context (ConfigContextQuerySet.get_for_object). */
export function deviceContextTarget(row: Row, ctx: ApiContext): ContextTarget {
  const { db } = ctx;
  const site = db.get('dcim_site', row.site_id);
  const cluster = db.get('virtualization_cluster', row.cluster_id);
  const tenant = db.get('tenancy_tenant', row.tenant_id);
  return {
    regions: selfAndAncestors(db, 'dcim_region', site?.region_id),
    siteGroups: selfAndAncestors(db, 'dcim_sitegroup', site?.group_id),
    sites: one(row.site_id),
    locations: selfAndAncestors(db, 'dcim_location', row.location_id),
    deviceTypes: one(row.device_type_id),
    roles: selfAndAncestors(db, 'dcim_devicerole', row.role_id),
    platforms: selfAndAncestors(db, 'dcim_platform', row.platform_id),
    clusterTypes: one(cluster?.type_id),
    clusterGroups: one(cluster?.group_id),
    clusters: one(row.cluster_id),
    tenantGroups: selfAndAncestors(db, 'tenancy_tenantgroup', tenant?.group_id),
    tenants: one(row.tenant_id),
    tags: [...db.tagIds('dcim.device', row.id)],
  };
}
