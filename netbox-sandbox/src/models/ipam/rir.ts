import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const rir = defineModel({
  key: 'ipam.rir',
  path: 'rirs',
  table: 'ipam_rir',
  schemaName: 'RIR',
  verboseName: 'RIR',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.boolean('is_private'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('aggregate_count', 'ipam_aggregate', 'rir_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'aggregate_count'],
  filters: [...ownerFilters(), ...requestFilters('ipam.rir')],
  search: ['name', 'slug', 'description'],
});
