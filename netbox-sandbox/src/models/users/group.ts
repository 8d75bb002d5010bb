import type { Row } from '../../db/dataset.ts';
import { relatedIdFilter } from '../core/related-id-filter.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';

const userIds = (row: Row, ctx: ApiContext): number[] => ctx.db.where('users_user_groups', 'group_id', row.id).map((r) => Number(r.user_id));
const permissionIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('users_group_object_permissions', 'group_id', row.id).map((r) => Number(r.objectpermission_id));
const ownerIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('users_owner_user_groups', 'group_id', row.id).map((r) => Number(r.owner_id));

export const group = defineModel({
  key: 'users.group',
  path: 'groups',
  table: 'users_group',
  schemaName: 'Group',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('description'),
    field.many('permissions', 'users.objectpermission', permissionIds),
    field.countBy('user_count', (row, ctx) => userIds(row, ctx).length),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  ordering: ['name'],
  filters: [
    filter.model('user_id', 'users.user', 'id', userIds),
    filter.model('permission_id', 'users.objectpermission', 'id', permissionIds),
    relatedIdFilter('notification_group_id', 'extras_notificationgroup', (row, ctx) =>
      ctx.db.where('extras_notificationgroup_groups', 'group_id', row.id).map((r) => r.notificationgroup_id),
    ),
    filter.model('owner_id', 'users.owner', 'id', ownerIds),
    filter.model('owner', 'users.owner', 'name', ownerIds),
  ],
  noFilters: ['permissions'],
});
