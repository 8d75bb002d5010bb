import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { ownerFilters, TEXT_LOOKUPS_NO_EMPTY, withLookups } from './common-filters.ts';
import { contentTypeFilter } from './content-type-filter.ts';
import { formatMac } from './mac.ts';
import { hop, typeKey } from './related.ts';

/** The interface (or VM interface) id a MAC address is assigned to, when it is of that kind. */
const assignedId =
  (key: string) =>
  (row: Row, ctx: ApiContext): unknown =>
    typeKey(ctx, row.assigned_object_type_id) === key ? row.assigned_object_id : undefined;

const interfaceId = assignedId('dcim.interface');
const vmInterfaceId = assignedId('virtualization.vminterface');

/** `device`/`device_id`, `virtual_machine`/`virtual_machine_id`: MACs on the interfaces of the named parents. */
function parentFilter(name: string, table: string, column: string, by: 'name' | 'id', interfaceOf: typeof interfaceId) {
  return filter.custom(
    name,
    (row, values, ctx) => {
      const ifaceTable = table === 'dcim_device' ? 'dcim_interface' : 'virtualization_vminterface';
      const parent = hop(ctx, table, hop(ctx, ifaceTable, interfaceOf(row, ctx))?.[column]);
      return parent !== undefined && values.includes(String(parent[by]));
    },
    { paramType: by === 'id' ? 'integer' : 'string' },
  );
}

export const macAddress = defineModel({
  key: 'dcim.macaddress',
  path: 'mac-addresses',
  table: 'dcim_macaddress',
  schemaName: 'MACAddress',
  verboseName: 'MAC address',
  fields: [
    ...headFields(),
    field.computed('mac_address', { type: 'string' }, (row) => formatMac(row.mac_address)),
    field.objectType('assigned_object_type', 'assigned_object_type_id', { nullable: true }),
    field.integer('assigned_object_id', { nullable: true }),
    field.generic('assigned_object', 'assigned_object_type_id', 'assigned_object_id'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'mac_address', 'description'],
  display: (row) => formatMac(row.mac_address) ?? '',
  ordering: ['mac_address', 'id'],
  filters: [
    withLookups(filter.string('mac_address', (row) => formatMac(row.mac_address)), TEXT_LOOKUPS_NO_EMPTY),
    contentTypeFilter('assigned_object_type', 'assigned_object_type_id'),
    filter.flag('assigned', (row) => row.assigned_object_id !== null && row.assigned_object_id !== undefined),
    filter.flag('primary', (row, ctx) => {
      const iface = hop(ctx, 'dcim_interface', interfaceId(row, ctx)) ?? hop(ctx, 'virtualization_vminterface', vmInterfaceId(row, ctx));
      return iface !== undefined && iface.primary_mac_address_id === row.id;
    }),
    filter.model('interface', 'dcim.interface', 'name', interfaceId),
    filter.model('interface_id', 'dcim.interface', 'id', interfaceId),
    parentFilter('device', 'dcim_device', 'device_id', 'name', interfaceId),
    parentFilter('device_id', 'dcim_device', 'device_id', 'id', interfaceId),
    parentFilter('virtual_machine', 'virtualization_virtualmachine', 'virtual_machine_id', 'name', vmInterfaceId),
    parentFilter('virtual_machine_id', 'virtualization_virtualmachine', 'virtual_machine_id', 'id', vmInterfaceId),
    filter.model('vminterface', 'virtualization.vminterface', 'name', vmInterfaceId),
    filter.model('vminterface_id', 'virtualization.vminterface', 'id', vmInterfaceId),
    ...ownerFilters(),
  ],
  search: ['mac_address', 'description'],
});
