import type { Row } from '../../db/dataset.ts';
import { relatedIdFilter } from '../core/related-id-filter.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';

const groupIds = (row: Row, ctx: ApiContext): number[] => ctx.db.where('users_user_groups', 'user_id', row.id).map((r) => Number(r.group_id));
const permissionIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('users_user_object_permissions', 'user_id', row.id).map((r) => Number(r.objectpermission_id));
const ownerIds = (row: Row, ctx: ApiContext): number[] => ctx.db.where('users_owner_users', 'user_id', row.id).map((r) => Number(r.owner_id));

/** Users as `/api/users/users/` shows them: never the password hash, never `is_staff`. */
export const user = defineModel({
  key: 'users.user',
  path: 'users',
  table: 'users_user',
  schemaName: 'User',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('username'),
    field.string('first_name'),
    field.string('last_name'),
    field.string('email'),
    field.boolean('is_active'),
    field.datetime('date_joined'),
    field.datetime('last_login', { nullable: true }),
    field.many('groups', 'users.group', groupIds),
    field.many('permissions', 'users.objectpermission', permissionIds),
  ],
  brief: ['id', 'url', 'display', 'username'],
  display: (row) => String(row.username),
  ordering: ['username'],
  filters: [
    filter.boolean('is_superuser'),
    filter.model('group_id', 'users.group', 'id', groupIds),
    filter.model('group', 'users.group', 'name', groupIds),
    filter.model('permission_id', 'users.objectpermission', 'id', permissionIds),
    relatedIdFilter('notification_group_id', 'extras_notificationgroup', (row, ctx) =>
      ctx.db.where('extras_notificationgroup_users', 'user_id', row.id).map((r) => r.notificationgroup_id),
    ),
    filter.model('owner_id', 'users.owner', 'id', ownerIds),
    filter.model('owner', 'users.owner', 'name', ownerIds),
  ],
  noFilters: ['groups', 'permissions'],
  search: ['username', 'first_name', 'last_name', 'email'],
});
