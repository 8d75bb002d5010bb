import type { Row } from '../../db/dataset.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import { DEVICE_STATUS } from '../choices/dcim-choices.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef, ModelKey } from '../model-def.ts';
import { assignedTo, deviceOf, hop } from './related.ts';

type Getter = (row: Row, ctx: ApiContext) => unknown;

/** NetBox's MultiValueCharFilter on fields without `__empty` (MAC addresses, time zones, WWNs). */
export const TEXT_LOOKUPS_NO_EMPTY = ['n', 'ic', 'nic', 'ie', 'nie', 'isw', 'nisw', 'iew', 'niew', 'regex', 'iregex'];

export function withLookups(f: FilterDef, lookups: readonly string[]): FilterDef {
  return { ...f, lookups };
}

/** `owner` (by name), `owner_group`, `owner_group_id`: OwnerFilterMixin, on every 4.6 primary/organizational model. */
export function ownerFilters(): FilterDef[] {
  const ownerGroup: Getter = (row, ctx) => hop(ctx, 'users_owner', row.owner_id)?.group_id;
  return [
    filter.model('owner', 'users.owner', 'name', (row) => row.owner_id),
    filter.model('owner_group', 'users.ownergroup', 'name', ownerGroup),
    filter.model('owner_group_id', 'users.ownergroup', 'id', ownerGroup),
  ];
}

/** TenancyFilterSet: `tenant`/`tenant_id` and, where `groups`, the tenant's group (a tree). */
export function tenancyFilters(tenantId: Getter = (row) => row.tenant_id, groups = true): FilterDef[] {
  const group: Getter = (row, ctx) => hop(ctx, 'tenancy_tenant', tenantId(row, ctx))?.group_id;
  return [
    filter.model('tenant', 'tenancy.tenant', 'slug', tenantId),
    filter.model('tenant_id', 'tenancy.tenant', 'id', tenantId),
    ...(groups
      ? [
          filter.model('tenant_group', 'tenancy.tenantgroup', 'slug', group, { tree: true }),
          filter.model('tenant_group_id', 'tenancy.tenantgroup', 'id', group, { tree: true }),
        ]
      : []),
  ];
}

/** ContactModelFilterSet: objects with a contact assignment of that contact, role or contact group. */
export function contactFilters(key: ModelKey): FilterDef[] {
  const assignments = (row: Row, ctx: ApiContext): Row[] => {
    const typeId = ctx.db.contentTypeId(key);
    return ctx.db.where('tenancy_contactassignment', 'object_id', row.id).filter((a) => Number(a.object_type_id) === typeId);
  };
  return [
    filter.model('contact', 'tenancy.contact', 'id', (row, ctx) => assignments(row, ctx).map((a) => a.contact_id)),
    filter.model('contact_role', 'tenancy.contactrole', 'id', (row, ctx) => assignments(row, ctx).map((a) => a.role_id)),
    filter.model(
      'contact_group',
      'tenancy.contactgroup',
      'slug',
      (row, ctx) => assignments(row, ctx).map((a) => hop(ctx, 'tenancy_contact', a.contact_id)?.group_id),
      { tree: true },
    ),
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
