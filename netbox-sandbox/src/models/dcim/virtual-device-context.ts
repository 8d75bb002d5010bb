import type { Row } from '../../db/dataset.ts';
import { VIRTUAL_DEVICE_CONTEXT_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters, searchFilter, tenancyFilters } from './common-filters.ts';
import { ipField, primaryIpField } from './ip-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';


export const virtualDeviceContext = defineModel({
  key: 'dcim.virtualdevicecontext',
  path: 'virtual-device-contexts',
  table: 'dcim_virtualdevicecontext',
  schemaName: 'VirtualDeviceContext',
  verboseName: 'virtual device context',
  fields: [
    ...headFields(),
    field.string('name'),
    field.fk('device', 'dcim.device'),
    field.integer('identifier', { nullable: true }),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    primaryIpField(),
    ipField('primary_ip4'),
    ipField('primary_ip6'),
    field.choice('status', VIRTUAL_DEVICE_CONTEXT_STATUS),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('interface_count', 'dcim_interface_vdcs', 'virtualdevicecontext_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'identifier', 'device', 'description'],
  sortKeys: NATURAL_NAME,
  ordering: ['name'],
  filters: [
    filter.model('device', 'dcim.device', 'name', (row) => row.device_id),
    filter.model('interface_id', 'dcim.interface', 'id', (row, ctx) =>
      ctx.db.where('dcim_interface_vdcs', 'virtualdevicecontext_id', row.id).map((r: Row) => r.interface_id),
    ),
    filter.model('primary_ip4', 'ipam.ipaddress', 'address', (row) => row.primary_ip4_id),
    filter.model('primary_ip6', 'ipam.ipaddress', 'address', (row) => row.primary_ip6_id),
    filter.flag('has_primary_ip', (row) => Boolean(row.primary_ip4_id ?? row.primary_ip6_id), 'Has a primary IP'),
    ...tenancyFilters(),
    ...ownerFilters(),
    searchFilter((row) => [row.name, row.description, row.identifier]),
  ],
  search: ['name', 'description'],
});
