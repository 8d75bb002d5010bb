import { FilterValueError } from '../../query/filter-value-error.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from './common-filters.ts';
import { cumulativeCount } from './counters.ts';
import { hop } from './related.ts';
import { depthField } from './tree-fields.ts';

const NESTED_PLATFORM = ['id', 'url', 'display_url', 'display', 'name'];

export const platform = defineModel({
  key: 'dcim.platform',
  path: 'platforms',
  table: 'dcim_platform',
  schemaName: 'Platform',
  fields: [
    ...headFields(),
    // Platforms became a tree in 4.6.
    field.fk('parent', 'dcim.platform', { nullable: true, nested: NESTED_PLATFORM }),
    field.string('name'),
    field.string('slug'),
    field.fk('manufacturer', 'dcim.manufacturer', { nullable: true }),
    field.fk('config_template', 'extras.configtemplate', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.countBy('device_count', cumulativeCount('dcim_platform', 'dcim_device', 'platform_id')),
    field.countBy('virtualmachine_count', cumulativeCount('dcim_platform', 'virtualization_virtualmachine', 'platform_id')),
    depthField('dcim_platform'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'device_count', 'virtualmachine_count', '_depth'],
  ordering: ['tree_id', 'lft', 'name'],
  filters: [
    filter.model('parent', 'dcim.platform', 'slug', (row) => row.parent_id),
    filter.model('parent_id', 'dcim.platform', 'id', (row) => row.parent_id),
    filter.model('ancestor', 'dcim.platform', 'slug', (row) => row.parent_id, { tree: true }),
    filter.model('ancestor_id', 'dcim.platform', 'id', (row) => row.parent_id, { tree: true }),
    // Platforms of the device type's manufacturer, and those of no manufacturer.
    filter.custom('available_for_device_type', (row, values, ctx) => {
      const value = values[values.length - 1] ?? '';
      const type = /^\d+$/.test(value) ? hop(ctx, 'dcim_devicetype', Number(value)) : undefined;
      if (!type) {
        throw new FilterValueError(
          'available_for_device_type',
          'Select a valid choice. That choice is not one of the available choices.',
        );
      }
      return row.manufacturer_id === null || row.manufacturer_id === undefined || row.manufacturer_id === type.manufacturer_id;
    }),
    ...ownerFilters(),
  ],
  search: ['name', 'slug', 'description'],
});
