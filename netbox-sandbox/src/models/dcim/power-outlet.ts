import { POWER_OUTLET_FEED_LEG, POWER_OUTLET_STATUS, POWER_OUTLET_TYPE } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { cableEndField, cableField, connectedEndpointsFields, linkPeersFields, occupiedField } from './cabling.ts';
import { cabledFilters, deviceComponentFilters, ownerFilters, pathEndpointFilters } from './common-filters.ts';
import { COMPONENT_BRIEF, COMPONENT_SEARCH, componentDisplay, componentHead, componentTail } from './component-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';

export const powerOutlet = defineModel({
  key: 'dcim.poweroutlet',
  path: 'power-outlets',
  table: 'dcim_poweroutlet',
  schemaName: 'PowerOutlet',
  verboseName: 'power outlet',
  fields: [
    ...componentHead(),
    field.string('name'),
    field.string('label'),
    field.choice('type', POWER_OUTLET_TYPE, { nullable: true }),
    // New in 4.6; the migration enables existing outlets.
    field.choice('status', POWER_OUTLET_STATUS, { default: 'enabled' }),
    field.string('color'),
    field.fk('power_port', 'dcim.powerport', { nullable: true }),
    field.choice('feed_leg', POWER_OUTLET_FEED_LEG, { nullable: true }),
    field.string('description'),
    field.boolean('mark_connected'),
    cableField(),
    cableEndField(),
    ...linkPeersFields('dcim.poweroutlet'),
    ...connectedEndpointsFields(),
    ...componentTail(),
    occupiedField(),
  ],
  brief: COMPONENT_BRIEF,
  display: componentDisplay,
  ordering: ['device', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [...deviceComponentFilters({ modular: true }), ...cabledFilters('dcim.poweroutlet'), ...pathEndpointFilters(), ...ownerFilters()],
  search: COMPONENT_SEARCH,
});
