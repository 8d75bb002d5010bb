import { PORT_TYPE } from '../choices/dcim-choices.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { frontPortsOf, PORT_TEMPLATES } from './port-mappings.ts';
import { templateModel } from './template-model.ts';

const frontPorts = frontPortsOf(PORT_TEMPLATES);

export const rearPortTemplate = templateModel({
  key: 'dcim.rearporttemplate',
  path: 'rear-port-templates',
  schemaName: 'RearPortTemplate',
  verboseName: 'rear port template',
  fields: [
    field.choice('type', PORT_TYPE),
    field.string('color'),
    field.integer('positions'),
    field.computed('front_ports', { type: 'array', items: { $ref: '#/components/schemas/RearPortTemplateMapping' } }, frontPorts),
  ],
  filters: [filter.model('front_port_id', 'dcim.frontporttemplate', 'id', (row, ctx) => frontPorts(row, ctx).map((m) => m.front_port))],
});
