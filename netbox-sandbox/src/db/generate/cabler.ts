import type { GenerationContext } from './context.ts';
import type { DeviceInfo } from './devices.ts';
import { formatTimestamp } from './timestamps.ts';

export type TerminationKind =
  | 'interface'
  | 'consoleport'
  | 'consoleserverport'
  | 'powerport'
  | 'poweroutlet'
  | 'frontport'
  | 'rearport'
  | 'circuittermination';

export const TERMINATION_TABLES: Readonly<Record<TerminationKind, string>> = {
  interface: 'dcim_interface',
  consoleport: 'dcim_consoleport',
  consoleserverport: 'dcim_consoleserverport',
  powerport: 'dcim_powerport',
  poweroutlet: 'dcim_poweroutlet',
  frontport: 'dcim_frontport',
  rearport: 'dcim_rearport',
  circuittermination: 'circuits_circuittermination',
};

export const TERMINATION_MODELS: Readonly<Record<TerminationKind, string>> = {
  interface: 'dcim.interface',
  consoleport: 'dcim.consoleport',
  consoleserverport: 'dcim.consoleserverport',
  powerport: 'dcim.powerport',
  poweroutlet: 'dcim.poweroutlet',
  frontport: 'dcim.frontport',
  rearport: 'dcim.rearport',
  circuittermination: 'circuits.circuittermination',
};

export interface Termination {
  readonly kind: TerminationKind;
  readonly id: number;
  /** The device the port is on; null for circuit terminations. */
  readonly device: DeviceInfo | null;
  readonly siteId: number | null;
}

export interface CableOptions {
  readonly type: string;
  readonly status: string;
  readonly created: number;
  readonly color?: string;
  readonly label?: string;
  /** Length in `unit`, or null for an unmeasured cable. */
  readonly length?: number | null;
  readonly unit?: 'm' | 'ft';
  readonly description?: string;
}

/** Where each cabled port leads: the cable, this port's end, and the far port's key. */
export interface CableLink {
  readonly cableId: number;
  readonly end: 'A' | 'B';
  readonly peer: string;
}

export function terminationKey(kind: TerminationKind, id: number): string {
  return `${kind}:${id}`;
}

const DEFAULT_COLORS: Readonly<Record<string, string>> = {
  cat6: '2196f3',
  'mmf-om4': '00bcd4',
  smf: 'ffeb3b',
  'dac-passive': '111111',
  power: '111111',
};

/**
 * Writes cables the way NetBox stores them: a `dcim_cable` row, one `dcim_cabletermination` row per end
 * with the cached device/rack/location/site of the port, and `cable_id`/`cable_end` on both ports.
 */
export class Cabler {
  readonly links = new Map<string, CableLink>();

  private readonly ctx: GenerationContext;

  constructor(ctx: GenerationContext) {
    this.ctx = ctx;
  }

  connect(a: Termination, b: Termination, options: CableOptions): number {
    const db = this.ctx.db;
    for (const t of [a, b]) {
      if (this.links.has(terminationKey(t.kind, t.id))) throw new Error(`${t.kind} ${t.id} is already cabled`);
    }
    const stamp = formatTimestamp(options.created);
    const length = options.length ?? null;
    const unit = length === null ? null : (options.unit ?? 'm');
    const meters = length === null ? null : Math.round((unit === 'ft' ? length * 0.3048 : length) * 10000) / 10000;
    const cable = db.table('dcim_cable').add({
      created: stamp,
      last_updated: stamp,
      type: options.type,
      status: options.status,
      label: options.label ?? '',
      color: options.color ?? DEFAULT_COLORS[options.type] ?? '',
      length,
      length_unit: unit,
      _abs_length: meters,
      description: options.description ?? '',
    });
    const cableId = cable.id as number;
    const ends: ['A' | 'B', Termination, Termination][] = [
      ['A', a, b],
      ['B', b, a],
    ];
    for (const [end, t, peer] of ends) {
      db.table('dcim_cabletermination').add({
        cable_end: end,
        termination_id: t.id,
        cable_id: cableId,
        termination_type_id: this.ctx.ct.id(TERMINATION_MODELS[t.kind]),
        _device_id: t.device?.id ?? null,
        _rack_id: t.device?.rack?.id ?? null,
        _location_id: t.device?.rack?.locationId ?? null,
        _site_id: t.device?.site.id ?? t.siteId,
        created: stamp,
        last_updated: stamp,
      });
      const row = db.table(TERMINATION_TABLES[t.kind]).get(t.id);
      row.cable_id = cableId;
      row.cable_end = end;
      // Connecting a cable saves the port; cables are always made after the ports they connect.
      row.last_updated = stamp;
      this.links.set(terminationKey(t.kind, t.id), { cableId, end, peer: terminationKey(peer.kind, peer.id) });
    }
    return cableId;
  }
}

/** A device port as a cable end, looked up by name. */
export function port(device: DeviceInfo, kind: Exclude<TerminationKind, 'circuittermination'>, name: string): Termination {
  const maps = {
    interface: device.interfaces,
    consoleport: device.consolePorts,
    consoleserverport: device.consoleServerPorts,
    powerport: device.powerPorts,
    poweroutlet: device.powerOutlets,
    frontport: device.frontPorts,
    rearport: device.rearPorts,
  } as const;
  const id = maps[kind].get(name);
  if (id === undefined) throw new Error(`${device.name} has no ${kind} ${name}`);
  return { kind, id, device, siteId: device.site.id };
}
