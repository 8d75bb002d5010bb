import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const circuitGroup = defineModel({
  key: 'circuits.circuitgroup',
  path: 'circuit-groups',
  table: 'circuits_circuitgroup',
  schemaName: 'CircuitGroup',
  verboseName: 'circuit group',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('description'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('circuit_count', 'circuits_circuitgroupassignment', 'group_id'),
  ],
  brief: ['id', 'url', 'display', 'name'],
  filters: [...tenancyFilters(), ...ownerFilters(), ...requestFilters('circuits.circuitgroup')],
  search: ['name', 'slug', 'description'],
});
