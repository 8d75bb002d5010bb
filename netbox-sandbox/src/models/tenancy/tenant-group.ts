import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { descendantIds, treeDepth } from '../tree.ts';
import { ownerFilters } from '../users/owner-filters.ts';

const NESTED_GROUP = ['id', 'url', 'display_url', 'display', 'name', 'slug', '_depth'];

export const tenantGroup = defineModel({
  key: 'tenancy.tenantgroup',
  path: 'tenant-groups',
  table: 'tenancy_tenantgroup',
  schemaName: 'TenantGroup',
  verboseName: 'tenant group',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('slug'),
    field.fk('parent', 'tenancy.tenantgroup', { nullable: true, nested: NESTED_GROUP }),
    field.string('description'),
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    // The API annotates cumulative counts: tenants of this group and of every group below it.
    field.countBy('tenant_count', (row, ctx) => {
      const groups = descendantIds(ctx.db, 'tenancy_tenantgroup', [Number(row.id)]);
      return ctx.db.rows('tenancy_tenant').filter((t) => groups.has(Number(t.group_id))).length;
    }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.computed('_depth', { type: 'integer', readOnly: true }, (row, ctx) => treeDepth(ctx.db, 'tenancy_tenantgroup', row)),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'tenant_count', '_depth'],
  // MPTT's tree manager lists nodes in tree order; data without MPTT columns falls back to names.
  ordering: ['tree_id', 'lft', 'name'],
  filters: [
    filter.model('ancestor', 'tenancy.tenantgroup', 'slug', (row) => row.parent_id, { tree: true }),
    filter.model('ancestor_id', 'tenancy.tenantgroup', 'id', (row) => row.parent_id, { tree: true }),
    ...ownerFilters(),
    ...requestFilters('tenancy.tenantgroup'),
  ],
  search: ['name', 'slug', 'description', 'comments'],
});
