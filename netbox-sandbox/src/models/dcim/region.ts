import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { contactFilters, ownerFilters } from './common-filters.ts';
import { cumulativeCount } from './counters.ts';
import { depthField, NESTED_TREE_FIELDS } from './tree-fields.ts';

export const region = defineModel({
  key: 'dcim.region',
  path: 'regions',
  table: 'dcim_region',
  schemaName: 'Region',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.fk('parent', 'dcim.region', { nullable: true, nested: NESTED_TREE_FIELDS }),
    field.string('description'),
    ...tailFields(),
    // Sites and prefixes anywhere below count too (NetBox's cumulative add_related_count).
    field.countBy('site_count', cumulativeCount('dcim_region', 'dcim_site', 'region_id')),
    field.countBy('prefix_count', cumulativeCount('dcim_region', 'ipam_prefix', '_region_id')),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    depthField('dcim_region'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'site_count', '_depth'],
  ordering: ['tree_id', 'lft'],
  filters: [
    filter.model('parent', 'dcim.region', 'slug', (row) => row.parent_id),
    filter.model('parent_id', 'dcim.region', 'id', (row) => row.parent_id),
    filter.model('ancestor', 'dcim.region', 'slug', (row) => row.parent_id, { tree: true }),
    filter.model('ancestor_id', 'dcim.region', 'id', (row) => row.parent_id, { tree: true }),
    ...ownerFilters(),
    ...contactFilters('dcim.region'),
  ],
  search: ['name', 'slug', 'description'],
});
