import type { Row } from '../../db/dataset.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import { DEVICE_STATUS } from '../choices/dcim-choices.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef, ModelKey } from '../model-def.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenantGroupFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { assignedTo, deviceOf, hop } from './related.ts';

// The dcim models take these from here with the rest of their shared filters; one definition each.
export { contactFilters, ownerFilters };

type Getter = (row: Row, ctx: ApiContext) => unknown;

/** NetBox's MultiValueCharFilter on fields without `__empty` (MAC addresses, time zones, WWNs). */
export const TEXT_LOOKUPS_NO_EMPTY = ['n', 'ic', 'nic', 'ie', 'nie', 'isw', 'nisw', 'iew', 'niew', 'regex', 'iregex'];

export function withLookups(f: FilterDef, lookups: readonly string[]): FilterDef {
  return { ...f, lookups };
}

/** TenancyFilterSet: `tenant`/`tenant_id` and, where `groups`, the tenant's group (a tree). */
export function tenancyFilters(tenantId: Getter = (row) => row.tenant_id, groups = true): FilterDef[] {
  return [
    filter.model('tenant', 'tenancy.tenant', 'slug', tenantId),
    filter.model('tenant_id', 'tenancy.tenant', 'id', tenantId),
    ...(groups ? tenantGroupFilters(tenantId) : []),
  ];
}

/** `region`, `site_group` (trees) and `site` for objects that sit in a site through `siteId`. */
export function siteFilters(siteId: Getter, options: { site?: boolean } = {}): FilterDef[] {
  const site = (row: Row, ctx: ApiContext): Row | undefined => hop(ctx, 'dcim_site', siteId(row, ctx));
  const region: Getter = (row, ctx) => site(row, ctx)?.region_id;
  const group: Getter = (row, ctx) => site(row, ctx)?.group_id;
  return [
    filter.model('region', 'dcim.region', 'slug', region, { tree: true }),
    filter.model('region_id', 'dcim.region', 'id', region, { tree: true }),
    filter.model('site_group', 'dcim.sitegroup', 'slug', group, { tree: true }),
    filter.model('site_group_id', 'dcim.sitegroup', 'id', group, { tree: true }),
    ...(options.site === false
      ? []
      : [filter.model('site', 'dcim.site', 'slug', siteId), filter.model('site_id', 'dcim.site', 'id', siteId)]),
  ];
}

/** DeviceComponentFilterSet: everything a component is filtered by through its device. */
export function deviceComponentFilters(options: { modular?: boolean } = {}): FilterDef[] {
  const via =
    (column: string): Getter =>
    (row, ctx) =>
      deviceOf(row, ctx)?.[column];
  const siteId = via('site_id');
  return [
    ...siteFilters(siteId),
    filter.model('location', 'dcim.location', 'slug', via('location_id')),
    filter.model('location_id', 'dcim.location', 'id', via('location_id')),
    filter.model('rack', 'dcim.rack', 'name', via('rack_id')),
    filter.model('rack_id', 'dcim.rack', 'id', via('rack_id')),
    filter.model('device', 'dcim.device', 'name', (row) => row.device_id),
    filter.model('device_id', 'dcim.device', 'id', (row) => row.device_id),
    filter.model('device_type', 'dcim.devicetype', 'model', via('device_type_id')),
    filter.model('device_type_id', 'dcim.devicetype', 'id', via('device_type_id')),
    filter.model('device_role', 'dcim.devicerole', 'slug', via('role_id')),
    filter.model('device_role_id', 'dcim.devicerole', 'id', via('role_id')),
    filter.model('virtual_chassis', 'dcim.virtualchassis', 'name', via('virtual_chassis_id')),
    filter.model('virtual_chassis_id', 'dcim.virtualchassis', 'id', via('virtual_chassis_id')),
    filter.choice('device_status', DEVICE_STATUS, via('status')),
    ...tenancyFilters(via('tenant_id'), false),
    ...(options.modular ? [filter.model('module_id', 'dcim.module', 'id', (row) => row.module_id)] : []),
  ];
}

/**
 * CabledObjectFilterSet: `cable_id`, `cabled`, `occupied`, and, given the model, 4.6's `cable_connector` of its
 * cable termination.
 */
export function cabledFilters(key?: ModelKey): FilterDef[] {
  const connector: Getter = (row, ctx) =>
    key ? assignedTo(ctx, 'dcim_cabletermination', 'termination', key, row.id).map((t) => t.connector) : [];
  return [
    filter.model('cable_id', 'dcim.cable', 'id', (row) => row.cable_id),
    filter.flag('cabled', (row) => row.cable_id !== null && row.cable_id !== undefined),
    filter.flag('occupied', (row) => Boolean(row.cable_id) || row.mark_connected === true),
    ...(key ? [filter.number('cable_connector', connector)] : []),
  ];
}

/** A MultiValueNumberFilter's values: each must be a number, or the request fails. */
export function numberValues(parameter: string, values: readonly string[]): number[] {
  return values.map((v) => {
    if (!/^-?\d+(\.\d+)?$/.test(v.trim())) throw new FilterValueError(parameter, 'Enter a number.');
    return Number(v);
  });
}

/** PathEndpointFilterSet: `connected` is an active cable path. */
export function pathEndpointFilters(): FilterDef[] {
  return [filter.flag('connected', (row, ctx) => hop(ctx, 'dcim_cablepath', row._path_id)?.is_active === true)];
}

/** `q` over values NetBox's `search()` reaches through relations (`rack__name`, `manufacturer__name`). */
export function searchFilter(values: Getter): FilterDef {
  return { name: 'q', type: 'search', values, lookups: [] };
}
