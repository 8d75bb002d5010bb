import type { GenerationContext } from './context.ts';
import type { DeviceTypeSpec, InterfaceSpec } from './device-catalog.ts';
import { naturalizeInterface } from './naturalize.ts';

/** Component ids of one device, by component name. */
export interface DeviceComponents {
  readonly interfaces: Map<string, number>;
  readonly consolePorts: Map<string, number>;
  readonly consoleServerPorts: Map<string, number>;
  readonly powerPorts: Map<string, number>;
  readonly powerOutlets: Map<string, number>;
  readonly rearPorts: Map<string, number>;
  readonly frontPorts: Map<string, number>;
}

/** An interface a device has beyond its type's templates: LAGs, SVIs, loopbacks, sub-interfaces. */
export interface ExtraInterface {
  readonly name: string;
  readonly type: string;
  readonly parent?: string;
  readonly description?: string;
  readonly mtu?: number;
}

/**
 * Stack and virtual-chassis members number their ports by member: Cisco's `GigabitEthernet1/0/1` becomes
 * `GigabitEthernet2/0/1` on member 2, Juniper's `ge-0/0/0` becomes `ge-1/0/0`.
 */
export function memberInterfaceName(name: string, vcPosition: number | null): string {
  if (vcPosition === null || vcPosition === 1) return name;
  if (/^(ge|xe|et)-0\//.test(name)) return name.replace(/-0\//, `-${vcPosition - 1}/`);
  if (/^[A-Za-z]+1\/\d+\/\d+$/.test(name)) return name.replace(/^([A-Za-z]+)1\//, `$1${vcPosition}/`);
  return name;
}

interface NamedInterface extends InterfaceSpec {
  readonly naturalName: string;
}

const orderedCache = new Map<string, readonly NamedInterface[]>();

/** A type's interfaces as one stack member names them, in natural order (the order NetBox creates them). */
function orderedInterfaces(spec: DeviceTypeSpec, vcPosition: number | null): readonly NamedInterface[] {
  const key = `${spec.key}:${vcPosition ?? 1}`;
  let list = orderedCache.get(key);
  if (!list) {
    list = spec.interfaces
      .map((i) => {
        const name = memberInterfaceName(i.name, vcPosition);
        return { ...i, name, naturalName: naturalizeInterface(name) };
      })
      .sort((a, b) => (a.naturalName < b.naturalName ? -1 : a.naturalName > b.naturalName ? 1 : 0));
    orderedCache.set(key, list);
  }
  return list;
}

/**
 * Creates a device's components from its type, as NetBox does when a device is created, plus the extra
 * interfaces the role needs. Returns the ids so cables and addresses can find them by name.
 */
export function instantiateComponents(
  ctx: GenerationContext,
  deviceId: number,
  spec: DeviceTypeSpec,
  vcPosition: number | null,
  extras: readonly ExtraInterface[],
  stamp: string,
): DeviceComponents {
  const db = ctx.db;
  const common = { created: stamp, last_updated: stamp, device_id: deviceId };
  const interfaces = new Map<string, number>();
  const table = db.table('dcim_interface');
  for (const i of orderedInterfaces(spec, vcPosition)) {
    const row = table.add({
      ...common,
      name: i.name,
      _name: i.naturalName,
      type: i.type,
      mgmt_only: i.mgmtOnly ?? false,
      poe_mode: i.poeMode ?? null,
      poe_type: i.poeType ?? null,
    });
    interfaces.set(i.name, row.id as number);
  }
  for (const extra of extras) {
    const row = table.add({
      ...common,
      name: extra.name,
      _name: naturalizeInterface(extra.name),
      type: extra.type,
      description: extra.description ?? '',
      mtu: extra.mtu ?? null,
      parent_id: extra.parent === undefined ? null : (interfaces.get(extra.parent) ?? null),
    });
    interfaces.set(extra.name, row.id as number);
  }
  const simple = (tableName: string, ports: readonly { name: string; type: string }[]): Map<string, number> => {
    const ids = new Map<string, number>();
    for (const p of ports) ids.set(p.name, db.table(tableName).add({ ...common, name: p.name, type: p.type }).id as number);
    return ids;
  };
  const consolePorts = simple('dcim_consoleport', spec.consolePorts);
  const consoleServerPorts = simple('dcim_consoleserverport', spec.consoleServerPorts);
  const powerPorts = new Map<string, number>();
  for (const p of spec.powerPorts) {
    const row = db.table('dcim_powerport').add({ ...common, name: p.name, type: p.type, maximum_draw: p.maximumDraw, allocated_draw: p.allocatedDraw });
    powerPorts.set(p.name, row.id as number);
  }
  const powerOutlets = new Map<string, number>();
  for (const o of spec.powerOutlets) {
    const row = db.table('dcim_poweroutlet').add({
      ...common,
      name: o.name,
      type: o.type,
      feed_leg: o.feedLeg,
      power_port_id: powerPorts.get(o.powerPort) ?? null,
    });
    powerOutlets.set(o.name, row.id as number);
  }
  const rearPorts = new Map<string, number>();
  for (const r of spec.rearPorts) {
    rearPorts.set(r.name, db.table('dcim_rearport').add({ ...common, name: r.name, type: r.type, positions: r.positions }).id as number);
  }
  const frontPorts = new Map<string, number>();
  for (const f of spec.frontPorts) {
    const rearId = rearPorts.get(f.rearPort);
    if (rearId === undefined) throw new Error(`front port ${f.name} has no rear port ${f.rearPort}`);
    const row = db.table('dcim_frontport').add({ ...common, name: f.name, type: f.type, rear_port_position: f.position, rear_port_id: rearId });
    frontPorts.set(f.name, row.id as number);
  }
  return { interfaces, consolePorts, consoleServerPorts, powerPorts, powerOutlets, rearPorts, frontPorts };
}
