import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { NATURAL_NAME, naturalKey } from '../natural-order.ts';

export const providerNetwork = defineModel({
  key: 'circuits.providernetwork',
  path: 'provider-networks',
  table: 'circuits_providernetwork',
  schemaName: 'ProviderNetwork',
  verboseName: 'provider network',
  fields: [
    ...headFields(),
    field.fk('provider', 'circuits.provider'),
    field.string('name'),
    field.string('service_id'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  ordering: ['provider', 'name', 'id'],
  sortKeys: { ...NATURAL_NAME, provider: (row, ctx) => naturalKey(ctx.db.get('circuits_provider', row.provider_id)?.name) },
  filters: [...ownerFilters(), ...requestFilters('circuits.providernetwork')],
  search: ['name', 'service_id', 'description', 'comments'],
});
