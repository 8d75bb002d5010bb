import { instantiateComponents } from './components.ts';
import type { DeviceComponents, ExtraInterface } from './components.ts';
import type { GenerationContext } from './context.ts';
import { catalogId } from './dcim-types.ts';
import type { Catalog } from './dcim-types.ts';
import { DEVICE_ROLES, deviceTypeSpec } from './device-catalog.ts';
import type { DeviceTypeSpec } from './device-catalog.ts';
import type { SiteInfo } from './organization.ts';
import type { RackInfo } from './racks.ts';
import type { Random } from './random.ts';
import { formatTimestamp } from './timestamps.ts';
import type { SiteVlans } from './vlans.ts';

export interface DeviceInfo extends DeviceComponents {
  readonly id: number;
  readonly name: string;
  readonly site: SiteInfo;
  readonly rack: RackInfo | null;
  readonly role: string;
  readonly spec: DeviceTypeSpec;
  readonly status: string;
  readonly created: number;
  readonly vcPosition: number | null;
}

interface Blueprint {
  readonly role: string;
  readonly n: number;
  readonly type: string;
  readonly rack: string;
  /** Virtual chassis: a name suffix shared by the members, and this member's position. */
  readonly vc?: { readonly name: string; readonly position: number };
}

function blueprints(site: SiteInfo): readonly Blueprint[] {
  switch (site.kind) {
    case 'dc':
      return [
        { role: 'Patch Panel', n: 1, type: 'fx-mpo24', rack: 'R01' },
        { role: 'Console Server', n: 1, type: 'cm8148', rack: 'R01' },
        { role: 'Core Router', n: 1, type: 'mx204', rack: 'R01' },
        { role: 'Distribution Switch', n: 1, type: 'dcs7280', rack: 'R01' },
        { role: 'Firewall', n: 1, type: 'pa3220', rack: 'R01' },
        { role: 'Load Balancer', n: 1, type: 'i5800', rack: 'R01' },
        { role: 'WAN Edge', n: 1, type: 'isr4451', rack: 'R01' },
        { role: 'PDU', n: 1, type: 'ap8868', rack: 'R01' },
        { role: 'Core Router', n: 2, type: 'mx204', rack: 'R02' },
        { role: 'Distribution Switch', n: 2, type: 'dcs7280', rack: 'R02' },
        { role: 'Firewall', n: 2, type: 'pa3220', rack: 'R02' },
        { role: 'Load Balancer', n: 2, type: 'i5800', rack: 'R02' },
        { role: 'PDU', n: 2, type: 'ap8868', rack: 'R02' },
        { role: 'Patch Panel', n: 2, type: 'fx-mpo24', rack: 'R03' },
        { role: 'Leaf Switch', n: 1, type: 'dcs7050', rack: 'R03' },
        { role: 'PDU', n: 3, type: 'ap8868', rack: 'R03' },
        { role: 'Leaf Switch', n: 2, type: 'dcs7050', rack: 'R04' },
        { role: 'PDU', n: 4, type: 'ap8868', rack: 'R04' },
      ];
    case 'hq':
      return [
        { role: 'Console Server', n: 1, type: 'om2216', rack: 'MDF-R1' },
        { role: 'Distribution Switch', n: 1, type: 'c9500', rack: 'MDF-R1', vc: { name: 'core', position: 1 } },
        { role: 'Distribution Switch', n: 2, type: 'c9500', rack: 'MDF-R1', vc: { name: 'core', position: 2 } },
        { role: 'Firewall', n: 1, type: 'pa3220', rack: 'MDF-R1' },
        { role: 'WAN Edge', n: 1, type: 'isr4451', rack: 'MDF-R1' },
        { role: 'Access Switch', n: 3, type: 'c9300', rack: 'MDF-R1' },
        { role: 'PDU', n: 1, type: 'ap7900b', rack: 'MDF-R1' },
        { role: 'Access Switch', n: 1, type: 'c9300', rack: 'IDF2-R1', vc: { name: 'idf2-stack', position: 1 } },
        { role: 'Access Switch', n: 2, type: 'c9300', rack: 'IDF2-R1', vc: { name: 'idf2-stack', position: 2 } },
      ];
    case 'office':
      return [
        { role: 'WAN Edge', n: 1, type: 'c8200', rack: 'R1' },
        { role: 'Firewall', n: 1, type: 'pa440', rack: 'R1' },
        { role: 'Access Switch', n: 1, type: 'c9300', rack: 'R1' },
      ];
    case 'pop':
      return [
        { role: 'Console Server', n: 1, type: 'om2216', rack: 'R1' },
        { role: 'Edge Router', n: 1, type: 'mx204', rack: 'R1' },
        { role: 'PDU', n: 1, type: 'ap7900b', rack: 'R1' },
      ];
    case 'warehouse':
      return [
        { role: 'WAN Edge', n: 1, type: 'c8200', rack: 'R1' },
        { role: 'Access Switch', n: 1, type: 'ex4300', rack: 'R1', vc: { name: 'vc', position: 1 } },
        { role: 'Access Switch', n: 2, type: 'ex4300', rack: 'R1', vc: { name: 'vc', position: 2 } },
      ];
    case 'branch':
      if (site.status === 'planned') return [];
      return site.variant === 'full'
        ? [
            { role: 'WAN Edge', n: 1, type: 'c8200', rack: 'COMMS-1' },
            { role: 'Access Switch', n: 1, type: 'c9200l', rack: 'COMMS-1' },
          ]
        : [{ role: 'Firewall', n: 1, type: 'pa440', rack: 'COMMS-1' }];
  }
}

function roleAbbreviation(role: string): string {
  const spec = DEVICE_ROLES.find((r) => r.name === role);
  if (!spec) throw new Error(`unknown role ${role}`);
  return spec.abbreviation;
}

function serialFor(rng: Random, manufacturer: string): string {
  const upper = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  switch (manufacturer) {
    case 'Cisco':
      return `FOC${rng.int(19, 26)}${String(rng.int(1, 52)).padStart(2, '0')}${rng.chars(upper, 4)}`;
    case 'Juniper':
      return `${rng.chars('ABCDEFGHJKLMNPRSTUVWXYZ', 2)}${rng.int(1000, 9999)}${rng.chars(upper, 6)}`;
    case 'Arista':
      return `JPE${rng.int(17, 24)}${String(rng.int(1, 52)).padStart(2, '0')}${rng.int(1000, 9999)}`;
    case 'Palo Alto Networks':
      return `0${rng.int(10000000000, 99999999999)}`;
    case 'F5':
      return `f5-${rng.chars('abcdefghijklmnopqrstuvwxyz', 4)}-${rng.chars('abcdefghijklmnopqrstuvwxyz', 4)}`;
    case 'APC':
      return `5A${rng.int(1800, 2452)}E${rng.int(10000, 99999)}`;
    case 'Opengear':
      return `${rng.int(2000, 2499)}${rng.int(100000, 999999)}`;
    default:
      return '';
  }
}

function deviceStatus(rng: Random, site: SiteInfo, role: string): string {
  if (site.status === 'staging') return 'staged';
  if (site.status === 'decommissioning') return 'decommissioning';
  // Edge gear that is down gets replaced at once; the odd access switch or PDU sits offline for a while.
  const canBeOffline = role === 'Access Switch' || role === 'PDU' || role === 'Console Server';
  return canBeOffline && rng.chance(0.08) ? 'offline' : 'active';
}

/** Interfaces the role adds on top of the hardware: loopbacks, LAGs, gateways, sub-interfaces. */
function extraInterfaces(blueprint: Blueprint, site: SiteInfo, vlans: SiteVlans): ExtraInterface[] {
  const svi = (name: string): ExtraInterface | null => {
    const vlan = vlans.get(site.id)?.get(name);
    return vlan ? { name: `Vlan${vlan.vid}`, type: 'virtual', description: `${vlan.name} gateway` } : null;
  };
  const out: (ExtraInterface | null)[] = [];
  switch (blueprint.type) {
    case 'mx204':
      out.push({ name: 'lo0', type: 'virtual', description: 'Router ID' });
      break;
    case 'dcs7280':
      out.push({ name: 'Port-Channel1000', type: 'lag', description: 'MLAG peer link', mtu: 9214 }, svi('WEB'), svi('APP'));
      if (blueprint.n === 1) out.push(svi('MGMT'));
      break;
    case 'c9500':
      if (blueprint.vc?.position === 1) {
        out.push({ name: 'Port-channel1', type: 'lag', description: 'MDF access uplink' }, svi('DATA'), svi('VOICE'), svi('WIFI'), svi('MGMT'));
      }
      break;
    case 'c9300':
      if (blueprint.vc === undefined || blueprint.vc.position === 1) out.push({ name: 'Port-channel1', type: 'lag', description: 'Uplink' });
      break;
    case 'ex4300':
      if (blueprint.vc?.position === 1) out.push({ name: 'ae0', type: 'lag', description: 'Uplink' });
      break;
    case 'c9200l':
      out.push({ name: 'Vlan10', type: 'virtual', description: 'Management' });
      break;
    case 'c8200':
      if (site.kind === 'branch') out.push({ name: 'GigabitEthernet0/0/1.20', type: 'virtual', parent: 'GigabitEthernet0/0/1', description: 'VOICE gateway' });
      break;
  }
  return out.filter((x): x is ExtraInterface => x !== null);
}

export interface DcimInventory {
  readonly devices: readonly DeviceInfo[];
}

export function generateDevices(
  ctx: GenerationContext,
  sites: readonly SiteInfo[],
  racks: readonly RackInfo[],
  catalog: Catalog,
  vlans: SiteVlans,
): DcimInventory {
  const rng = ctx.random('devices');
  const table = ctx.db.table('dcim_device');
  const vcTable = ctx.db.table('dcim_virtualchassis');
  const racksBySite = new Map<number, RackInfo[]>();
  for (const rack of racks) {
    const list = racksBySite.get(rack.site.id);
    if (list) list.push(rack);
    else racksBySite.set(rack.site.id, [rack]);
  }
  const devices: DeviceInfo[] = [];
  let assetNumber = 100200;
  for (const site of sites) {
    const siteRacks = racksBySite.get(site.id) ?? [];
    const vcIds = new Map<string, number>();
    const siteStart = ctx.time.after(rng, site.created, 14);
    for (const blueprint of blueprints(site)) {
      const spec = deviceTypeSpec(blueprint.type);
      const rack = siteRacks.find((r) => r.name === blueprint.rack) ?? null;
      let position: number | null = null;
      if (rack && spec.uHeight > 0) {
        position = rack.nextTopUnit - spec.uHeight + 1;
        rack.nextTopUnit = position - (rng.chance(0.3) ? 2 : 1);
      }
      const name = `${site.slug}-${roleAbbreviation(blueprint.role)}${String(blueprint.n).padStart(2, '0')}`;
      const created = ctx.time.soonAfter(rng, siteStart, 3 * 3600);
      const status = deviceStatus(rng, site, blueprint.role);
      let vcId: number | null = null;
      if (blueprint.vc) {
        vcId = vcIds.get(blueprint.vc.name) ?? null;
        if (vcId === null) {
          vcId = vcTable.add({
            ...ctx.time.stamps(rng, created),
            name: `${site.slug}-${blueprint.vc.name}`,
            domain: `${site.slug}-${blueprint.vc.name}`,
            member_count: 0,
          }).id as number;
          vcIds.set(blueprint.vc.name, vcId);
        }
      }
      const isPanel = spec.rearPorts.length > 0;
      assetNumber += rng.int(1, 13);
      const row = table.add({
        ...ctx.time.stamps(rng, created),
        name,
        serial: serialFor(rng, spec.manufacturer),
        asset_tag: isPanel || spec.uHeight === 0 ? null : `KST-${assetNumber}`,
        position,
        face: position === null ? null : 'front',
        status,
        vc_position: blueprint.vc?.position ?? null,
        vc_priority: blueprint.vc ? (blueprint.vc.position === 1 ? 255 : 128) : null,
        role_id: catalogId(catalog.roleIds, blueprint.role),
        device_type_id: catalogId(catalog.deviceTypeIds, blueprint.type),
        location_id: rack?.locationId ?? null,
        platform_id: spec.platform === null ? null : catalogId(catalog.platformIds, spec.platform),
        rack_id: rack?.id ?? null,
        site_id: site.id,
        tenant_id: site.tenantId,
        virtual_chassis_id: vcId,
        airflow: spec.airflow,
        console_port_count: spec.consolePorts.length,
        console_server_port_count: spec.consoleServerPorts.length,
        power_port_count: spec.powerPorts.length,
        power_outlet_count: spec.powerOutlets.length,
        front_port_count: spec.frontPorts.length,
        rear_port_count: spec.rearPorts.length,
      });
      const id = row.id as number;
      if (vcId !== null) {
        const vc = vcTable.get(vcId);
        vc.member_count = (vc.member_count as number) + 1;
        if (blueprint.vc?.position === 1) vc.master_id = id;
      }
      const extras = extraInterfaces(blueprint, site, vlans);
      const components = instantiateComponents(ctx, id, spec, blueprint.vc?.position ?? null, extras, formatTimestamp(created));
      row.interface_count = components.interfaces.size;
      devices.push({
        id,
        name,
        site,
        rack,
        role: blueprint.role,
        spec,
        status,
        created,
        vcPosition: blueprint.vc?.position ?? null,
        ...components,
      });
    }
  }
  return { devices };
}
