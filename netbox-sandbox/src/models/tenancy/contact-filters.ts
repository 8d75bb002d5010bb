import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef, ModelKey } from '../model-def.ts';
import { contactGroupIds } from './contact-groups.ts';

function assignments(ctx: ApiContext, key: ModelKey, row: Row): readonly Row[] {
  const typeId = ctx.db.contentTypeId(key);
  return ctx.db.where('tenancy_contactassignment', 'object_id', row.id).filter((a) => a.object_type_id === typeId);
}

/** NetBox's ContactModelFilterSet: objects by the contacts assigned to them, their roles and groups (by id). */
export function contactFilters(key: ModelKey): FilterDef[] {
  return [
    filter.model('contact', 'tenancy.contact', 'id', (row, ctx) => assignments(ctx, key, row).map((a) => a.contact_id)),
    filter.model('contact_role', 'tenancy.contactrole', 'id', (row, ctx) => assignments(ctx, key, row).map((a) => a.role_id)),
    filter.model(
      'contact_group',
      'tenancy.contactgroup',
      'id',
      (row, ctx) => assignments(ctx, key, row).flatMap((a) => contactGroupIds(ctx, ctx.db.get('tenancy_contact', a.contact_id))),
      { tree: true },
    ),
  ];
}
