import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { contactFilters, ownerFilters } from './common-filters.ts';

export const manufacturer = defineModel({
  key: 'dcim.manufacturer',
  path: 'manufacturers',
  table: 'dcim_manufacturer',
  schemaName: 'Manufacturer',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('devicetype_count', 'dcim_devicetype', 'manufacturer_id'),
    field.count('moduletype_count', 'dcim_moduletype', 'manufacturer_id'),
    field.count('inventoryitem_count', 'dcim_inventoryitem', 'manufacturer_id'),
    field.count('platform_count', 'dcim_platform', 'manufacturer_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description'],
  filters: [...ownerFilters(), ...contactFilters('dcim.manufacturer')],
  search: ['name', 'slug', 'description'],
});
