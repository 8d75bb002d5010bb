import type { Row } from '../../db/dataset.ts';
import { SITE_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { contactFilters, ownerFilters, tenancyFilters, TEXT_LOOKUPS_NO_EMPTY, withLookups } from './common-filters.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const asnIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('dcim_site_asns', 'site_id', row.id).map((r) => Number(r.asn_id));

export const site = defineModel({
  key: 'dcim.site',
  path: 'sites',
  table: 'dcim_site',
  schemaName: 'Site',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.choice('status', SITE_STATUS),
    field.fk('region', 'dcim.region', { nullable: true }),
    field.fk('group', 'dcim.sitegroup', { nullable: true }),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.string('facility'),
    field.string('time_zone', { emptyAsNull: true }),
    field.string('description'),
    field.string('physical_address'),
    field.string('shipping_address'),
    field.number('latitude', { nullable: true }),
    field.number('longitude', { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.many('asns', 'ipam.asn', asnIds),
    ...tailFields(),
    field.countBy('circuit_count', (row, ctx) => {
      const terms = ctx.db.where('circuits_circuittermination', '_site_id', row.id);
      return new Set(terms.map((t) => t.circuit_id)).size;
    }),
    field.count('device_count', 'dcim_device', 'site_id'),
    field.count('prefix_count', 'ipam_prefix', '_site_id'),
    field.count('rack_count', 'dcim_rack', 'site_id'),
    field.count('virtualmachine_count', 'virtualization_virtualmachine', 'site_id'),
    field.count('vlan_count', 'ipam_vlan', 'site_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description'],
  sortKeys: NATURAL_NAME,
  filters: [
    filter.model('region', 'dcim.region', 'slug', (row) => row.region_id, { tree: true }),
    filter.model('region_id', 'dcim.region', 'id', (row) => row.region_id, { tree: true }),
    filter.model('group', 'dcim.sitegroup', 'slug', (row) => row.group_id, { tree: true }),
    filter.model('group_id', 'dcim.sitegroup', 'id', (row) => row.group_id, { tree: true }),
    filter.model('asn', 'ipam.asn', 'asn', asnIds),
    filter.model('asn_id', 'ipam.asn', 'id', asnIds),
    // A MultiValueCharFilter: text lookups, but no `__empty`.
    withLookups(filter.string('time_zone'), TEXT_LOOKUPS_NO_EMPTY),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...contactFilters('dcim.site'),
  ],
  noFilters: ['physical_address', 'shipping_address', 'asns'],
  search: ['name', 'facility', 'description', 'physical_address', 'shipping_address', 'comments'],
});
