import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { contactFilters, ownerFilters } from './common-filters.ts';
import { cumulativeCount } from './counters.ts';
import { depthField, NESTED_TREE_FIELDS } from './tree-fields.ts';

export const siteGroup = defineModel({
  key: 'dcim.sitegroup',
  path: 'site-groups',
  table: 'dcim_sitegroup',
  schemaName: 'SiteGroup',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.fk('parent', 'dcim.sitegroup', { nullable: true, nested: NESTED_TREE_FIELDS }),
    field.string('description'),
    ...tailFields(),
    // Sites and prefixes anywhere below count too (NetBox's cumulative add_related_count).
    field.countBy('site_count', cumulativeCount('dcim_sitegroup', 'dcim_site', 'group_id')),
    field.countBy('prefix_count', cumulativeCount('dcim_sitegroup', 'ipam_prefix', '_site_group_id')),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    depthField('dcim_sitegroup'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'site_count', '_depth'],
  ordering: ['tree_id', 'lft'],
  filters: [
    filter.model('parent', 'dcim.sitegroup', 'slug', (row) => row.parent_id),
    filter.model('parent_id', 'dcim.sitegroup', 'id', (row) => row.parent_id),
    filter.model('ancestor', 'dcim.sitegroup', 'slug', (row) => row.parent_id, { tree: true }),
    filter.model('ancestor_id', 'dcim.sitegroup', 'id', (row) => row.parent_id, { tree: true }),
    ...ownerFilters(),
    ...contactFilters('dcim.sitegroup'),
  ],
  search: ['name', 'slug', 'description'],
});
