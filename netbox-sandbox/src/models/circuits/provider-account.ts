import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const providerAccount = defineModel({
  key: 'circuits.provideraccount',
  path: 'provider-accounts',
  table: 'circuits_provideraccount',
  schemaName: 'ProviderAccount',
  verboseName: 'provider account',
  fields: [
    ...headFields(),
    field.fk('provider', 'circuits.provider'),
    field.string('name'),
    field.string('account'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'name', 'account', 'description'],
  display: (row) => (row.name ? `${String(row.account)} (${String(row.name)})` : String(row.account)),
  ordering: ['provider', 'account', 'id'],
  sortKeys: { provider: (row, ctx) => String(ctx.db.get('circuits_provider', row.provider_id)?.name ?? '') },
  filters: [...contactFilters('circuits.provideraccount'), ...ownerFilters(), ...requestFilters('circuits.provideraccount')],
  search: ['name', 'description', 'account', 'comments'],
});
