import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, ModelKey } from '../model-def.ts';
import { contentTypeFilter } from './content-type-filter.ts';
import { hop, typeKey } from './related.ts';

/** CableTermination.__str__: `Cable <cable> to <termination>`. */
function display(row: Row, ctx: ApiContext): string {
  const cable = hop(ctx, 'dcim_cable', row.cable_id);
  const cableName = cable?.label ? String(cable.label) : `#${String(row.cable_id)}`;
  const key = typeKey(ctx, row.termination_type_id);
  const termination = key ? ctx.nested(key as ModelKey, row.termination_id as number) : null;
  return `Cable ${cableName} to ${String(termination?.display ?? row.termination_id)}`;
}

export const cableTermination = defineModel({
  key: 'dcim.cabletermination',
  path: 'cable-terminations',
  table: 'dcim_cabletermination',
  schemaName: 'CableTermination',
  verboseName: 'cable termination',
  fields: [
    field.id(),
    field.url(),
    field.display(),
    field.integer('cable', { column: 'cable_id' }),
    field.string('cable_end'),
    field.objectType('termination_type', 'termination_type_id'),
    field.integer('termination_id'),
    field.generic('termination', 'termination_type_id', 'termination_id'),
    // New in 4.6 (cable profiles): which connector and positions of the cable this termination uses.
    field.integer('connector', { nullable: true }),
    field.integers('positions', { nullable: true }),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'cable', 'cable_end', 'connector', 'positions', 'termination_type', 'termination_id'],
  display,
  ordering: ['cable', 'cable_end', 'id'],
  filters: [filter.model('cable', 'dcim.cable', 'id', (row) => row.cable_id), contentTypeFilter('termination_type', 'termination_type_id')],
  noFilters: ['connector'],
  search: [],
});
