import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const role = defineModel({
  key: 'ipam.role',
  path: 'roles',
  table: 'ipam_role',
  schemaName: 'Role',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.integer('weight'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('prefix_count', 'ipam_prefix', 'role_id'),
    field.count('vlan_count', 'ipam_vlan', 'role_id'),
    field.count('asn_count', 'ipam_asn', 'role_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'prefix_count', 'vlan_count', 'asn_count'],
  ordering: ['weight', 'name'],
  filters: [...ownerFilters(), ...requestFilters('ipam.role')],
  search: ['name', 'slug', 'description'],
});
