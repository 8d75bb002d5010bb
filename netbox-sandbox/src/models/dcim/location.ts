import { LOCATION_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { contactFilters, ownerFilters, siteFilters, tenancyFilters } from './common-filters.ts';
import { cumulativeCount } from './counters.ts';
import { depthField, NESTED_TREE_FIELDS } from './tree-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const location = defineModel({
  key: 'dcim.location',
  path: 'locations',
  table: 'dcim_location',
  schemaName: 'Location',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.fk('site', 'dcim.site'),
    field.fk('parent', 'dcim.location', { nullable: true, nested: NESTED_TREE_FIELDS }),
    field.choice('status', LOCATION_STATUS),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.string('facility'),
    field.string('description'),
    ...tailFields(),
    field.countBy('rack_count', cumulativeCount('dcim_location', 'dcim_rack', 'location_id')),
    field.countBy('device_count', cumulativeCount('dcim_location', 'dcim_device', 'location_id')),
    field.count('prefix_count', 'ipam_prefix', '_location_id'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    depthField('dcim_location'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'rack_count', '_depth'],
  ordering: ['site_id', 'tree_id', 'lft'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...siteFilters((row) => row.site_id),
    filter.model('parent', 'dcim.location', 'slug', (row) => row.parent_id),
    filter.model('parent_id', 'dcim.location', 'id', (row) => row.parent_id),
    filter.model('ancestor', 'dcim.location', 'slug', (row) => row.parent_id, { tree: true }),
    filter.model('ancestor_id', 'dcim.location', 'id', (row) => row.parent_id, { tree: true }),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...contactFilters('dcim.location'),
  ],
  search: ['name', 'facility', 'description'],
});
