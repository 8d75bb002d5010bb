import type { Row } from '../../db/dataset.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import { objectTypeFilter } from '../core/object-type-filter.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { FilterDef } from '../model-def.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { totalVlanIds, vidRanges } from './vid-ranges.ts';
import { NATURAL_NAME } from '../natural-order.ts';

function single(name: string, values: readonly string[]): number | null {
  const value = (values[values.length - 1] ?? '').trim();
  if (value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new FilterValueError(name, 'Enter a number.');
  return n;
}

/** `region=5`, `site=3`…: groups scoped to exactly that object (by id; NetBox's filter_scope). */
function scopeFilter(name: string, key: string): FilterDef {
  return filter.custom(
    name,
    (row, values, ctx) => {
      const id = single(name, values);
      return id === null || (ctx.db.contentTypeKey(row.scope_type_id) === key && Number(row.scope_id) === id);
    },
    { paramType: 'number' },
  );
}

/** `vlan_count * 100 / total_vlan_ids`, rounded to 2 places, as the float's Python text (`12.5`, `0.0`). */
function utilization(row: Row, vlanCount: number): string | null {
  const total = totalVlanIds(row);
  if (total === 0) return null;
  const value = Math.round(((vlanCount * 100) / total) * 100) / 100;
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export const vlanGroup = defineModel({
  key: 'ipam.vlangroup',
  path: 'vlan-groups',
  table: 'ipam_vlangroup',
  schemaName: 'VLANGroup',
  verboseName: 'VLAN group',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.objectType('scope_type', 'scope_type_id', { nullable: true }),
    field.integer('scope_id', { nullable: true }),
    field.generic('scope', 'scope_type_id', 'scope_id'),
    field.computed('vid_ranges', { type: 'array', items: { type: 'array', items: { type: 'integer' } } }, vidRanges),
    field.computed('total_vlan_ids', { type: 'integer', readOnly: true }, totalVlanIds),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('vlan_count', 'ipam_vlan', 'group_id'),
    field.computed(
      'utilization',
      { type: 'string', readOnly: true },
      (row, ctx) => utilization(row, ctx.db.where('ipam_vlan', 'group_id', row.id).length),
      { nullable: true },
    ),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'vlan_count'],
  sortKeys: NATURAL_NAME,
  filters: [
    objectTypeFilter('scope_type', 'scope_type_id'),
    scopeFilter('region', 'dcim.region'),
    scopeFilter('site_group', 'dcim.sitegroup'),
    scopeFilter('site', 'dcim.site'),
    scopeFilter('location', 'dcim.location'),
    scopeFilter('rack', 'dcim.rack'),
    scopeFilter('cluster_group', 'virtualization.clustergroup'),
    scopeFilter('cluster', 'virtualization.cluster'),
    filter.custom(
      'contains_vid',
      (row, values) => {
        const vid = single('contains_vid', values);
        return vid === null || vidRanges(row).some(([lo, hi]) => vid >= lo && vid <= hi);
      },
      { paramType: 'number' },
    ),
    filter.number('total_vlan_ids', totalVlanIds),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...requestFilters('ipam.vlangroup'),
  ],
  search: ['name', 'description'],
});
