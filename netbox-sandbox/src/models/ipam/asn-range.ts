import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const asnRange = defineModel({
  key: 'ipam.asnrange',
  path: 'asn-ranges',
  table: 'ipam_asnrange',
  schemaName: 'ASNRange',
  verboseName: 'ASN range',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.fk('rir', 'ipam.rir'),
    field.integer('start'),
    field.integer('end'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.countBy('asn_count', (row, ctx) =>
      ctx.db.rows('ipam_asn').filter((a) => Number(a.asn) >= Number(row.start) && Number(a.asn) <= Number(row.end)).length,
    ),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  sortKeys: NATURAL_NAME,
  display: (row) => `${String(row.name)} (${String(row.start)}-${String(row.end)})`,
  filters: [...tenancyFilters(), ...ownerFilters(), ...requestFilters('ipam.asnrange')],
  search: ['name', 'description'],
});
