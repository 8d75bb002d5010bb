import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

const ownerGroupOf = (row: Row, ctx: ApiContext): unknown => ctx.db.get('users_owner', row.owner_id)?.group_id;

/**
 * NetBox 4.6's OwnerFilterMixin beyond the derived `owner_id`: owners and owner groups have no slug, so the
 * plain filters take names.
 */
export function ownerFilters(): FilterDef[] {
  return [
    filter.model('owner', 'users.owner', 'name', (row) => row.owner_id),
    filter.model('owner_group', 'users.ownergroup', 'name', ownerGroupOf),
    filter.model('owner_group_id', 'users.ownergroup', 'id', ownerGroupOf),
  ];
}
