import { defineModel } from '../define-model.ts';
import { field, headFields } from '../field.ts';
import { filter } from '../filter.ts';
import { deviceComponentFilters, ownerFilters } from './common-filters.ts';
import { COMPONENT_SEARCH, componentDisplay, componentTail, deviceField } from './component-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const deviceBay = defineModel({
  key: 'dcim.devicebay',
  path: 'device-bays',
  table: 'dcim_devicebay',
  schemaName: 'DeviceBay',
  verboseName: 'device bay',
  fields: [
    ...headFields(),
    deviceField(),
    field.string('name'),
    field.string('label'),
    // New in 4.6; bays are enabled unless disabled.
    field.boolean('enabled', { default: true }),
    field.string('description'),
    field.fk('installed_device', 'dcim.device', { nullable: true }),
    ...componentTail(),
    field.computed('_occupied', { type: 'boolean', readOnly: true }, (row) => row.installed_device_id !== null && row.installed_device_id !== undefined),
  ],
  brief: ['id', 'url', 'display', 'device', 'name', 'enabled', 'description', '_occupied'],
  display: componentDisplay,
  ordering: ['device', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...deviceComponentFilters(),
    filter.model('installed_device', 'dcim.device', 'name', (row) => row.installed_device_id),
    ...ownerFilters(),
  ],
  search: COMPONENT_SEARCH,
});
