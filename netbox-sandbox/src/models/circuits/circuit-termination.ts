import type { Row } from '../../db/dataset.ts';
import { objectTypeFilter } from '../core/object-type-filter.ts';
import { requestFilters } from '../core/request-filters.ts';
import { cableEndField, cableField, linkPeersFields, occupiedField } from '../dcim/cabling.ts';
import { cabledFilters } from '../dcim/common-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { terminationSiteFilters } from './termination-sites.ts';

const KEY = 'circuits.circuittermination';

const circuitOf = (row: Row, ctx: ApiContext): Row | undefined => ctx.db.get('circuits_circuit', row.circuit_id);

export const circuitTermination = defineModel({
  key: KEY,
  path: 'circuit-terminations',
  table: 'circuits_circuittermination',
  schemaName: 'CircuitTermination',
  verboseName: 'circuit termination',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.fk('circuit', 'circuits.circuit'),
    field.string('term_side'),
    field.objectType('termination_type', 'termination_type_id', { nullable: true }),
    field.integer('termination_id', { nullable: true }),
    field.generic('termination', 'termination_type_id', 'termination_id'),
    field.integer('port_speed', { nullable: true }),
    field.integer('upstream_speed', { nullable: true }),
    field.string('xconnect_id'),
    field.string('pp_info'),
    field.string('description'),
    field.boolean('mark_connected'),
    cableField(),
    cableEndField(),
    ...linkPeersFields(KEY),
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    occupiedField(),
  ],
  brief: ['id', 'url', 'display', 'circuit', 'term_side', 'description', 'cable', '_occupied'],
  display: (row, ctx) => `${String(circuitOf(row, ctx)?.cid ?? '')}: Termination ${String(row.term_side)}`,
  // Meta.ordering ('circuit', 'term_side'): circuits by provider, then CID.
  ordering: ['circuit', 'term_side', 'id'],
  sortKeys: {
    circuit: (row, ctx) => {
      const circuit = circuitOf(row, ctx);
      const provider = String(ctx.db.get('circuits_provider', circuit?.provider_id)?.name ?? '');
      return `${provider.padEnd(100)}${String(circuit?.cid ?? '')}`;
    },
  },
  filters: [
    objectTypeFilter('termination_type', 'termination_type_id'),
    ...terminationSiteFilters((row) => [row]),
    filter.model('location', 'dcim.location', 'slug', (row) => row._location_id, { tree: true }),
    filter.model('location_id', 'dcim.location', 'id', (row) => row._location_id, { tree: true }),
    filter.model('provider_network_id', 'circuits.providernetwork', 'id', (row) => row._provider_network_id),
    filter.model('provider_id', 'circuits.provider', 'id', (row, ctx) => circuitOf(row, ctx)?.provider_id),
    filter.model('provider', 'circuits.provider', 'slug', (row, ctx) => circuitOf(row, ctx)?.provider_id),
    ...cabledFilters(),
    filter.custom('q', (row, values, ctx) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const q = raw.toLowerCase();
      return [circuitOf(row, ctx)?.cid, row.xconnect_id, row.pp_info, row.description].some((t) => String(t ?? '').toLowerCase().includes(q));
    }),
    ...requestFilters(KEY),
  ],
  search: [],
});
