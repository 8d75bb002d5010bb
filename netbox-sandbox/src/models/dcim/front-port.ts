import { PORT_TYPE } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { cableEndField, cableField, linkPeersFields, occupiedField } from './cabling.ts';
import { cabledFilters, deviceComponentFilters, ownerFilters } from './common-filters.ts';
import { COMPONENT_BRIEF, COMPONENT_SEARCH, componentDisplay, componentHead, componentTail } from './component-fields.ts';
import { PORTS, rearPortsOf } from './port-mappings.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const frontPort = defineModel({
  key: 'dcim.frontport',
  path: 'front-ports',
  table: 'dcim_frontport',
  schemaName: 'FrontPort',
  verboseName: 'front port',
  fields: [
    ...componentHead(),
    field.string('name'),
    field.string('label'),
    field.choice('type', PORT_TYPE),
    field.string('color'),
    // New in 4.6: a front port may map several positions; older ports have one.
    field.integer('positions', { default: 1 }),
    field.computed('rear_ports', { type: 'array', items: { $ref: '#/components/schemas/FrontPortMapping' } }, rearPortsOf(PORTS)),
    field.string('description'),
    field.boolean('mark_connected'),
    cableField(),
    cableEndField(),
    ...linkPeersFields('dcim.frontport'),
    ...componentTail(),
    occupiedField(),
  ],
  brief: COMPONENT_BRIEF,
  display: componentDisplay,
  ordering: ['device', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...deviceComponentFilters({ modular: true }),
    ...cabledFilters('dcim.frontport'),
    filter.model('rear_port_id', 'dcim.rearport', 'id', (row, ctx) => rearPortsOf(PORTS)(row, ctx).map((m) => m.rear_port)),
    ...ownerFilters(),
  ],
  search: COMPONENT_SEARCH,
});
