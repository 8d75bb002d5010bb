import { POWER_PORT_TYPE } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { cableEndField, cableField, connectedEndpointsFields, linkPeersFields, occupiedField } from './cabling.ts';
import { cabledFilters, deviceComponentFilters, ownerFilters, pathEndpointFilters } from './common-filters.ts';
import { COMPONENT_BRIEF, COMPONENT_SEARCH, componentDisplay, componentHead, componentTail } from './component-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const powerPort = defineModel({
  key: 'dcim.powerport',
  path: 'power-ports',
  table: 'dcim_powerport',
  schemaName: 'PowerPort',
  verboseName: 'power port',
  fields: [
    ...componentHead(),
    field.string('name'),
    field.string('label'),
    field.choice('type', POWER_PORT_TYPE, { nullable: true }),
    field.integer('maximum_draw', { nullable: true }),
    field.integer('allocated_draw', { nullable: true }),
    field.string('description'),
    field.boolean('mark_connected'),
    cableField(),
    cableEndField(),
    ...linkPeersFields('dcim.powerport'),
    ...connectedEndpointsFields(),
    ...componentTail(),
    occupiedField(),
  ],
  brief: COMPONENT_BRIEF,
  display: componentDisplay,
  ordering: ['device', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [...deviceComponentFilters({ modular: true }), ...cabledFilters('dcim.powerport'), ...pathEndpointFilters(), ...ownerFilters()],
  search: COMPONENT_SEARCH,
});
