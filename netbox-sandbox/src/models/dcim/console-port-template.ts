import { CONSOLE_PORT_TYPE } from '../choices/dcim-choices.ts';
import { field } from '../field.ts';
import { templateModel } from './template-model.ts';

export const consolePortTemplate = templateModel({
  key: 'dcim.consoleporttemplate',
  path: 'console-port-templates',
  schemaName: 'ConsolePortTemplate',
  verboseName: 'console port template',
  fields: [field.choice('type', CONSOLE_PORT_TYPE)],
});
