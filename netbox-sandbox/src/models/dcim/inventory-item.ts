import { INVENTORY_ITEM_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields } from '../field.ts';
import { filter } from '../filter.ts';
import { deviceComponentFilters, ownerFilters } from './common-filters.ts';
import { componentDisplay, componentTail, deviceField } from './component-fields.ts';
import { contentTypeFilter } from './content-type-filter.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const inventoryItem = defineModel({
  key: 'dcim.inventoryitem',
  path: 'inventory-items',
  table: 'dcim_inventoryitem',
  schemaName: 'InventoryItem',
  verboseName: 'inventory item',
  fields: [
    ...headFields(),
    deviceField(),
    field.integer('parent', { column: 'parent_id', nullable: true }),
    field.string('name'),
    field.string('label'),
    field.choice('status', INVENTORY_ITEM_STATUS),
    field.fk('role', 'dcim.inventoryitemrole', { nullable: true }),
    field.fk('manufacturer', 'dcim.manufacturer', { nullable: true }),
    field.string('part_id'),
    field.string('serial'),
    field.string('asset_tag', { nullable: true }),
    field.boolean('discovered'),
    field.string('description'),
    field.objectType('component_type', 'component_type_id', { nullable: true }),
    field.integer('component_id', { nullable: true }),
    field.generic('component', 'component_type_id', 'component_id'),
    ...componentTail(),
    field.computed('_depth', { type: 'integer', readOnly: true }, (row) => Number(row.level ?? 0)),
  ],
  brief: ['id', 'url', 'display', 'device', 'name', 'description', '_depth'],
  display: componentDisplay,
  ordering: ['device', 'parent', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...deviceComponentFilters(),
    filter.model('parent_id', 'dcim.inventoryitem', 'id', (row) => row.parent_id),
    contentTypeFilter('component_type', 'component_type_id'),
    ...ownerFilters(),
  ],
  noFilters: ['parent'],
  search: ['name', 'part_id', 'serial', 'asset_tag', 'description'],
});
