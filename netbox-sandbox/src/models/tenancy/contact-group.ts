import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { descendantIds, treeDepth } from '../tree.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { contactGroupIds } from './contact-groups.ts';

const NESTED_GROUP = ['id', 'url', 'display_url', 'display', 'name', 'slug', '_depth'];

export const contactGroup = defineModel({
  key: 'tenancy.contactgroup',
  path: 'contact-groups',
  table: 'tenancy_contactgroup',
  schemaName: 'ContactGroup',
  verboseName: 'contact group',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('slug'),
    field.fk('parent', 'tenancy.contactgroup', { nullable: true, nested: NESTED_GROUP }),
    field.string('description'),
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    // Cumulative, as the API annotates it: contacts in this group or any group below it.
    field.countBy('contact_count', (row, ctx) => {
      const groups = descendantIds(ctx.db, 'tenancy_contactgroup', [Number(row.id)]);
      return ctx.db.rows('tenancy_contact').filter((c) => contactGroupIds(ctx, c).some((g) => groups.has(g))).length;
    }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.computed('_depth', { type: 'integer', readOnly: true }, (row, ctx) => treeDepth(ctx.db, 'tenancy_contactgroup', row)),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'contact_count', '_depth'],
  // MPTT's tree manager lists nodes in tree order; data without MPTT columns falls back to names.
  ordering: ['tree_id', 'lft', 'name'],
  filters: [
    filter.model('ancestor', 'tenancy.contactgroup', 'slug', (row) => row.parent_id, { tree: true }),
    filter.model('ancestor_id', 'tenancy.contactgroup', 'id', (row) => row.parent_id, { tree: true }),
    filter.model('contact_id', 'tenancy.contact', 'id', (row, ctx) =>
      ctx.db.rows('tenancy_contact').filter((c) => contactGroupIds(ctx, c).includes(Number(row.id))).map((c) => c.id),
    ),
    ...ownerFilters(),
    ...requestFilters('tenancy.contactgroup'),
  ],
  search: ['name', 'slug', 'description', 'comments'],
});
