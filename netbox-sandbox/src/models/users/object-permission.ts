import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

const typeIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('users_objectpermission_object_types', 'objectpermission_id', row.id).map((r) => Number(r.objecttype_id));
const groupIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('users_group_object_permissions', 'objectpermission_id', row.id).map((r) => Number(r.group_id));
const userIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('users_user_object_permissions', 'objectpermission_id', row.id).map((r) => Number(r.user_id));
const actions = (row: Row): string[] => (Array.isArray(row.actions) ? row.actions.map(String) : []);

function canFilter(action: string): FilterDef {
  return filter.flag(`can_${action}`, (row) => actions(row).includes(action));
}

function typeIdFilter(name: string): FilterDef {
  return {
    name,
    type: 'custom',
    values: typeIds,
    match: (row, values, ctx) => typeIds(row, ctx).some((id) => values.includes(String(id))),
    lookups: ['n'],
    paramType: 'integer',
  };
}

export const objectPermission = defineModel({
  key: 'users.objectpermission',
  path: 'permissions',
  table: 'users_objectpermission',
  schemaName: 'ObjectPermission',
  verboseName: 'permission',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('description'),
    field.boolean('enabled'),
    field.computed('object_types', { type: 'array', items: { type: 'string' } }, (row, ctx) =>
      typeIds(row, ctx)
        .map((id) => ctx.db.contentTypeKey(id))
        .filter((key): key is string => key !== undefined),
    ),
    field.strings('actions'),
    field.json('constraints'),
    field.many('groups', 'users.group', groupIds, { nested: ['id', 'url', 'display_url', 'display', 'name'] }),
    field.many('users', 'users.user', userIds, { nested: ['id', 'url', 'display_url', 'display', 'username'] }),
  ],
  brief: ['id', 'url', 'display', 'name', 'description', 'enabled', 'object_types', 'actions'],
  ordering: ['name'],
  filters: [
    typeIdFilter('object_types'),
    typeIdFilter('object_type_id'),
    filter.custom('object_type', (row, values, ctx) => {
      const keys = typeIds(row, ctx).map((id) => ctx.db.contentTypeKey(id));
      return values.some((v) => keys.includes(v.toLowerCase()));
    }),
    canFilter('view'),
    canFilter('add'),
    canFilter('change'),
    canFilter('delete'),
    filter.model('user_id', 'users.user', 'id', userIds),
    filter.model('user', 'users.user', 'username', userIds),
    filter.model('group_id', 'users.group', 'id', groupIds),
    filter.model('group', 'users.group', 'name', groupIds),
  ],
  noFilters: ['actions'],
});
