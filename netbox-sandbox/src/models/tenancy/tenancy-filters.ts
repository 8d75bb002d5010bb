import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

type Getter = (row: Row, ctx: ApiContext) => unknown;

/** `tenant_group`/`tenant_group_id` through the tenant that `tenantId` reads off a row (a tree: subgroups match). */
export function tenantGroupFilters(tenantId: Getter = (row) => row.tenant_id): FilterDef[] {
  const group: Getter = (row, ctx) => ctx.db.get('tenancy_tenant', tenantId(row, ctx))?.group_id;
  return [
    filter.model('tenant_group', 'tenancy.tenantgroup', 'slug', group, { tree: true }),
    filter.model('tenant_group_id', 'tenancy.tenantgroup', 'id', group, { tree: true }),
  ];
}

/**
 * NetBox's TenancyFilterSet beyond the derived `tenant`/`tenant_id`: the tenant's group, matching the groups
 * below it too.
 */
export function tenancyFilters(): FilterDef[] {
  return tenantGroupFilters();
}
