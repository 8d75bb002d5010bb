import { consolePortModel } from './console-port-model.ts';

export const consoleServerPort = consolePortModel(
  'dcim.consoleserverport',
  'console-server-ports',
  'dcim_consoleserverport',
  'ConsoleServerPort',
);
