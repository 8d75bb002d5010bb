import type { Row } from '../../db/dataset.ts';
import { IP_ADDRESS_ROLE, IP_ADDRESS_STATUS } from '../choices/ipam-choices.ts';
import { memoByValues } from '../core/memo-values.ts';
import { objectTypeFilter } from '../core/object-type-filter.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { addressFilter, hostInAny, parentNetworks } from './address-filters.ts';
import { assignedIdOf, assignedTo, deviceInterfaceIds, namedObjects, vmInterfaceIds } from './assigned-interfaces.ts';
import { inetSortKey } from './cidr.ts';
import { familyField, familyFilter, maskLengthFilter } from './family.ts';
import { NESTED_IP_ADDRESS_SCHEMA, nestedIpAddress } from './nested-ip-address.ts';
import { presentInVrfFilter } from './vrf-presence.ts';

const INTERFACE_TYPES = ['dcim.interface', 'virtualization.vminterface'];

/** `device`/`device_id`, `virtual_machine`/`virtual_machine_id`: addresses on the named hosts' interfaces. */
function hostFilter(
  name: string,
  table: string,
  by: 'name' | 'id',
  interfaceType: string,
  interfaces: (ctx: ApiContext, host: Row) => number[],
): FilterDef {
  const selected = memoByValues(
    (values, ctx) => new Set(namedObjects(ctx, table, name, by, values).flatMap((host) => interfaces(ctx, host))),
  );
  return filter.custom(
    name,
    (row, values, ctx) => assignedTo(ctx, row, interfaceType, selected(values, ctx)),
    { paramType: by === 'id' ? 'integer' : 'string' },
  );
}

const interfaceId = (row: Row, ctx: ApiContext): unknown => assignedIdOf(ctx, row, 'dcim.interface');
const vmInterfaceId = (row: Row, ctx: ApiContext): unknown => assignedIdOf(ctx, row, 'virtualization.vminterface');

export const ipAddress = defineModel({
  key: 'ipam.ipaddress',
  path: 'ip-addresses',
  table: 'ipam_ipaddress',
  schemaName: 'IPAddress',
  verboseName: 'IP address',
  fields: [
    ...headFields(),
    familyField('address'),
    field.string('address'),
    field.fk('vrf', 'ipam.vrf', { nullable: true }),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.choice('status', IP_ADDRESS_STATUS),
    field.choice('role', IP_ADDRESS_ROLE, { nullable: true }),
    field.objectType('assigned_object_type', 'assigned_object_type_id', { nullable: true }),
    field.integer('assigned_object_id', { nullable: true }),
    field.generic('assigned_object', 'assigned_object_type_id', 'assigned_object_id'),
    field.computed('nat_inside', { ...NESTED_IP_ADDRESS_SCHEMA, nullable: true }, (row, ctx) => nestedIpAddress(ctx, row.nat_inside_id), {
      nullable: true,
    }),
    field.computed('nat_outside', { type: 'array', items: NESTED_IP_ADDRESS_SCHEMA }, (row, ctx) =>
      ctx.db.where('ipam_ipaddress', 'nat_inside_id', row.id).map((r) => nestedIpAddress(ctx, r.id)),
    ),
    field.string('dns_name'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'family', 'address', 'description'],
  display: (row) => String(row.address),
  ordering: ['address', 'id'],
  sortKeys: { address: (row) => inetSortKey(row.address) },
  filters: [
    familyFilter('address'),
    filter.custom('parent', (row, values) => {
      const networks = parentNetworks(values);
      return networks !== null && hostInAny(networks, row.address);
    }),
    addressFilter('address', 'address'),
    maskLengthFilter('address'),
    filter.model('vrf', 'ipam.vrf', 'rd', (row) => row.vrf_id),
    presentInVrfFilter('present_in_vrf', 'rd'),
    presentInVrfFilter('present_in_vrf_id', 'id'),
    objectTypeFilter('assigned_object_type', 'assigned_object_type_id'),
    hostFilter('device', 'dcim_device', 'name', 'dcim.interface', deviceInterfaceIds),
    hostFilter('device_id', 'dcim_device', 'id', 'dcim.interface', deviceInterfaceIds),
    hostFilter('virtual_machine', 'virtualization_virtualmachine', 'name', 'virtualization.vminterface', vmInterfaceIds),
    hostFilter('virtual_machine_id', 'virtualization_virtualmachine', 'id', 'virtualization.vminterface', vmInterfaceIds),
    filter.model('interface', 'dcim.interface', 'name', interfaceId),
    filter.model('interface_id', 'dcim.interface', 'id', interfaceId),
    filter.model('vminterface', 'virtualization.vminterface', 'name', vmInterfaceId),
    filter.model('vminterface_id', 'virtualization.vminterface', 'id', vmInterfaceId),
    filter.model('nat_inside_id', 'ipam.ipaddress', 'id', (row) => row.nat_inside_id),
    filter.model('fhrpgroup_id', 'ipam.fhrpgroup', 'id', (row, ctx) => assignedIdOf(ctx, row, 'ipam.fhrpgroup')),
    filter.model('service_id', 'ipam.service', 'id', (row, ctx) =>
      ctx.db.where('ipam_service_ipaddresses', 'ipaddress_id', row.id).map((r) => r.service_id),
    ),
    filter.flag(
      'assigned_to_interface',
      (row, ctx) =>
        INTERFACE_TYPES.includes(ctx.db.contentTypeKey(row.assigned_object_type_id) ?? '') &&
        row.assigned_object_id !== null &&
        row.assigned_object_id !== undefined,
      'Is assigned to an interface',
    ),
    filter.flag(
      'assigned',
      (row) => !((row.assigned_object_type_id ?? null) === null && (row.assigned_object_id ?? null) === null),
      'Is assigned',
    ),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const lower = raw.toLowerCase();
      return (
        String(row.dns_name ?? '').toLowerCase().includes(lower) ||
        String(row.description ?? '').toLowerCase().includes(lower) ||
        String(row.address ?? '').toLowerCase().startsWith(lower)
      );
    }),
    ...tenancyFilters(),
    ...contactFilters('ipam.ipaddress'),
    ...ownerFilters(),
    ...requestFilters('ipam.ipaddress'),
  ],
  search: [],
});
