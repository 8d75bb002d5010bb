import type { GenerationContext } from './context.ts';
import type { IpamBase } from './ipam-base.ts';
import { blockSize, cidr, ipv4ToNumber } from './ip.ts';
import type { Organization, SiteInfo } from './organization.ts';
import { countryRegionOf } from './organization.ts';
import { PrefixPool } from './prefix-pool.ts';
import type { Random } from './random.ts';
import { siteBlockIsPrefix, siteBlockLength, siteSegments } from './site-networks.ts';
import { CORPORATE_TENANT_ID } from './tenancy.ts';
import type { Tenancy } from './tenancy.ts';
import type { SiteVlans } from './vlans.ts';

/** Address pools the device and VM generators draw from. */
export interface AddressPlan {
  /** Per site, pools by segment (VLAN) name, plus `P2P-n` for the data center /31s. */
  readonly sitePools: ReadonlyMap<number, ReadonlyMap<string, PrefixPool>>;
  /** Global router loopbacks (/32s). */
  readonly loopbacks: PrefixPool;
  /** Per data center, its IPv6 /48 base (`2001:db8:3`). */
  readonly ipv6Bases: ReadonlyMap<number, string>;
  /** Per customer tenant, the customer's hosted LAN in its VRF. */
  readonly customerPools: ReadonlyMap<number, PrefixPool>;
}

interface PrefixValues {
  readonly prefix: string;
  readonly status: string;
  readonly created: number;
  readonly description?: string;
  readonly roleId?: number | null;
  readonly tenantId?: number | null;
  readonly vlanId?: number | null;
  readonly vrfId?: number | null;
  readonly site?: SiteInfo;
  readonly regionId?: number;
  readonly isPool?: boolean;
  readonly markUtilized?: boolean;
}

function siteStatus(site: SiteInfo): string {
  if (site.status === 'planned') return 'reserved';
  if (site.status === 'decommissioning') return 'deprecated';
  return 'active';
}

class PrefixWriter {
  private readonly ctx: GenerationContext;
  private readonly rng: Random;

  constructor(
    ctx: GenerationContext,
    rng: Random,
  ) {
    this.ctx = ctx;
    this.rng = rng;
  }

  add(v: PrefixValues): number {
    const site = v.site;
    const scopeType = site ? this.ctx.ct.id('dcim.site') : v.regionId !== undefined ? this.ctx.ct.id('dcim.region') : null;
    return this.ctx.db.table('ipam_prefix').add({
      ...this.ctx.time.stamps(this.rng, v.created),
      prefix: v.prefix,
      status: v.status,
      is_pool: v.isPool ?? false,
      description: v.description ?? '',
      role_id: v.roleId ?? null,
      tenant_id: v.tenantId ?? null,
      vlan_id: v.vlanId ?? null,
      vrf_id: v.vrfId ?? null,
      _children: 0,
      _depth: 0,
      mark_utilized: v.markUtilized ?? false,
      scope_type_id: scopeType,
      scope_id: site ? site.id : (v.regionId ?? null),
      _region_id: site ? site.regionId : (v.regionId ?? null),
      _site_id: site ? site.id : null,
      _site_group_id: site ? site.groupId : null,
    }).id as number;
  }
}

/** Hands out site blocks inside per-country /16s, opening another /16 when one fills up. */
class CountrySpace {
  private network = -1;
  private cursor = 0;

  private readonly writer: PrefixWriter;
  private readonly octets: { next: number };
  private readonly name: string;
  private readonly regionId: number | undefined;
  private readonly created: number;

  constructor(
    writer: PrefixWriter,
    /** Second octets already given out, shared by all countries. */
    octets: { next: number },
    name: string,
    regionId: number | undefined,
    created: number,
  ) {
    this.writer = writer;
    this.octets = octets;
    this.name = name;
    this.regionId = regionId;
    this.created = created;
  }

  private open(): void {
    const octet = this.octets.next++;
    if (octet > 249) throw new Error('10.0.0.0/8 is full');
    this.network = ipv4ToNumber(`10.${octet}.0.0`);
    this.cursor = 0;
    this.writer.add({
      prefix: cidr(this.network, 16),
      status: 'container',
      created: this.created,
      description: `${this.name} sites`,
      tenantId: CORPORATE_TENANT_ID,
      regionId: this.regionId,
    });
  }

  allocate(length: number, gap: boolean): number {
    const size = blockSize(length);
    if (this.network < 0) this.open();
    if (gap) this.cursor += size;
    this.cursor = Math.ceil(this.cursor / size) * size;
    if (this.cursor + size > 65536) {
      this.open();
    }
    const network = this.network + this.cursor;
    this.cursor += size;
    return network;
  }
}

export function generatePrefixes(ctx: GenerationContext, org: Organization, tenancy: Tenancy, ipam: IpamBase, vlans: SiteVlans): AddressPlan {
  const rng = ctx.random('prefixes');
  const writer = new PrefixWriter(ctx, rng);
  const setup = ctx.time.day(9);
  const role = (name: string): number | null => ipam.roleIds.get(name) ?? null;

  writer.add({ prefix: '10.0.0.0/16', status: 'container', created: setup, description: 'Global infrastructure', tenantId: CORPORATE_TENANT_ID });
  const loopbackNetwork = ipv4ToNumber('10.0.252.0');
  const loopbackId = writer.add({
    prefix: cidr(loopbackNetwork, 22),
    status: 'active',
    created: setup,
    description: 'Router loopbacks',
    roleId: role('Loopback'),
    tenantId: CORPORATE_TENANT_ID,
    isPool: true,
  });
  const loopbacks = new PrefixPool(loopbackId, loopbackNetwork, 22, null, CORPORATE_TENANT_ID, 1);
  writer.add({ prefix: '172.20.0.0/16', status: 'container', created: setup, description: 'Guest Wi-Fi', vrfId: ipam.guestVrfId });
  writer.add({ prefix: '172.24.0.0/16', status: 'container', created: setup, description: 'Store payment networks', vrfId: ipam.pciVrfId, roleId: role('Point of Sale') });

  const customerPools = new Map<number, PrefixPool>();
  for (const customer of tenancy.customers) {
    const vrfId = ipam.customerVrfIds.get(customer.tenantId) ?? null;
    const network = ipv4ToNumber('10.250.0.0');
    const id = writer.add({
      prefix: cidr(network, 24),
      status: 'active',
      created: ctx.time.after(rng, customer.created + 30 * 86_400_000_000, 60),
      description: `${customer.name} hosted LAN`,
      roleId: role('Customer'),
      tenantId: customer.tenantId,
      vrfId,
    });
    customerPools.set(customer.tenantId, new PrefixPool(id, network, 24, vrfId, customer.tenantId, 10));
  }

  const spaces = new Map<string, CountrySpace>();
  const octets = { next: 1 };
  const sitePools = new Map<number, Map<string, PrefixPool>>();
  const ipv6Bases = new Map<number, string>();
  let guestCursor = ipv4ToNumber('172.20.0.0');
  let pciCursor = ipv4ToNumber('172.24.0.0');
  let dcIndex = 0;
  for (const site of org.sites) {
    const country = site.metro.country;
    let space = spaces.get(country);
    if (!space) {
      space = new CountrySpace(writer, octets, country, countryRegionOf(org, site.metro), site.created);
      spaces.set(country, space);
    }
    const created = ctx.time.soonAfter(rng, site.created, 3600);
    const status = siteStatus(site);
    const blockLength = siteBlockLength(site);
    const block = space.allocate(blockLength, site.kind === 'branch' && rng.chance(0.3));
    if (siteBlockIsPrefix(site)) {
      writer.add({ prefix: cidr(block, blockLength), status: 'container', created, description: site.name, tenantId: site.tenantId, site });
    }
    const pools = new Map<string, PrefixPool>();
    const siteVlans = vlans.get(site.id);
    for (const segment of siteSegments(site)) {
      if (segment.placement === 'none') continue;
      let network: number;
      let vrfId: number | null = null;
      if (segment.placement === 'guest-vrf') {
        network = guestCursor;
        guestCursor += 256;
        vrfId = ipam.guestVrfId;
      } else if (segment.placement === 'pci-vrf') {
        network = pciCursor;
        pciCursor += blockSize(segment.length);
        vrfId = ipam.pciVrfId;
      } else {
        network = block + segment.offset;
      }
      const id = writer.add({
        prefix: cidr(network, segment.length),
        status,
        created,
        description: `${site.name} ${segment.description}`,
        roleId: role(segment.role),
        tenantId: site.tenantId,
        vlanId: siteVlans?.get(segment.vlan)?.id ?? null,
        vrfId,
        site,
        // Corporate Wi-Fi leases out its whole range, so it is reported as fully used.
        markUtilized: segment.vlan === 'WIFI',
      });
      // Leave room for gateways before the first handed-out host.
      const firstHost = segment.vlan === 'VM-INFRA' ? 2 : segment.role === 'Management' ? 4 : segment.role === 'Server' ? 10 : 1;
      pools.set(segment.vlan, new PrefixPool(id, network, segment.length, vrfId, site.tenantId, firstHost));
    }
    if (site.kind === 'dc') {
      dcIndex += 1;
      const p2p = block + 3 * 256 + 240;
      writer.add({ prefix: cidr(p2p, 30), status: 'container', created, description: `${site.name} core to firewall links`, roleId: role('Point-to-Point'), tenantId: site.tenantId, site });
      for (let n = 0; n < 2; n++) {
        const network = p2p + n * 2;
        const id = writer.add({ prefix: cidr(network, 31), status, created, description: `cr0${n + 1} - fw0${n + 1}`, roleId: role('Point-to-Point'), tenantId: site.tenantId, site });
        pools.set(`P2P-${n + 1}`, new PrefixPool(id, network, 31, null, site.tenantId, 0));
      }
      const base = `2001:db8:${dcIndex.toString(16)}`;
      ipv6Bases.set(site.id, base);
      writer.add({ prefix: `${base}::/48`, status: 'container', created, description: `${site.name} IPv6`, tenantId: site.tenantId, site });
      for (const vlan of ['WEB', 'APP']) {
        const v = siteVlans?.get(vlan);
        writer.add({
          prefix: `${base}:${v?.vid ?? 0}::/64`,
          status,
          created,
          description: `${site.name} ${vlan} IPv6`,
          roleId: role('Server'),
          tenantId: site.tenantId,
          vlanId: v?.id ?? null,
          site,
        });
      }
    }
    sitePools.set(site.id, pools);
  }
  return { sitePools, loopbacks, ipv6Bases, customerPools };
}
