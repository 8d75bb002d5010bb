import type { GenerationContext } from './context.ts';
import { DEVICE_ROLES, DEVICE_TYPES, MANUFACTURERS, PLATFORMS } from './device-catalog.ts';
import type { DeviceTypeSpec } from './device-catalog.ts';
import { slugify } from './names.ts';
import { naturalizeInterface } from './naturalize.ts';

export interface Catalog {
  readonly manufacturerIds: ReadonlyMap<string, number>;
  readonly deviceTypeIds: ReadonlyMap<string, number>;
  readonly roleIds: ReadonlyMap<string, number>;
  readonly platformIds: ReadonlyMap<string, number>;
}

function lookup(map: ReadonlyMap<string, number>, key: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`catalog has no ${key}`);
  return id;
}

export function catalogId(map: ReadonlyMap<string, number>, key: string): number {
  return lookup(map, key);
}

function addTemplates(ctx: GenerationContext, spec: DeviceTypeSpec, typeId: number, stamps: { created: string; last_updated: string }): void {
  const db = ctx.db;
  for (const i of spec.interfaces) {
    db.table('dcim_interfacetemplate').add({
      ...stamps,
      name: i.name,
      _name: naturalizeInterface(i.name),
      type: i.type,
      mgmt_only: i.mgmtOnly ?? false,
      device_type_id: typeId,
      poe_mode: i.poeMode ?? null,
      poe_type: i.poeType ?? null,
    });
  }
  for (const p of spec.consolePorts) db.table('dcim_consoleporttemplate').add({ ...stamps, name: p.name, type: p.type, device_type_id: typeId });
  for (const p of spec.consoleServerPorts) {
    db.table('dcim_consoleserverporttemplate').add({ ...stamps, name: p.name, type: p.type, device_type_id: typeId });
  }
  const powerPortIds = new Map<string, number>();
  for (const p of spec.powerPorts) {
    const row = db.table('dcim_powerporttemplate').add({
      ...stamps,
      name: p.name,
      type: p.type,
      maximum_draw: p.maximumDraw,
      allocated_draw: p.allocatedDraw,
      device_type_id: typeId,
    });
    powerPortIds.set(p.name, row.id as number);
  }
  for (const o of spec.powerOutlets) {
    db.table('dcim_poweroutlettemplate').add({
      ...stamps,
      name: o.name,
      type: o.type,
      feed_leg: o.feedLeg,
      device_type_id: typeId,
      power_port_id: powerPortIds.get(o.powerPort) ?? null,
    });
  }
  const rearPortIds = new Map<string, number>();
  for (const r of spec.rearPorts) {
    const row = db.table('dcim_rearporttemplate').add({ ...stamps, name: r.name, type: r.type, positions: r.positions, device_type_id: typeId });
    rearPortIds.set(r.name, row.id as number);
  }
  for (const f of spec.frontPorts) {
    db.table('dcim_frontporttemplate').add({
      ...stamps,
      name: f.name,
      type: f.type,
      rear_port_position: f.position,
      device_type_id: typeId,
      rear_port_id: lookup(rearPortIds, f.rearPort),
    });
  }
}

export function generateCatalog(ctx: GenerationContext): Catalog {
  const rng = ctx.random('dcim-types');
  const setup = ctx.time.day(5);
  const manufacturerIds = new Map<string, number>();
  for (const m of MANUFACTURERS) {
    const row = ctx.db.table('dcim_manufacturer').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 3600)),
      name: m.name,
      slug: slugify(m.name),
      description: m.description,
    });
    manufacturerIds.set(m.name, row.id as number);
  }
  const platformIds = new Map<string, number>();
  for (const p of PLATFORMS) {
    const row = ctx.db.table('dcim_platform').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 7200)),
      name: p.name,
      slug: p.slug,
      manufacturer_id: p.manufacturer === null ? null : lookup(manufacturerIds, p.manufacturer),
    });
    platformIds.set(p.name, row.id as number);
  }
  const roleIds = new Map<string, number>();
  for (const r of DEVICE_ROLES) {
    const row = ctx.db.table('dcim_devicerole').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 7200)),
      name: r.name,
      slug: slugify(r.name),
      color: r.color,
      vm_role: r.vmRole,
      description: r.description,
    });
    roleIds.set(r.name, row.id as number);
  }
  const deviceTypeIds = new Map<string, number>();
  for (const spec of DEVICE_TYPES) {
    const stamps = ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup + 86_400_000_000, 7200));
    const row = ctx.db.table('dcim_devicetype').add({
      ...stamps,
      model: spec.model,
      slug: slugify(spec.model),
      part_number: spec.partNumber,
      u_height: spec.uHeight,
      is_full_depth: spec.isFullDepth,
      manufacturer_id: lookup(manufacturerIds, spec.manufacturer),
      airflow: spec.airflow,
      weight: spec.weight,
      weight_unit: spec.weight === null ? null : 'kg',
      _abs_weight: spec.weight === null ? null : Math.round(spec.weight * 1000),
      default_platform_id: spec.platform === null ? null : lookup(platformIds, spec.platform),
      console_port_template_count: spec.consolePorts.length,
      console_server_port_template_count: spec.consoleServerPorts.length,
      power_port_template_count: spec.powerPorts.length,
      power_outlet_template_count: spec.powerOutlets.length,
      interface_template_count: spec.interfaces.length,
      front_port_template_count: spec.frontPorts.length,
      rear_port_template_count: spec.rearPorts.length,
      // Zero-U PDUs and patch panels do not take rack space that servers could use.
      exclude_from_utilization: spec.uHeight === 0 || spec.rearPorts.length > 0,
    });
    const typeId = row.id as number;
    deviceTypeIds.set(spec.key, typeId);
    addTemplates(ctx, spec, typeId, stamps);
  }
  return { manufacturerIds, deviceTypeIds, roleIds, platformIds };
}
