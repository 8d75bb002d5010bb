import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

const tenantGroupOf = (row: Row, ctx: ApiContext): unknown => ctx.db.get('tenancy_tenant', row.tenant_id)?.group_id;

/**
 * NetBox's TenancyFilterSet beyond the derived `tenant`/`tenant_id`: the tenant's group, matching the groups
 * below it too.
 */
export function tenancyFilters(): FilterDef[] {
  return [
    filter.model('tenant_group', 'tenancy.tenantgroup', 'slug', tenantGroupOf, { tree: true }),
    filter.model('tenant_group_id', 'tenancy.tenantgroup', 'id', tenantGroupOf, { tree: true }),
  ];
}
