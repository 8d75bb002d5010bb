import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const circuitType = defineModel({
  key: 'circuits.circuittype',
  path: 'circuit-types',
  table: 'circuits_circuittype',
  schemaName: 'CircuitType',
  verboseName: 'circuit type',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('slug'),
    field.string('color'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('circuit_count', 'circuits_circuit', 'type_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'description', 'circuit_count'],
  filters: [...ownerFilters(), ...requestFilters('circuits.circuittype')],
  search: ['name', 'slug', 'description'],
});
