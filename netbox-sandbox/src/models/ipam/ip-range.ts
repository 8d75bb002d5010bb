import type { Row } from '../../db/dataset.ts';
import { IP_RANGE_STATUS } from '../choices/ipam-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { addressFilter, hostInAny, parentNetworks } from './address-filters.ts';
import { inetSortKey, parseCidr } from './cidr.ts';
import { familyField, familyFilter } from './family.ts';

/**
 * IPRange.name, NetBox's "efficient" form: the chunks both ends share, then the differing ones
 * (`192.168.1.0-49/22`). Chunks are compared position by position, as NetBox does.
 */
export function ipRangeName(row: Row): string {
  const start = String(row.start_address ?? '');
  const end = String(row.end_address ?? '');
  const separator = start.includes(':') ? ':' : '.';
  const [startIp = '', length = ''] = start.split('/');
  const startChunks = startIp.split(separator);
  const endChunks = (end.split('/')[0] ?? '').split(separator);
  const base = startChunks.filter((chunk, i) => i < endChunks.length && chunk === endChunks[i]);
  const rest = (chunks: string[]): string => chunks.slice(base.length).join(separator);
  return `${base.join(separator)}${separator}${rest(startChunks)}-${rest(endChunks)}/${length}`;
}

export const ipRange = defineModel({
  key: 'ipam.iprange',
  path: 'ip-ranges',
  table: 'ipam_iprange',
  schemaName: 'IPRange',
  verboseName: 'IP range',
  fields: [
    ...headFields(),
    familyField('start_address'),
    field.string('start_address'),
    field.string('end_address'),
    field.integer('size'),
    field.fk('vrf', 'ipam.vrf', { nullable: true }),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.choice('status', IP_RANGE_STATUS),
    field.fk('role', 'ipam.role', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.boolean('mark_populated'),
    field.boolean('mark_utilized'),
  ],
  brief: ['id', 'url', 'display', 'family', 'start_address', 'end_address', 'description'],
  display: ipRangeName,
  ordering: ['vrf_id', 'start_address', 'id'],
  sortKeys: {
    vrf_id: (row) => (row.vrf_id === null || row.vrf_id === undefined ? -1 : Number(row.vrf_id)),
    start_address: (row) => inetSortKey(row.start_address),
  },
  filters: [
    familyFilter('start_address'),
    addressFilter('start_address', 'start_address'),
    addressFilter('end_address', 'end_address'),
    // start_address <= value <= end_address in PostgreSQL's inet order, masks included, as NetBox compares.
    filter.custom(
      'contains',
      (row, values) => {
        const value = (values[values.length - 1] ?? '').trim();
        if (value === '') return true;
        if (!parseCidr(value)) return false;
        const key = inetSortKey(value);
        return inetSortKey(row.start_address) <= key && inetSortKey(row.end_address) >= key;
      },
      { description: 'Ranges which contain this prefix or IP' },
    ),
    filter.custom('parent', (row, values) => {
      const networks = parentNetworks(values);
      return networks !== null && networks.some((n) => hostInAny([n], row.start_address) && hostInAny([n], row.end_address));
    }),
    filter.model('vrf', 'ipam.vrf', 'rd', (row) => row.vrf_id),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const start = String(row.start_address ?? '');
      const end = String(row.end_address ?? '');
      if (String(row.description ?? '').toLowerCase().includes(raw.toLowerCase()) || start.includes(raw) || end.includes(raw)) return true;
      const query = parseCidr(raw.trim());
      const same = (text: string): boolean => {
        const own = parseCidr(text);
        return query !== null && own !== null && own.value === query.value && own.prefixLength === query.prefixLength;
      };
      return same(start) || same(end);
    }),
    ...tenancyFilters(),
    ...contactFilters('ipam.iprange'),
    ...ownerFilters(),
    ...requestFilters('ipam.iprange'),
  ],
  search: [],
});
