import type { Row } from '../../db/dataset.ts';
import { DEVICE_AIRFLOW, DEVICE_FACE, DEVICE_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import {
  contactFilters,
  ownerFilters,
  searchFilter,
  siteFilters,
  tenancyFilters,
  TEXT_LOOKUPS_NO_EMPTY,
  withLookups,
} from './common-filters.ts';
import { renderConfigContext } from '../extras/config-context.ts';
import { deviceContextTarget } from './config-context.ts';
import { counterField, counterFilter, hasFilter } from './counters.ts';
import { ipField, primaryIpField } from './ip-fields.ts';
import { deviceMacs } from './mac.ts';
import { hop } from './related.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const NESTED_DEVICE = ['id', 'url', 'display_url', 'display', 'name'];

/** Component counter columns, the tables they count, and the `<components>=true` filter of each. */
const COMPONENTS = [
  ['console_port_count', 'dcim_consoleport', 'console_ports'],
  ['console_server_port_count', 'dcim_consoleserverport', 'console_server_ports'],
  ['power_port_count', 'dcim_powerport', 'power_ports'],
  ['power_outlet_count', 'dcim_poweroutlet', 'power_outlets'],
  ['interface_count', 'dcim_interface', 'interfaces'],
  ['front_port_count', 'dcim_frontport', null],
  ['rear_port_count', 'dcim_rearport', null],
  ['device_bay_count', 'dcim_devicebay', 'device_bays'],
  ['module_bay_count', 'dcim_modulebay', 'module_bays'],
  ['inventory_item_count', 'dcim_inventoryitem', null],
] as const;

/** Device.__str__: the name, else virtual chassis position, else manufacturer and model. */
export function deviceDisplay(row: Row, ctx: ApiContext): string {
  const tag = row.asset_tag ? ` (${String(row.asset_tag)})` : '';
  if (row.name) return `${String(row.name)}${tag}`;
  const vc = hop(ctx, 'dcim_virtualchassis', row.virtual_chassis_id);
  if (vc) return `${String(vc.name)}:${String(row.vc_position)}${tag}`;
  const type = hop(ctx, 'dcim_devicetype', row.device_type_id);
  if (type) {
    const maker = hop(ctx, 'dcim_manufacturer', type.manufacturer_id);
    return `${String(maker?.name)} ${String(type.model)}${tag || ` (${String(row.id)})`}`;
  }
  return `Device ${String(row.id)}`;
}

/** The bay a device is installed in (Device.parent_bay). */
const parentBay = (row: Row, ctx: ApiContext): Row | undefined => ctx.db.where('dcim_devicebay', 'installed_device_id', row.id)[0];

const viaType =
  (column: string) =>
  (row: Row, ctx: ApiContext): unknown =>
    hop(ctx, 'dcim_devicetype', row.device_type_id)?.[column];

export const device = defineModel({
  key: 'dcim.device',
  path: 'devices',
  table: 'dcim_device',
  schemaName: 'DeviceWithConfigContext',
  fields: [
    ...headFields(),
    field.string('name', { nullable: true }),
    field.fk('device_type', 'dcim.devicetype'),
    field.fk('role', 'dcim.devicerole'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.fk('platform', 'dcim.platform', { nullable: true }),
    field.string('serial'),
    field.string('asset_tag', { nullable: true }),
    field.fk('site', 'dcim.site'),
    field.fk('location', 'dcim.location', { nullable: true }),
    field.fk('rack', 'dcim.rack', { nullable: true }),
    field.number('position', { nullable: true }),
    field.choice('face', DEVICE_FACE),
    field.number('latitude', { nullable: true }),
    field.number('longitude', { nullable: true }),
    field.computed(
      'parent_device',
      { allOf: [{ $ref: '#/components/schemas/NestedDevice' }], nullable: true, readOnly: true },
      (row, ctx) => {
        const bay = parentBay(row, ctx);
        const parent = bay ? ctx.nested('dcim.device', bay.device_id as number, undefined, NESTED_DEVICE) : null;
        if (!bay || !parent) return null;
        return { ...parent, device_bay: ctx.nested('dcim.devicebay', bay.id as number, undefined, NESTED_DEVICE) };
      },
      { nullable: true },
    ),
    field.choice('status', DEVICE_STATUS),
    field.choice('airflow', DEVICE_AIRFLOW),
    primaryIpField(),
    ipField('primary_ip4'),
    ipField('primary_ip6'),
    ipField('oob_ip'),
    field.fk('cluster', 'virtualization.cluster', { nullable: true }),
    field.fk('virtual_chassis', 'dcim.virtualchassis', { nullable: true }),
    field.integer('vc_position', { nullable: true }),
    field.integer('vc_priority', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.fk('config_template', 'extras.configtemplate', { nullable: true }),
    field.computed('config_context', { type: 'object', nullable: true, readOnly: true }, (row, ctx) =>
      renderConfigContext(ctx, deviceContextTarget(row, ctx), row.local_context_data),
    ),
    field.json('local_context_data'),
    ...tailFields(),
    ...COMPONENTS.map(([name, table]) => counterField(name, table, 'device_id')),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  display: deviceDisplay,
  ordering: ['name', 'id'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...siteFilters((row) => row.site_id),
    filter.model('location', 'dcim.location', 'slug', (row) => row.location_id, { tree: true }),
    filter.model('location_id', 'dcim.location', 'id', (row) => row.location_id, { tree: true }),
    filter.model('role', 'dcim.devicerole', 'slug', (row) => row.role_id, { tree: true }),
    filter.model('role_id', 'dcim.devicerole', 'id', (row) => row.role_id, { tree: true }),
    filter.model('platform', 'dcim.platform', 'slug', (row) => row.platform_id, { tree: true }),
    filter.model('platform_id', 'dcim.platform', 'id', (row) => row.platform_id, { tree: true }),
    filter.model('manufacturer', 'dcim.manufacturer', 'slug', viaType('manufacturer_id')),
    filter.model('manufacturer_id', 'dcim.manufacturer', 'id', viaType('manufacturer_id')),
    filter.model('model', 'dcim.devicetype', 'slug', (row) => row.device_type_id),
    filter.flag('is_full_depth', (row, ctx) => viaType('is_full_depth')(row, ctx) === true, 'Is full depth'),
    filter.model('parent_device_id', 'dcim.device', 'id', (row, ctx) => parentBay(row, ctx)?.device_id),
    filter.model('parent_bay_id', 'dcim.devicebay', 'id', (row, ctx) => parentBay(row, ctx)?.id),
    filter.model('cluster_group', 'virtualization.clustergroup', 'slug', (row, ctx) => hop(ctx, 'virtualization_cluster', row.cluster_id)?.group_id),
    filter.model('cluster_group_id', 'virtualization.clustergroup', 'id', (row, ctx) => hop(ctx, 'virtualization_cluster', row.cluster_id)?.group_id),
    filter.model('primary_ip4', 'ipam.ipaddress', 'address', (row) => row.primary_ip4_id),
    filter.model('primary_ip6', 'ipam.ipaddress', 'address', (row) => row.primary_ip6_id),
    withLookups(filter.string('mac_address', deviceMacs), TEXT_LOOKUPS_NO_EMPTY),
    filter.flag('has_primary_ip', (row) => Boolean(row.primary_ip4_id ?? row.primary_ip6_id), 'Has a primary IP'),
    filter.flag('has_oob_ip', (row) => Boolean(row.oob_ip_id), 'Has an out-of-band IP'),
    filter.flag('virtual_chassis_member', (row) => Boolean(row.virtual_chassis_id), 'Is a virtual chassis member'),
    filter.flag('local_context_data', (row) => row.local_context_data !== null && row.local_context_data !== undefined, 'Has local config context data'),
    hasFilter('has_virtual_device_context', ['dcim_virtualdevicecontext'], 'device_id', 'Has virtual device context'),
    hasFilter('pass_through_ports', ['dcim_frontport', 'dcim_rearport'], 'device_id', 'Has pass-through ports'),
    ...COMPONENTS.flatMap(([name, table, flag]) => [
      counterFilter(name, table, 'device_id'),
      ...(flag ? [hasFilter(flag, [table], 'device_id')] : []),
    ]),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...contactFilters('dcim.device'),
    searchFilter((row, ctx) => [
      row.name,
      row.serial,
      ...ctx.db.where('dcim_inventoryitem', 'device_id', row.id).map((i) => i.serial),
      row.asset_tag,
      row.description,
      row.comments,
    ]),
  ],
  search: ['name', 'serial', 'asset_tag', 'description', 'comments'],
});
