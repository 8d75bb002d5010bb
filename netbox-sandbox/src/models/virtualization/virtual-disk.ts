import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { NATURAL_NAME, naturalKey } from '../natural-order.ts';

export const virtualDisk = defineModel({
  key: 'virtualization.virtualdisk',
  path: 'virtual-disks',
  table: 'virtualization_virtualdisk',
  schemaName: 'VirtualDisk',
  verboseName: 'virtual disk',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.fk('virtual_machine', 'virtualization.virtualmachine'),
    field.string('name'),
    field.string('description'),
    field.integer('size'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'virtual_machine', 'name', 'description', 'size'],
  ordering: ['virtual_machine', 'name', 'id'],
  sortKeys: { ...NATURAL_NAME, virtual_machine: (row, ctx) => naturalKey(ctx.db.get('virtualization_virtualmachine', row.virtual_machine_id)?.name) },
  filters: [
    filter.model('virtual_machine', 'virtualization.virtualmachine', 'name', (row) => row.virtual_machine_id),
    ...ownerFilters(),
    ...requestFilters('virtualization.virtualdisk'),
  ],
  search: ['name', 'description'],
});
