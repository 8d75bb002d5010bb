import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { componentDisplay } from './component-fields.ts';
import { contentTypeFilter } from './content-type-filter.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const inventoryItemTemplate = defineModel({
  key: 'dcim.inventoryitemtemplate',
  path: 'inventory-item-templates',
  table: 'dcim_inventoryitemtemplate',
  schemaName: 'InventoryItemTemplate',
  verboseName: 'inventory item template',
  fields: [
    field.id(),
    field.url(),
    field.display(),
    field.fk('device_type', 'dcim.devicetype'),
    field.integer('parent', { column: 'parent_id', nullable: true }),
    field.string('name'),
    field.string('label'),
    field.fk('role', 'dcim.inventoryitemrole', { nullable: true }),
    field.fk('manufacturer', 'dcim.manufacturer', { nullable: true }),
    field.string('part_id'),
    field.string('description'),
    field.objectType('component_type', 'component_type_id', { nullable: true }),
    field.integer('component_id', { nullable: true }),
    field.generic('component', 'component_type_id', 'component_id'),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    field.computed('_depth', { type: 'integer', readOnly: true }, (row) => Number(row.level ?? 0)),
  ],
  brief: ['id', 'url', 'display', 'name', 'description', '_depth'],
  display: componentDisplay,
  ordering: ['device_type', 'parent', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    filter.model('device_type_id', 'dcim.devicetype', 'id', (row) => row.device_type_id),
    filter.model('parent_id', 'dcim.inventoryitemtemplate', 'id', (row) => row.parent_id),
    contentTypeFilter('component_type', 'component_type_id'),
  ],
  noFilters: ['device_type', 'parent'],
  search: ['name', 'part_id', 'description'],
});
