import type { GenerationContext } from './context.ts';
import type { DeviceInfo } from './devices.ts';
import { COMPANY_DOMAIN } from './names.ts';
import type { SiteInfo } from './organization.ts';
import type { PrefixPool } from './prefix-pool.ts';
import type { AddressPlan } from './prefixes.ts';
import type { Random } from './random.ts';

/** An address on a named interface: [device suffix, interface, segment, host offset or 'next', role]. */
type Assignment = readonly [string, string, string, number | 'next', string | null];

/** Gateways, transit and link addresses per kind of site; management addresses are added for every device. */
function siteAssignments(site: SiteInfo): readonly Assignment[] {
  switch (site.kind) {
    case 'dc':
      return [
        ['ds01', 'Vlan900', 'MGMT', 1, null],
        ['ds01', 'Vlan110', 'WEB', 2, null],
        ['ds02', 'Vlan110', 'WEB', 3, null],
        ['ds01', 'Vlan120', 'APP', 2, null],
        ['ds02', 'Vlan120', 'APP', 3, null],
        ['lb01', '1.1', 'WEB', 50, 'vip'],
        ['lb01', '1.1', 'WEB', 51, 'vip'],
        ['cr01', 'xe-0/1/0', 'P2P-1', 0, null],
        ['fw01', 'ethernet1/13', 'P2P-1', 1, null],
        ['cr02', 'xe-0/1/0', 'P2P-2', 0, null],
        ['fw02', 'ethernet1/13', 'P2P-2', 1, null],
      ];
    case 'hq':
      return [
        ['ds01', 'Vlan100', 'DATA', 1, null],
        ['ds01', 'Vlan200', 'VOICE', 1, null],
        ['ds01', 'Vlan300', 'WIFI', 1, null],
        ['ds01', 'Vlan900', 'MGMT', 1, null],
      ];
    case 'office':
      return [
        ['fw01', 'ethernet1/2', 'DATA', 1, null],
        ['wan01', 'GigabitEthernet0/0/1', 'MGMT', 2, null],
        ['fw01', 'ethernet1/1', 'MGMT', 3, null],
      ];
    case 'warehouse':
      return [
        ['wan01', 'GigabitEthernet0/0/1', 'DATA', 1, null],
        ['wan01', 'GigabitEthernet0/0/2', 'MGMT', 1, null],
      ];
    case 'branch':
      return site.variant === 'full'
        ? [
            ['wan01', 'GigabitEthernet0/0/1', 'DATA', 1, null],
            ['wan01', 'GigabitEthernet0/0/1.20', 'VOICE', 1, null],
            ['as01', 'Vlan10', 'DATA', 2, null],
          ]
        : [['fw01', 'ethernet1/2', 'DATA', 1, null]];
    case 'pop':
      return [];
  }
}

/** Shared first-hop addresses that belong to no single interface. */
function siteVips(site: SiteInfo): readonly [string, number][] {
  return site.kind === 'dc' ? [['WEB', 1], ['APP', 1]] : [];
}

function ipStatus(device: DeviceInfo): string {
  if (device.status === 'staged') return 'reserved';
  if (device.status === 'decommissioning') return 'deprecated';
  return 'active';
}

class AddressWriter {
  private readonly ctx: GenerationContext;
  private readonly rng: Random;

  constructor(
    ctx: GenerationContext,
    rng: Random,
  ) {
    this.ctx = ctx;
    this.rng = rng;
  }

  add(address: string, values: { status: string; role?: string | null; interfaceId?: number | null; dnsName?: string; description?: string; tenantId: number | null; vrfId?: number | null; created: number }): number {
    return this.ctx.db.table('ipam_ipaddress').add({
      ...this.ctx.time.stamps(this.rng, values.created),
      address,
      status: values.status,
      role: values.role ?? null,
      assigned_object_type_id: values.interfaceId == null ? null : this.ctx.ct.id('dcim.interface'),
      assigned_object_id: values.interfaceId ?? null,
      dns_name: values.dnsName ?? '',
      description: values.description ?? '',
      tenant_id: values.tenantId,
      vrf_id: values.vrfId ?? null,
    }).id as number;
  }
}

/**
 * Addresses on device interfaces: gateways and links per site, a management address on every device that
 * has somewhere to put one, loopbacks on routers; then each device's primary and out-of-band address.
 */
export function addressDevices(ctx: GenerationContext, devices: readonly DeviceInfo[], plan: AddressPlan): void {
  const rng = ctx.random('device-addresses');
  const writer = new AddressWriter(ctx, rng);
  const deviceTable = ctx.db.table('dcim_device');
  const bySite = new Map<number, DeviceInfo[]>();
  for (const device of devices) {
    const list = bySite.get(device.site.id);
    if (list) list.push(device);
    else bySite.set(device.site.id, [device]);
  }
  for (const siteDevices of bySite.values()) {
    const site = (siteDevices[0] as DeviceInfo).site;
    const pools = plan.sitePools.get(site.id) ?? new Map<string, PrefixPool>();
    const primary = new Map<number, number>();
    const find = (suffix: string): DeviceInfo | undefined => siteDevices.find((d) => d.name.endsWith(`-${suffix}`));
    for (const [suffix, iface, segment, offset, role] of siteAssignments(site)) {
      const device = find(suffix);
      const pool = pools.get(segment);
      const interfaceId = device?.interfaces.get(iface);
      if (!device || !pool || interfaceId === undefined) continue;
      const address = offset === 'next' ? pool.next() : pool.takeOffset(offset);
      if (address === null) continue;
      const id = writer.add(address, {
        status: ipStatus(device),
        role,
        interfaceId,
        dnsName: role === 'vip' ? `${rng.pick(['shop', 'api', 'portal', 'auth', 'cdn'])}-${device.site.slug}.${COMPANY_DOMAIN}` : '',
        tenantId: site.tenantId,
        vrfId: pool.vrfId,
        created: device.created,
      });
      // A device without a management port is reached on its LAN gateway address.
      if (device.spec.mgmtInterface === null && !primary.has(device.id) && role === null) primary.set(device.id, id);
    }
    for (const [segment, offset] of siteVips(site)) {
      const pool = pools.get(segment);
      if (!pool) continue;
      writer.add(pool.takeOffset(offset), { status: 'active', role: 'vrrp', description: `${segment} first-hop VIP`, tenantId: site.tenantId, created: site.created });
    }
    // Stores have no management network: the SD-WAN box's management port sits in the store LAN.
    const mgmtPool = pools.get('MGMT') ?? pools.get('DATA');
    for (const device of siteDevices) {
      const status = ipStatus(device);
      const mgmtName = device.spec.mgmtInterface;
      let mgmtId: number | null = null;
      if (mgmtName !== null && mgmtPool) {
        const address = mgmtPool.next();
        if (address !== null) {
          mgmtId = writer.add(address, {
            status,
            interfaceId: device.interfaces.get(mgmtName) ?? null,
            dnsName: `${device.name}-mgmt.${COMPANY_DOMAIN}`,
            tenantId: site.tenantId,
            created: device.created,
          });
        }
      }
      let loopbackId: number | null = null;
      let loopback6Id: number | null = null;
      const lo0 = device.interfaces.get('lo0');
      if (lo0 !== undefined) {
        const address = plan.loopbacks.next();
        if (address !== null) {
          loopbackId = writer.add(address.replace(/\/\d+$/, '/32'), {
            status,
            role: 'loopback',
            interfaceId: lo0,
            dnsName: `${device.name}.${COMPANY_DOMAIN}`,
            tenantId: site.tenantId,
            created: device.created,
          });
        }
        const base = plan.ipv6Bases.get(site.id);
        if (base !== undefined) {
          loopback6Id = writer.add(`${base}:ffff::${device.name.slice(-1)}/128`, {
            status,
            role: 'loopback',
            interfaceId: lo0,
            dnsName: `${device.name}.${COMPANY_DOMAIN}`,
            tenantId: site.tenantId,
            created: device.created,
          });
        }
      }
      if (device.status === 'staged') continue;
      const row = deviceTable.get(device.id);
      if (loopbackId !== null) {
        row.primary_ip4_id = loopbackId;
        row.primary_ip6_id = loopback6Id;
        row.oob_ip_id = mgmtId;
      } else {
        row.primary_ip4_id = mgmtId ?? primary.get(device.id) ?? null;
      }
    }
  }
}
