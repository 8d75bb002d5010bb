import type { Row } from '../../db/dataset.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';

const siteIds = (row: Row, ctx: ApiContext): number[] => ctx.db.where('dcim_site_asns', 'asn_id', row.id).map((r) => Number(r.site_id));
const providerIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('circuits_provider_asns', 'asn_id', row.id).map((r) => Number(r.provider_id));
const siteGroups = (row: Row, ctx: ApiContext): unknown[] => siteIds(row, ctx).map((id) => ctx.db.get('dcim_site', id)?.group_id);

/** ASN.__str__: `AS65001`, with ASDOT notation added for 32-bit numbers (`AS4200000000 (64086.59904)`). */
export function asnDisplay(asn: number): string {
  return asn > 65535 ? `AS${asn} (${Math.floor(asn / 65536)}.${asn % 65536})` : `AS${asn}`;
}

/** ASNSiteSerializer: a site's brief fields, in that serializer's own order (description before slug). */
function asnSite(ctx: ApiContext, id: number): Record<string, unknown> | null {
  const site = ctx.nested('dcim.site', id);
  if (!site) return null;
  const { id: siteId, url, display, name, description, slug } = site;
  return { id: siteId, url, display, name, description, slug };
}

export const asn = defineModel({
  key: 'ipam.asn',
  path: 'asns',
  table: 'ipam_asn',
  schemaName: 'ASN',
  verboseName: 'ASN',
  fields: [
    ...headFields(),
    field.integer('asn'),
    field.fk('rir', 'ipam.rir', { nullable: true }),
    field.fk('role', 'ipam.role', { nullable: true }),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.countBy('site_count', (row, ctx) => siteIds(row, ctx).length),
    field.countBy('provider_count', (row, ctx) => providerIds(row, ctx).length),
    field.computed('sites', { type: 'array', items: { $ref: '#/components/schemas/ASNSite' } }, (row, ctx) =>
      siteIds(row, ctx).map((id) => asnSite(ctx, id)),
    ),
  ],
  brief: ['id', 'url', 'display', 'asn', 'description'],
  display: (row) => asnDisplay(Number(row.asn)),
  ordering: ['asn'],
  filters: [
    filter.model('site_group_id', 'dcim.sitegroup', 'id', siteGroups, { tree: true }),
    filter.model('site_group', 'dcim.sitegroup', 'slug', siteGroups, { tree: true }),
    filter.model('site_id', 'dcim.site', 'id', siteIds),
    filter.model('site', 'dcim.site', 'slug', siteIds),
    filter.model('provider_id', 'circuits.provider', 'id', providerIds),
    filter.model('provider', 'circuits.provider', 'slug', providerIds),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      // Python's int() takes surrounding blanks and a sign, not decimals.
      const asNumber = /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : null;
      return String(row.description ?? '').toLowerCase().includes(raw.toLowerCase()) || (asNumber !== null && Number(row.asn) === asNumber);
    }),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...requestFilters('ipam.asn'),
  ],
  search: [],
});
