import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { contactGroupIds } from './contact-groups.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const contact = defineModel({
  key: 'tenancy.contact',
  path: 'contacts',
  table: 'tenancy_contact',
  schemaName: 'Contact',
  fields: [
    ...headFields(),
    field.many('groups', 'tenancy.contactgroup', (row, ctx) => contactGroupIds(ctx, row)),
    field.string('name'),
    field.string('title'),
    field.string('phone'),
    field.string('email'),
    field.string('address'),
    field.string('link'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  sortKeys: NATURAL_NAME,
  filters: [
    filter.model('group', 'tenancy.contactgroup', 'slug', (row, ctx) => contactGroupIds(ctx, row), { tree: true }),
    filter.model('group_id', 'tenancy.contactgroup', 'id', (row, ctx) => contactGroupIds(ctx, row), { tree: true }),
    ...ownerFilters(),
    ...requestFilters('tenancy.contact'),
  ],
  noFilters: ['groups'],
  search: ['name', 'title', 'phone', 'email', 'address', 'link', 'description', 'comments'],
});
