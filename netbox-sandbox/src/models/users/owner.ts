import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';

const userGroupIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('users_owner_user_groups', 'owner_id', row.id).map((r) => Number(r.group_id));
const userIds = (row: Row, ctx: ApiContext): number[] => ctx.db.where('users_owner_users', 'owner_id', row.id).map((r) => Number(r.user_id));

/** NetBox 4.6's owners: who is responsible for an object, pointed at by the `owner` field of most models. */
export const owner = defineModel({
  key: 'users.owner',
  path: 'owners',
  table: 'users_owner',
  schemaName: 'Owner',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.fk('group', 'users.ownergroup', { nullable: true }),
    field.string('description'),
    field.many('user_groups', 'users.group', userGroupIds),
    field.many('users', 'users.user', userIds),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  ordering: ['name'],
  filters: [
    filter.model('group', 'users.ownergroup', 'name', (row) => row.group_id),
    filter.model('user_group_id', 'users.group', 'id', userGroupIds),
    filter.model('user_group', 'users.group', 'name', userGroupIds),
    filter.model('user_id', 'users.user', 'id', userIds),
    filter.model('user', 'users.user', 'username', userIds),
  ],
  noFilters: ['user_groups', 'users'],
});
