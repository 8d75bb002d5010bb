import type { Row } from '../../db/dataset.ts';
import { CABLE_LENGTH_UNIT, CABLE_PROFILE, CABLE_TYPE, LINK_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';
import { genericTerminations, terminationsOf } from './cable-ends.ts';
import { numberValues, ownerFilters, tenancyFilters } from './common-filters.ts';
import { hop, typeKey } from './related.ts';

const TERMINATIONS_SCHEMA = { type: 'array', items: { $ref: '#/components/schemas/GenericObject' } };

/** `device`, `rack_id`, `site`…: a cable with any termination cached on that object (CableTermination._device…). */
function byTermination(name: string, column: string, table?: string, by?: string): FilterDef {
  return filter.custom(
    name,
    (row, values, ctx) => {
      const wanted = table ? values : numberValues(name, values).map(String);
      return terminationsOf(row, ctx).some((t) => {
        const value = table ? hop(ctx, table, t[column])?.[by as string] : t[column];
        return value !== undefined && value !== null && wanted.includes(String(value));
      });
    },
    { paramType: table ? 'string' : 'integer' },
  );
}

/** `interface_id=…`: cables attached to those objects of one type. */
function byObject(model: string): FilterDef {
  const name = `${model.split('.')[1] ?? model}_id`;
  return filter.custom(
    name,
    (row, values, ctx) => {
      const ids = numberValues(name, values);
      return terminationsOf(row, ctx).some((t) => typeKey(ctx, t.termination_type_id) === model && ids.includes(Number(t.termination_id)));
    },
    { paramType: 'integer' },
  );
}

/** `termination_a_id`: terminations on that end with those ids, whatever their type. */
function byEndId(name: string, end: 'A' | 'B'): FilterDef {
  return filter.custom(
    name,
    (row, values, ctx) => {
      const ids = numberValues(name, values);
      return terminationsOf(row, ctx, end).some((t) => ids.includes(Number(t.termination_id)));
    },
    { paramType: 'integer' },
  );
}

/** `termination_a_type`: NetBox filters on any termination's type here, whichever end it is on. */
function byType(name: string): FilterDef {
  return filter.custom(
    name,
    (row, values, ctx) => terminationsOf(row, ctx).some((t) => values.some((v) => typeKey(ctx, t.termination_type_id) === v.trim().toLowerCase())),
    { lookups: ['n'] },
  );
}

/** A cable and its ends are unterminated unless both ends have a termination. */
const terminatedBothEnds = (row: Row, ctx: ApiContext): boolean =>
  terminationsOf(row, ctx, 'A').length > 0 && terminationsOf(row, ctx, 'B').length > 0;

export const cable = defineModel({
  key: 'dcim.cable',
  path: 'cables',
  table: 'dcim_cable',
  schemaName: 'Cable',
  fields: [
    ...headFields(),
    // Cable.type is a plain value in the API, not a {value, label} choice.
    field.string('type', { nullable: true }),
    field.computed('a_terminations', TERMINATIONS_SCHEMA, (row, ctx) => genericTerminations(row, ctx, 'A')),
    field.computed('b_terminations', TERMINATIONS_SCHEMA, (row, ctx) => genericTerminations(row, ctx, 'B')),
    field.choice('status', LINK_STATUS),
    field.choice('profile', CABLE_PROFILE, { nullable: true }),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.fk('bundle', 'dcim.cablebundle', { nullable: true }),
    field.string('label'),
    field.string('color'),
    field.number('length', { nullable: true }),
    field.choice('length_unit', CABLE_LENGTH_UNIT, { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'label', 'description'],
  display: (row) => (row.label ? String(row.label) : `#${String(row.id)}`),
  ordering: ['id'],
  filters: [
    filter.choice('type', CABLE_TYPE),
    filter.model('bundle', 'dcim.cablebundle', 'name', (row) => row.bundle_id),
    byTermination('device', '_device_id', 'dcim_device', 'name'),
    byTermination('device_id', '_device_id'),
    byTermination('rack', '_rack_id', 'dcim_rack', 'name'),
    byTermination('rack_id', '_rack_id'),
    byTermination('location', '_location_id', 'dcim_location', 'name'),
    byTermination('location_id', '_location_id'),
    byTermination('site', '_site_id', 'dcim_site', 'slug'),
    byTermination('site_id', '_site_id'),
    ...[
      'dcim.consoleport',
      'dcim.consoleserverport',
      'dcim.powerport',
      'dcim.poweroutlet',
      'dcim.interface',
      'dcim.frontport',
      'dcim.rearport',
      'dcim.powerfeed',
      'circuits.circuittermination',
    ].map(byObject),
    byEndId('termination_a_id', 'A'),
    byEndId('termination_b_id', 'B'),
    byType('termination_a_type'),
    byType('termination_b_type'),
    filter.flag('unterminated', (row, ctx) => !terminatedBothEnds(row, ctx), 'Unterminated'),
    ...tenancyFilters(),
    ...ownerFilters(),
  ],
  search: ['label', 'description'],
});
