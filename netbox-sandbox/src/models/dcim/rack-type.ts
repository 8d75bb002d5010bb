import { RACK_DIMENSION_UNIT, RACK_FORM_FACTOR, RACK_WIDTH, WEIGHT_UNIT } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters, TEXT_LOOKUPS_NO_EMPTY, withLookups } from './common-filters.ts';

export const rackType = defineModel({
  key: 'dcim.racktype',
  path: 'rack-types',
  table: 'dcim_racktype',
  schemaName: 'RackType',
  fields: [
    ...headFields(),
    field.fk('manufacturer', 'dcim.manufacturer'),
    field.string('model'),
    field.string('slug'),
    field.string('description'),
    field.choice('form_factor', RACK_FORM_FACTOR, { nullable: true }),
    field.choice('width', RACK_WIDTH),
    field.integer('u_height'),
    field.integer('starting_unit'),
    field.boolean('desc_units'),
    field.integer('outer_width', { nullable: true }),
    field.integer('outer_height', { nullable: true }),
    field.integer('outer_depth', { nullable: true }),
    field.choice('outer_unit', RACK_DIMENSION_UNIT, { nullable: true }),
    field.number('weight', { nullable: true }),
    field.integer('max_weight', { nullable: true }),
    field.choice('weight_unit', WEIGHT_UNIT, { nullable: true }),
    field.integer('mounting_depth', { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('rack_count', 'dcim_rack', 'rack_type_id'),
  ],
  brief: ['id', 'url', 'display', 'manufacturer', 'model', 'slug', 'description', 'rack_count'],
  display: (row) => String(row.model),
  ordering: ['manufacturer_id', 'model', 'id'],
  filters: [
    // A MultipleChoiceFilter over integer choices: text lookups without `__empty`.
    withLookups(filter.choice('width', RACK_WIDTH), TEXT_LOOKUPS_NO_EMPTY),
    filter.number('rack_count', (row, ctx) => ctx.db.where('dcim_rack', 'rack_type_id', row.id).length),
    ...ownerFilters(),
  ],
  search: ['model', 'description', 'comments'],
});
