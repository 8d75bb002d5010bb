import type { Row } from '../../db/dataset.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { circuitTerminations, terminationSiteFilters } from './termination-sites.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const asnIds = (row: Row, ctx: ApiContext): number[] => ctx.db.where('circuits_provider_asns', 'provider_id', row.id).map((r) => Number(r.asn_id));
const accounts = (row: Row, ctx: ApiContext): readonly Row[] => ctx.db.where('circuits_provideraccount', 'provider_id', row.id);
const terminations = (row: Row, ctx: ApiContext): Row[] =>
  ctx.db.where('circuits_circuit', 'provider_id', row.id).flatMap((c) => [...circuitTerminations(c, ctx)]);

export const provider = defineModel({
  key: 'circuits.provider',
  path: 'providers',
  table: 'circuits_provider',
  schemaName: 'Provider',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.many(
      'accounts',
      'circuits.provideraccount',
      (row, ctx) => [...accounts(row, ctx)].sort((a, b) => String(a.account).localeCompare(String(b.account))).map((a) => Number(a.id)),
      { nested: ['id', 'url', 'display_url', 'display', 'name', 'account'] },
    ),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.many('asns', 'ipam.asn', asnIds),
    ...tailFields(),
    field.count('circuit_count', 'circuits_circuit', 'provider_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'circuit_count'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...terminationSiteFilters(terminations),
    filter.model('asn_id', 'ipam.asn', 'id', asnIds),
    filter.model('asn', 'ipam.asn', 'asn', asnIds),
    filter.custom('q', (row, values, ctx) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const q = raw.toLowerCase();
      const texts = [row.name, row.description, row.comments, ...accounts(row, ctx).flatMap((a) => [a.account, a.name])];
      return texts.some((t) => String(t ?? '').toLowerCase().includes(q));
    }),
    ...contactFilters('circuits.provider'),
    ...ownerFilters(),
    ...requestFilters('circuits.provider'),
  ],
  noFilters: ['accounts', 'asns'],
  search: [],
});
