import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from './common-filters.ts';

/** Rack groups are new in NetBox 4.6: a flat grouping of racks beside their location. */
export const rackGroup = defineModel({
  key: 'dcim.rackgroup',
  path: 'rack-groups',
  table: 'dcim_rackgroup',
  schemaName: 'RackGroup',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('rack_count', 'dcim_rack', 'group_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'rack_count'],
  filters: [...ownerFilters()],
  search: ['name', 'slug', 'description'],
});
