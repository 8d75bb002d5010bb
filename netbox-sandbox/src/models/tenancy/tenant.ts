import type { Row } from '../../db/dataset.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { contactFilters } from './contact-filters.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const count = (table: string) => (row: Row, ctx: ApiContext) => ctx.db.where(table, 'tenant_id', row.id).length;

export const tenant = defineModel({
  key: 'tenancy.tenant',
  path: 'tenants',
  table: 'tenancy_tenant',
  schemaName: 'Tenant',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.fk('group', 'tenancy.tenantgroup', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.countBy('circuit_count', count('circuits_circuit')),
    field.countBy('device_count', count('dcim_device')),
    field.countBy('ipaddress_count', count('ipam_ipaddress')),
    field.countBy('prefix_count', count('ipam_prefix')),
    field.countBy('rack_count', count('dcim_rack')),
    field.countBy('site_count', count('dcim_site')),
    field.countBy('virtualmachine_count', count('virtualization_virtualmachine')),
    field.countBy('vlan_count', count('ipam_vlan')),
    field.countBy('vrf_count', count('ipam_vrf')),
    field.countBy('cluster_count', count('virtualization_cluster')),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description'],
  sortKeys: NATURAL_NAME,
  filters: [
    filter.model('group', 'tenancy.tenantgroup', 'slug', (row) => row.group_id, { tree: true }),
    filter.model('group_id', 'tenancy.tenantgroup', 'id', (row) => row.group_id, { tree: true }),
    ...contactFilters('tenancy.tenant'),
    ...ownerFilters(),
    ...requestFilters('tenancy.tenant'),
  ],
  search: ['name', 'slug', 'description', 'comments'],
});
