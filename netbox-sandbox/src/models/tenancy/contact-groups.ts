import type { Row } from '../../db/dataset.ts';
import type { ApiContext } from '../model-def.ts';

/**
 * The groups a contact belongs to. NetBox 4.3 turned the single `group` into a many-to-many; dumps from
 * older versions still carry `group_id`.
 */
export function contactGroupIds(ctx: ApiContext, contact: Row | undefined): number[] {
  if (!contact) return [];
  if (ctx.db.hasTable('tenancy_contact_groups')) {
    return ctx.db.where('tenancy_contact_groups', 'contact_id', contact.id).map((r) => Number(r.contactgroup_id));
  }
  return contact.group_id === null || contact.group_id === undefined ? [] : [Number(contact.group_id)];
}
