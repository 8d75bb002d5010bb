import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';

export const ownerGroup = defineModel({
  key: 'users.ownergroup',
  path: 'owner-groups',
  table: 'users_ownergroup',
  schemaName: 'OwnerGroup',
  verboseName: 'owner group',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('description'),
    field.count('member_count', 'users_owner', 'group_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  ordering: ['name'],
});
