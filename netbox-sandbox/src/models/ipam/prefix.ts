import type { Row } from '../../db/dataset.ts';
import { PREFIX_STATUS } from '../choices/ipam-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { sameNetworkAsAny } from './address-filters.ts';
import { cidrContains, cidrContainsOrEquals, inetSortKey, parseCidr, parseIp } from './cidr.ts';
import { familyField, familyFilter, maskLengthFilter } from './family.ts';
import { prefixPlace } from './prefix-hierarchy.ts';
import { scopedFilters } from './scoped-filters.ts';
import { presentInVrfFilter } from './vrf-presence.ts';

const rowCidr = (row: Row) => (typeof row.prefix === 'string' ? parseCidr(row.prefix) : null);
const vlanGroupOf = (row: Row, ctx: ApiContext): unknown => ctx.db.get('ipam_vlan', row.vlan_id)?.group_id;

/** `within` / `within_include`: prefixes inside the value's network (strictly, or including it). */
function withinFilter(name: string, include: boolean) {
  return filter.custom(
    name,
    (row, values) => {
      const value = (values[values.length - 1] ?? '').trim();
      if (value === '') return true;
      const outer = parseCidr(value);
      const inner = rowCidr(row);
      if (!outer || !inner) return false;
      return include ? cidrContainsOrEquals(outer, inner) : cidrContains(outer, inner);
    },
    { description: include ? 'Within and including prefix' : 'Within prefix' },
  );
}

/** `contains`: prefixes holding the value, a network (or equal to it) or a single address. */
const containsFilter = filter.custom(
  'contains',
  (row, values) => {
    const value = (values[values.length - 1] ?? '').trim();
    if (value === '') return true;
    const outer = rowCidr(row);
    if (!outer) return false;
    if (value.includes('/')) {
      const inner = parseCidr(value);
      return inner !== null && cidrContainsOrEquals(outer, inner);
    }
    const ip = parseIp(value);
    if (!ip) return false;
    const host = { ...ip, network: ip.value, prefixLength: ip.family === 4 ? 32 : 128 };
    return cidrContains(outer, host);
  },
  { description: 'Prefixes which contain this prefix or IP' },
);

export const prefix = defineModel({
  key: 'ipam.prefix',
  path: 'prefixes',
  table: 'ipam_prefix',
  schemaName: 'Prefix',
  fields: [
    ...headFields(),
    familyField('prefix'),
    field.string('prefix'),
    field.fk('vrf', 'ipam.vrf', { nullable: true }),
    field.objectType('scope_type', 'scope_type_id', { nullable: true }),
    field.integer('scope_id', { nullable: true }),
    field.generic('scope', 'scope_type_id', 'scope_id'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.fk('vlan', 'ipam.vlan', { nullable: true }),
    field.choice('status', PREFIX_STATUS),
    field.fk('role', 'ipam.role', { nullable: true }),
    field.boolean('is_pool'),
    field.boolean('mark_utilized'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.computed('children', { type: 'integer', readOnly: true }, (row, ctx) => prefixPlace(ctx.db, row).children),
    field.computed('_depth', { type: 'integer', readOnly: true }, (row, ctx) => prefixPlace(ctx.db, row).depth),
  ],
  brief: ['id', 'url', 'display', 'family', 'prefix', 'description', '_depth'],
  display: (row) => String(row.prefix),
  // Meta.ordering: F('vrf').asc(nulls_first=True), 'prefix', 'pk'.
  ordering: ['vrf_id', 'prefix', 'id'],
  sortKeys: {
    vrf_id: (row) => (row.vrf_id === null || row.vrf_id === undefined ? -1 : Number(row.vrf_id)),
    prefix: (row) => inetSortKey(row.prefix),
  },
  filters: [
    familyFilter('prefix'),
    filter.custom('prefix', (row, values) => sameNetworkAsAny(values, row.prefix)),
    withinFilter('within', false),
    withinFilter('within_include', true),
    containsFilter,
    filter.number('depth', (row, ctx) => prefixPlace(ctx.db, row).depth),
    filter.number('children', (row, ctx) => prefixPlace(ctx.db, row).children),
    maskLengthFilter('prefix'),
    filter.model('vrf', 'ipam.vrf', 'rd', (row) => row.vrf_id),
    presentInVrfFilter('present_in_vrf', 'rd'),
    presentInVrfFilter('present_in_vrf_id', 'id'),
    filter.model('vlan_group', 'ipam.vlangroup', 'slug', vlanGroupOf),
    filter.model('vlan_group_id', 'ipam.vlangroup', 'id', vlanGroupOf),
    filter.number('vlan_vid', (row, ctx) => ctx.db.get('ipam_vlan', row.vlan_id)?.vid ?? null),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      const value = raw.trim();
      if (value === '') return true;
      if (String(row.description ?? '').toLowerCase().includes(raw.toLowerCase())) return true;
      if (String(row.prefix ?? '').includes(value)) return true;
      const query = parseCidr(value);
      const own = rowCidr(row);
      return query !== null && own !== null && cidrContainsOrEquals(own, query);
    }),
    ...scopedFilters(),
    ...tenancyFilters(),
    ...contactFilters('ipam.prefix'),
    ...ownerFilters(),
    ...requestFilters('ipam.prefix'),
  ],
  search: [],
});
