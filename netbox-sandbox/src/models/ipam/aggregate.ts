import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { sameNetworkAsAny } from './address-filters.ts';
import { cidrContainsOrEquals, inetSortKey, parseCidr } from './cidr.ts';
import { familyField, familyFilter } from './family.ts';

export const aggregate = defineModel({
  key: 'ipam.aggregate',
  path: 'aggregates',
  table: 'ipam_aggregate',
  schemaName: 'Aggregate',
  fields: [
    ...headFields(),
    familyField('prefix'),
    field.string('prefix'),
    field.fk('rir', 'ipam.rir'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.date('date_added', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'family', 'prefix', 'description'],
  display: (row) => String(row.prefix),
  ordering: ['prefix', 'id'],
  sortKeys: { prefix: (row) => inetSortKey(row.prefix) },
  filters: [
    familyFilter('prefix'),
    // A single-valued CharFilter: the last value counts, and one that is no network matches nothing.
    filter.custom('prefix', (row, values) => {
      const value = values[values.length - 1] ?? '';
      return value.trim() === '' || sameNetworkAsAny([value], row.prefix);
    }),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      const value = raw.trim();
      if (value === '') return true;
      if (String(row.description ?? '').toLowerCase().includes(raw.toLowerCase())) return true;
      if (String(row.prefix ?? '').includes(value)) return true;
      const query = parseCidr(value);
      const own = typeof row.prefix === 'string' ? parseCidr(row.prefix) : null;
      return query !== null && own !== null && cidrContainsOrEquals(own, query);
    }),
    ...tenancyFilters(),
    ...contactFilters('ipam.aggregate'),
    ...ownerFilters(),
    ...requestFilters('ipam.aggregate'),
  ],
  search: [],
});
