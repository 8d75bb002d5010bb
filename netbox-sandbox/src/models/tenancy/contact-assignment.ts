import type { Row } from '../../db/dataset.ts';
import { CONTACT_PRIORITY } from '../choices/tenancy-choices.ts';
import { objectTypeFilter, objectTypeIdFilter } from '../core/object-type-filter.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { contactGroupIds } from './contact-groups.ts';

const nameOf = (ctx: ApiContext, table: string, id: unknown): string | null => {
  const row = ctx.db.get(table, id);
  return row ? String(row.name) : null;
};

const groupsOf = (row: Row, ctx: ApiContext): number[] => contactGroupIds(ctx, ctx.db.get('tenancy_contact', row.contact_id));

export const contactAssignment = defineModel({
  key: 'tenancy.contactassignment',
  path: 'contact-assignments',
  table: 'tenancy_contactassignment',
  schemaName: 'ContactAssignment',
  verboseName: 'contact assignment',
  fields: [
    field.id(),
    field.url(),
    field.display(),
    field.objectType('object_type', 'object_type_id'),
    field.integer('object_id'),
    field.generic('object', 'object_type_id', 'object_id'),
    field.fk('contact', 'tenancy.contact'),
    field.fk('role', 'tenancy.contactrole', { nullable: true }),
    field.choice('priority', CONTACT_PRIORITY, { nullable: true }),
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'contact', 'role', 'priority'],
  display: (row, ctx) => {
    const contactName = nameOf(ctx, 'tenancy_contact', row.contact_id) ?? '';
    const roleName = nameOf(ctx, 'tenancy_contactrole', row.role_id);
    return roleName === null ? contactName : `${contactName} (${roleName})`;
  },
  ordering: ['contact', 'priority', 'role', 'id'],
  sortKeys: {
    contact: (row, ctx) => nameOf(ctx, 'tenancy_contact', row.contact_id),
    role: (row, ctx) => nameOf(ctx, 'tenancy_contactrole', row.role_id),
  },
  filters: [
    objectTypeFilter('object_type', 'object_type_id'),
    objectTypeIdFilter('object_type_id', 'object_type_id'),
    filter.model('group', 'tenancy.contactgroup', 'slug', groupsOf, { tree: true }),
    filter.model('group_id', 'tenancy.contactgroup', 'id', groupsOf, { tree: true }),
    filter.custom('q', (row, values, ctx) => {
      const q = (values[values.length - 1] ?? '').trim().toLowerCase();
      if (q === '') return true;
      return [nameOf(ctx, 'tenancy_contact', row.contact_id), nameOf(ctx, 'tenancy_contactrole', row.role_id)].some(
        (name) => name !== null && name.toLowerCase().includes(q),
      );
    }),
    ...requestFilters('tenancy.contactassignment'),
  ],
  search: [],
});
