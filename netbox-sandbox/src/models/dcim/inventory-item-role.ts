import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from './common-filters.ts';

export const inventoryItemRole = defineModel({
  key: 'dcim.inventoryitemrole',
  path: 'inventory-item-roles',
  table: 'dcim_inventoryitemrole',
  schemaName: 'InventoryItemRole',
  verboseName: 'inventory item role',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('color'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('inventoryitem_count', 'dcim_inventoryitem', 'role_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'inventoryitem_count'],
  filters: [...ownerFilters()],
  search: ['name', 'slug', 'description'],
});
