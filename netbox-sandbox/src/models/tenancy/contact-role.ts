import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const contactRole = defineModel({
  key: 'tenancy.contactrole',
  path: 'contact-roles',
  table: 'tenancy_contactrole',
  schemaName: 'ContactRole',
  verboseName: 'contact role',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description'],
  filters: [...ownerFilters(), ...requestFilters('tenancy.contactrole')],
  search: ['name', 'slug', 'description'],
});
