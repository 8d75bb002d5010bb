import type { Row } from '../../db/dataset.ts';
import { RACK_RESERVATION_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { ownerFilters, searchFilter, siteFilters, tenancyFilters } from './common-filters.ts';
import { rackOf } from './related.ts';

const units = (row: Row): number[] => (Array.isArray(row.units) ? (row.units as number[]) : []);
const viaRack =
  (column: string) =>
  (row: Row, ctx: ApiContext): unknown =>
    rackOf(row, ctx)?.[column];

/** `unit_count_min`/`unit_count_max`: a bound on how many units the reservation holds. */
function unitCountBound(name: string, holds: (count: number, bound: number) => boolean) {
  return filter.custom(
    name,
    (row, values) => {
      const raw = values[values.length - 1] ?? '';
      const bound = Number(raw);
      if (raw.trim() === '' || Number.isNaN(bound)) throw new FilterValueError(name, 'Enter a number.');
      return holds(units(row).length, bound);
    },
    { paramType: 'number' },
  );
}

export const rackReservation = defineModel({
  key: 'dcim.rackreservation',
  path: 'rack-reservations',
  table: 'dcim_rackreservation',
  schemaName: 'RackReservation',
  verboseName: 'rack reservation',
  fields: [
    ...headFields(),
    field.fk('rack', 'dcim.rack'),
    field.integers('units'),
    field.computed('unit_count', { type: 'integer', readOnly: true }, (row) => units(row).length),
    // New in 4.6; the migration marks existing reservations active.
    field.choice('status', RACK_RESERVATION_STATUS, { default: 'active' }),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    field.fk('user', 'users.user'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields().filter((f) => f.name === 'tags' || f.name === 'custom_fields'),
  ],
  brief: ['id', 'url', 'display', 'status', 'user', 'description', 'units'],
  display: (row, ctx) => `Reservation for rack ${String(rackOf(row, ctx)?.name ?? row.rack_id)}`,
  ordering: ['created', 'id'],
  filters: [
    ...siteFilters(viaRack('site_id')),
    filter.model('rack_id', 'dcim.rack', 'id', (row) => row.rack_id),
    filter.model('location', 'dcim.location', 'slug', viaRack('location_id'), { tree: true }),
    filter.model('location_id', 'dcim.location', 'id', viaRack('location_id'), { tree: true }),
    filter.model('group', 'dcim.rackgroup', 'slug', viaRack('group_id')),
    filter.model('group_id', 'dcim.rackgroup', 'id', viaRack('group_id')),
    filter.model('user', 'users.user', 'username', (row) => row.user_id),
    filter.number('unit', units),
    unitCountBound('unit_count_min', (count, bound) => count >= bound),
    unitCountBound('unit_count_max', (count, bound) => count <= bound),
    ...tenancyFilters(),
    ...ownerFilters(),
    searchFilter((row, ctx) => {
      const rack = rackOf(row, ctx);
      return [rack?.name, rack?.facility_id, ctx.db.get('users_user', row.user_id)?.username, row.description];
    }),
  ],
  noFilters: ['rack'],
  search: ['description'],
});
