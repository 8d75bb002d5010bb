import { CONSOLE_PORT_TYPE } from '../choices/dcim-choices.ts';
import { field } from '../field.ts';
import { templateModel } from './template-model.ts';

export const consoleServerPortTemplate = templateModel({
  key: 'dcim.consoleserverporttemplate',
  path: 'console-server-port-templates',
  schemaName: 'ConsoleServerPortTemplate',
  verboseName: 'console server port template',
  fields: [field.choice('type', CONSOLE_PORT_TYPE)],
});
