import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from './common-filters.ts';

export const rackRole = defineModel({
  key: 'dcim.rackrole',
  path: 'rack-roles',
  table: 'dcim_rackrole',
  schemaName: 'RackRole',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('color'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('rack_count', 'dcim_rack', 'role_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'rack_count'],
  filters: [...ownerFilters()],
  search: ['name', 'slug', 'description'],
});
