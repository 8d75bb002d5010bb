/** The ports a cable can be traced from, by the `port_type` the tools take. */
export const PORT_TYPES = [
  'interface',
  'front_port',
  'rear_port',
  'console_port',
  'console_server_port',
  'power_port',
  'power_outlet',
  'power_feed',
  'circuit_termination',
] as const;
export type PortType = (typeof PORT_TYPES)[number];

export interface PortKind {
  /** The NetBox model: `dcim.interface`. */
  readonly model: string;
  /** NetBox's endpoint for it: `trace` for path endpoints (PathEndpointMixin), `paths` for pass-through ports. */
  readonly action: 'trace' | 'paths';
  /** What the port belongs to, and the filter that selects its ports. */
  readonly parent: { readonly model: string; readonly filter: string; readonly word: string };
  /** The filter that selects one port of the parent by what people call it. */
  readonly nameFilter: string;
}

const ON_DEVICE = { model: 'dcim.device', filter: 'device_id', word: 'device' } as const;

export const PORT_KINDS: Readonly<Record<PortType, PortKind>> = {
  interface: { model: 'dcim.interface', action: 'trace', parent: ON_DEVICE, nameFilter: 'name' },
  front_port: { model: 'dcim.frontport', action: 'paths', parent: ON_DEVICE, nameFilter: 'name' },
  rear_port: { model: 'dcim.rearport', action: 'paths', parent: ON_DEVICE, nameFilter: 'name' },
  console_port: { model: 'dcim.consoleport', action: 'trace', parent: ON_DEVICE, nameFilter: 'name' },
  console_server_port: { model: 'dcim.consoleserverport', action: 'trace', parent: ON_DEVICE, nameFilter: 'name' },
  power_port: { model: 'dcim.powerport', action: 'trace', parent: ON_DEVICE, nameFilter: 'name' },
  power_outlet: { model: 'dcim.poweroutlet', action: 'trace', parent: ON_DEVICE, nameFilter: 'name' },
  power_feed: { model: 'dcim.powerfeed', action: 'trace', parent: { model: 'dcim.powerpanel', filter: 'power_panel_id', word: 'power panel' }, nameFilter: 'name' },
  circuit_termination: {
    model: 'circuits.circuittermination',
    action: 'paths',
    parent: { model: 'circuits.circuit', filter: 'circuit_id', word: 'circuit' },
    nameFilter: 'term_side',
  },
};

/** Path endpoints: where a complete cable path ends (NetBox's PathEndpoint models). */
export const PATH_ENDPOINT_MODELS = new Set(['dcim.interface', 'dcim.consoleport', 'dcim.consoleserverport', 'dcim.powerport', 'dcim.poweroutlet', 'dcim.powerfeed']);
