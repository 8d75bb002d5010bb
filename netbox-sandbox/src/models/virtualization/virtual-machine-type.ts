import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from '../users/owner-filters.ts';

/** NetBox 4.6's VM types: a template of platform and resources that virtual machines point at. */
export const virtualMachineType = defineModel({
  key: 'virtualization.virtualmachinetype',
  path: 'virtual-machine-types',
  table: 'virtualization_virtualmachinetype',
  schemaName: 'VirtualMachineType',
  verboseName: 'virtual machine type',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.fk('default_platform', 'dcim.platform', { nullable: true }),
    field.number('default_vcpus', { nullable: true }),
    field.integer('default_memory', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('virtual_machine_count', 'virtualization_virtualmachine', 'virtual_machine_type_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description'],
  filters: [
    filter.number('virtual_machine_count', (row, ctx) => ctx.db.where('virtualization_virtualmachine', 'virtual_machine_type_id', row.id).length),
    ...ownerFilters(),
    ...requestFilters('virtualization.virtualmachinetype'),
  ],
  search: ['name', 'slug', 'description', 'comments'],
});
