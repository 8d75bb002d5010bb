import { consolePortModel } from './console-port-model.ts';

export const consolePort = consolePortModel('dcim.consoleport', 'console-ports', 'dcim_consoleport', 'ConsolePort');
