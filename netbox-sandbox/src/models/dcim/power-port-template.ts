import { POWER_PORT_TYPE } from '../choices/dcim-choices.ts';
import { field } from '../field.ts';
import { templateModel } from './template-model.ts';

export const powerPortTemplate = templateModel({
  key: 'dcim.powerporttemplate',
  path: 'power-port-templates',
  schemaName: 'PowerPortTemplate',
  verboseName: 'power port template',
  fields: [
    field.choice('type', POWER_PORT_TYPE, { nullable: true }),
    field.integer('maximum_draw', { nullable: true }),
    field.integer('allocated_draw', { nullable: true }),
  ],
});
