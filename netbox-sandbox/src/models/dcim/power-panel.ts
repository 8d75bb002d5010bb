import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { contactFilters, ownerFilters, siteFilters } from './common-filters.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const powerPanel = defineModel({
  key: 'dcim.powerpanel',
  path: 'power-panels',
  table: 'dcim_powerpanel',
  schemaName: 'PowerPanel',
  verboseName: 'power panel',
  fields: [
    ...headFields(),
    field.fk('site', 'dcim.site'),
    field.fk('location', 'dcim.location', { nullable: true }),
    field.string('name'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.tags(),
    field.customFields(),
    field.count('powerfeed_count', 'dcim_powerfeed', 'power_panel_id'),
    ...tailFields().filter((f) => f.name === 'created' || f.name === 'last_updated'),
  ],
  brief: ['id', 'url', 'display', 'name', 'description', 'powerfeed_count'],
  ordering: ['site', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...siteFilters((row) => row.site_id),
    filter.model('location_id', 'dcim.location', 'id', (row) => row.location_id, { tree: true }),
    ...ownerFilters(),
    ...contactFilters('dcim.powerpanel'),
  ],
  noFilters: ['location'],
  search: ['name', 'description'],
});
