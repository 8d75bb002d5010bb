import { PORT_TYPE } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { cableEndField, cableField, linkPeersFields, occupiedField } from './cabling.ts';
import { cabledFilters, deviceComponentFilters, ownerFilters } from './common-filters.ts';
import { COMPONENT_BRIEF, COMPONENT_SEARCH, componentDisplay, componentHead, componentTail } from './component-fields.ts';
import { frontPortsOf, PORTS } from './port-mappings.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const rearPort = defineModel({
  key: 'dcim.rearport',
  path: 'rear-ports',
  table: 'dcim_rearport',
  schemaName: 'RearPort',
  verboseName: 'rear port',
  fields: [
    ...componentHead(),
    field.string('name'),
    field.string('label'),
    field.choice('type', PORT_TYPE),
    field.string('color'),
    field.integer('positions'),
    field.computed('front_ports', { type: 'array', items: { $ref: '#/components/schemas/RearPortMapping' } }, frontPortsOf(PORTS)),
    field.string('description'),
    field.boolean('mark_connected'),
    cableField(),
    cableEndField(),
    ...linkPeersFields('dcim.rearport'),
    ...componentTail(),
    occupiedField(),
  ],
  brief: COMPONENT_BRIEF,
  display: componentDisplay,
  ordering: ['device', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...deviceComponentFilters({ modular: true }),
    ...cabledFilters('dcim.rearport'),
    filter.model('front_port_id', 'dcim.frontport', 'id', (row, ctx) => frontPortsOf(PORTS)(row, ctx).map((m) => m.front_port)),
    ...ownerFilters(),
  ],
  search: COMPONENT_SEARCH,
});
