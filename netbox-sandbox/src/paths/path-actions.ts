import type { ModelKey } from '../models/model-def.ts';

/** Path endpoints: NetBox's PathEndpointMixin gives their viewsets `…/{id}/trace/`. */
export const TRACE_ENDPOINTS: readonly ModelKey[] = [
  'dcim.interface',
  'dcim.consoleport',
  'dcim.consoleserverport',
  'dcim.powerport',
  'dcim.poweroutlet',
  'dcim.powerfeed',
];

/** Pass-through ports: PassThroughPortMixin gives their viewsets `…/{id}/paths/`. */
export const PASS_THROUGH: readonly ModelKey[] = ['dcim.frontport', 'dcim.rearport', 'circuits.circuittermination'];
