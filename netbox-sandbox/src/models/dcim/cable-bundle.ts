import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from './common-filters.ts';

/** Cable bundles are new in 4.6: a named group of cables. */
export const cableBundle = defineModel({
  key: 'dcim.cablebundle',
  path: 'cable-bundles',
  table: 'dcim_cablebundle',
  schemaName: 'CableBundle',
  verboseName: 'cable bundle',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('cable_count', 'dcim_cable', 'bundle_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  filters: [...ownerFilters()],
  search: ['name', 'description', 'comments'],
});
