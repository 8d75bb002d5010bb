import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from './common-filters.ts';

/** Module type profiles (4.3+): a JSON schema for the attributes of module types that use them. */
export const moduleTypeProfile = defineModel({
  key: 'dcim.moduletypeprofile',
  path: 'module-type-profiles',
  table: 'dcim_moduletypeprofile',
  schemaName: 'ModuleTypeProfile',
  verboseName: 'module type profile',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('description'),
    field.json('schema'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  filters: [...ownerFilters()],
  search: ['name', 'description', 'comments'],
});
