import type { GenerationContext } from './context.ts';
import type { DeviceInfo } from './devices.ts';
import type { Random } from './random.ts';
import type { SiteVlans } from './vlans.ts';

/** Uplink ports per access-switch model, by stack member; they trunk every site VLAN. */
function uplinks(device: DeviceInfo): string[] {
  const m = device.vcPosition ?? 1;
  switch (device.spec.key) {
    case 'c9300':
      return [`TenGigabitEthernet${m}/1/1`, `TenGigabitEthernet${m}/1/2`];
    case 'c9200l':
      return ['GigabitEthernet1/1/1'];
    case 'ex4300':
      return [`xe-${m - 1}/2/0`, `ge-${m - 1}/0/47`];
    default:
      return [];
  }
}

/** The LAG an uplink joins: on the device itself, or on the stack master for later members. */
function uplinkLag(device: DeviceInfo, master: DeviceInfo | undefined): number | null {
  const own = device.interfaces.get('Port-channel1') ?? device.interfaces.get('ae0');
  if (own !== undefined) return own;
  return master?.interfaces.get('Port-channel1') ?? master?.interfaces.get('ae0') ?? null;
}

function configureAccessSwitch(ctx: GenerationContext, rng: Random, device: DeviceInfo, master: DeviceInfo | undefined, vlans: SiteVlans): void {
  const interfaces = ctx.db.table('dcim_interface');
  const tagged = ctx.db.table('dcim_interface_tagged_vlans');
  const siteVlans = vlans.get(device.site.id);
  if (!siteVlans) return;
  const access = siteVlans.get('DATA');
  const secondary = siteVlans.get('SCANNERS') ?? siteVlans.get('VOICE');
  const trunkVlans = [...siteVlans.values()].filter((v) => v.name !== 'GUEST' || device.site.kind !== 'branch');
  const up = new Set(uplinks(device));
  const lag = uplinkLag(device, master);
  for (const [name, id] of device.interfaces) {
    const row = interfaces.get(id);
    if (up.has(name)) {
      row.mode = 'tagged';
      row.description = 'Uplink';
      if (lag !== null && !name.startsWith('ge-')) row.lag_id = lag;
      for (const vlan of trunkVlans) tagged.add({ interface_id: id, vlan_id: vlan.id });
    } else if (row.type === 'lag') {
      row.mode = 'tagged';
      for (const vlan of trunkVlans) tagged.add({ interface_id: id, vlan_id: vlan.id });
    } else if (row.type === '1000base-t' && row.mgmt_only === false && access) {
      row.mode = 'access';
      // A warehouse's upper ports feed scanner access points; elsewhere most ports are user drops.
      const useSecondary = secondary !== undefined && rng.chance(device.site.kind === 'warehouse' ? 0.3 : 0.1);
      row.untagged_vlan_id = useSecondary ? secondary.id : access.id;
      if (rng.chance(0.12)) {
        row.enabled = false;
        row.description = 'Disabled - unused';
      }
    }
  }
}

function configureDataCenterSwitch(ctx: GenerationContext, device: DeviceInfo): void {
  const interfaces = ctx.db.table('dcim_interface');
  const peerLink = device.interfaces.get('Port-Channel1000');
  for (const [name, id] of device.interfaces) {
    const row = interfaces.get(id);
    if (row.type === 'virtual' || row.mgmt_only === true) continue;
    row.mtu = 9214;
    if ((name === 'Ethernet47' || name === 'Ethernet48') && peerLink !== undefined) {
      row.lag_id = peerLink;
      row.description = 'MLAG peer link';
    }
    // Leaf ports 1-16 face hypervisors and carry every VLAN.
    if (device.role === 'Leaf Switch') {
      const port = /^Ethernet(\d+)$/.exec(name);
      if (port && Number(port[1]) <= 16) {
        row.mode = 'tagged-all';
        row.description = `esx-${device.site.slug}-${device.name.slice(-2)}${port[1]?.padStart(2, '0')}`;
      } else if (port && Number(port[1]) > 40) {
        row.enabled = false;
      }
    }
  }
}

/** VLAN modes, LAG membership and MTUs: what an engineer sets after racking a switch. */
export function configureSwitching(ctx: GenerationContext, devices: readonly DeviceInfo[], vlans: SiteVlans): void {
  const rng = ctx.random('switching');
  const masters = new Map<string, DeviceInfo>();
  for (const device of devices) {
    if (device.vcPosition === 1) masters.set(`${device.site.id}:${device.role}:${device.rack?.id ?? 0}`, device);
  }
  for (const device of devices) {
    if (device.role === 'Access Switch') {
      configureAccessSwitch(ctx, rng, device, masters.get(`${device.site.id}:${device.role}:${device.rack?.id ?? 0}`), vlans);
    } else if (device.spec.key === 'dcs7280' || device.spec.key === 'dcs7050') {
      configureDataCenterSwitch(ctx, device);
    }
  }
}
