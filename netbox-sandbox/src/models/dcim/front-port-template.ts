import { PORT_TYPE } from '../choices/dcim-choices.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { PORT_TEMPLATES, rearPortsOf } from './port-mappings.ts';
import { templateModel } from './template-model.ts';

const rearPorts = rearPortsOf(PORT_TEMPLATES);

export const frontPortTemplate = templateModel({
  key: 'dcim.frontporttemplate',
  path: 'front-port-templates',
  schemaName: 'FrontPortTemplate',
  verboseName: 'front port template',
  fields: [
    field.choice('type', PORT_TYPE),
    field.string('color'),
    field.integer('positions', { default: 1 }),
    field.computed('rear_ports', { type: 'array', items: { $ref: '#/components/schemas/FrontPortTemplateMapping' } }, rearPorts),
  ],
  filters: [filter.model('rear_port_id', 'dcim.rearporttemplate', 'id', (row, ctx) => rearPorts(row, ctx).map((m) => m.rear_port))],
});
