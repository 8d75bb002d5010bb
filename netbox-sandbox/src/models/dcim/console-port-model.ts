import { CONSOLE_PORT_SPEED, CONSOLE_PORT_TYPE } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import {
  cableEndField,
  cableField,
  connectedEndpointsFields,
  linkPeersFields,
  occupiedField,
} from './cabling.ts';
import {
  cabledFilters,
  deviceComponentFilters,
  ownerFilters,
  pathEndpointFilters,
  TEXT_LOOKUPS_NO_EMPTY,
  withLookups,
} from './common-filters.ts';
import { COMPONENT_BRIEF, COMPONENT_SEARCH, componentDisplay, componentHead, componentTail } from './component-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';

/** Console ports and console server ports share one serializer shape. */
export function consolePortModel(key: 'dcim.consoleport' | 'dcim.consoleserverport', path: string, table: string, schemaName: string) {
  return defineModel({
    key,
    path,
    table,
    schemaName,
    verboseName: key === 'dcim.consoleport' ? 'console port' : 'console server port',
    fields: [
      ...componentHead(),
      field.string('name'),
      field.string('label'),
      field.choice('type', CONSOLE_PORT_TYPE),
      field.choice('speed', CONSOLE_PORT_SPEED, { nullable: true }),
      field.string('description'),
      field.boolean('mark_connected'),
      cableField(),
      cableEndField(),
      ...linkPeersFields(key),
      ...connectedEndpointsFields(),
      ...componentTail(),
      occupiedField(),
    ],
    brief: COMPONENT_BRIEF,
    display: componentDisplay,
    ordering: ['device', 'name'],
    sortKeys: NATURAL_NAME,
    filters: [
      ...deviceComponentFilters({ modular: true }),
      ...cabledFilters(key),
      ...pathEndpointFilters(),
      // An integer choice filtered as text, without `__empty`.
      withLookups(filter.choice('speed', CONSOLE_PORT_SPEED), TEXT_LOOKUPS_NO_EMPTY),
      ...ownerFilters(),
    ],
    search: COMPONENT_SEARCH,
  });
}
