import { port, terminationKey } from './cabler.ts';
import type { Cabler, Termination } from './cabler.ts';
import { cableStatus } from './cables.ts';
import type { GenerationContext } from './context.ts';
import type { DeviceInfo } from './devices.ts';
import { slugify } from './names.ts';
import type { SiteInfo } from './organization.ts';
import type { Random } from './random.ts';
import { formatDate, MICROS_PER_DAY } from './timestamps.ts';

interface ProviderSpec {
  readonly name: string;
  readonly asn: number;
  readonly cidPrefix: string;
  readonly regions: readonly string[];
  readonly services: readonly CircuitKind[];
}

type CircuitKind = 'transit' | 'dia' | 'broadband' | 'mpls' | 'wave' | 'lte';

/** Carriers, with AS numbers from the documentation range (RFC 5398) so none collides with a real one. */
const PROVIDERS: readonly ProviderSpec[] = [
  { name: 'Lumen', asn: 64496, cidPrefix: 'LMN-', regions: ['North America'], services: ['transit', 'dia', 'mpls', 'wave'] },
  { name: 'Zayo', asn: 64497, cidPrefix: 'ZYO/IDIA/', regions: ['North America', 'Europe'], services: ['transit', 'wave', 'dia'] },
  { name: 'Cogent', asn: 64498, cidPrefix: 'COG-', regions: ['North America', 'Europe'], services: ['transit', 'dia'] },
  { name: 'NTT', asn: 64499, cidPrefix: 'NTT', regions: ['Asia Pacific', 'Europe', 'North America'], services: ['transit', 'dia', 'mpls'] },
  { name: 'Colt', asn: 64501, cidPrefix: 'COLT-', regions: ['Europe'], services: ['transit', 'dia', 'mpls', 'wave'] },
  { name: 'Comcast Business', asn: 64502, cidPrefix: 'CB', regions: ['North America'], services: ['broadband', 'dia'] },
  { name: 'Spectrum Enterprise', asn: 64503, cidPrefix: 'SPE', regions: ['North America'], services: ['broadband'] },
  { name: 'BT', asn: 64505, cidPrefix: 'BT', regions: ['Europe'], services: ['broadband', 'dia'] },
  { name: 'Telstra', asn: 64506, cidPrefix: 'TLS-', regions: ['Asia Pacific'], services: ['broadband', 'dia', 'transit'] },
  { name: 'Verizon Wireless', asn: 64507, cidPrefix: 'VZW', regions: ['North America', 'Europe', 'Asia Pacific'], services: ['lte'] },
];

const TYPES: readonly { readonly kind: CircuitKind; readonly name: string; readonly color: string; readonly rate: number }[] = [
  { kind: 'transit', name: 'Internet Transit', color: '2196f3', rate: 10_000_000 },
  { kind: 'dia', name: 'Dedicated Internet Access', color: '03a9f4', rate: 1_000_000 },
  { kind: 'broadband', name: 'Broadband', color: '8bc34a', rate: 500_000 },
  { kind: 'mpls', name: 'MPLS', color: 'ff9800', rate: 200_000 },
  { kind: 'wave', name: 'Wavelength', color: '9c27b0', rate: 100_000_000 },
  { kind: 'lte', name: 'LTE Backup', color: '9e9e9e', rate: 50_000 },
];

interface CircuitPlan {
  readonly kind: CircuitKind;
  /** Device-name suffix and interface the A end is cabled to; null for an uncabled hand-off. */
  readonly device: string | null;
  readonly iface: string | null;
  readonly description: string;
}

function sitePlans(site: SiteInfo): readonly CircuitPlan[] {
  switch (site.kind) {
    case 'dc':
      return [
        { kind: 'transit', device: 'cr01', iface: 'xe-0/1/2', description: 'Primary internet transit' },
        { kind: 'transit', device: 'cr02', iface: 'xe-0/1/2', description: 'Secondary internet transit' },
        { kind: 'mpls', device: 'wan01', iface: 'GigabitEthernet0/0/1', description: 'MPLS WAN' },
      ];
    case 'hq':
      return [
        { kind: 'dia', device: 'fw01', iface: 'ethernet1/2', description: 'Primary internet' },
        { kind: 'dia', device: 'fw01', iface: 'ethernet1/3', description: 'Backup internet' },
        { kind: 'mpls', device: 'wan01', iface: 'GigabitEthernet0/0/1', description: 'MPLS WAN' },
      ];
    case 'office':
      return [
        { kind: 'mpls', device: 'wan01', iface: 'GigabitEthernet0/0/0', description: 'MPLS WAN' },
        { kind: 'dia', device: 'fw01', iface: 'ethernet1/3', description: 'Local internet breakout' },
      ];
    case 'pop':
      return [
        { kind: 'transit', device: 'er01', iface: 'xe-0/1/0', description: 'Transit A' },
        { kind: 'transit', device: 'er01', iface: 'xe-0/1/1', description: 'Transit B' },
      ];
    case 'warehouse':
      return [
        { kind: 'dia', device: 'wan01', iface: 'GigabitEthernet0/0/0', description: 'Internet' },
        { kind: 'lte', device: null, iface: null, description: 'Cellular backup' },
      ];
    case 'branch':
      return [
        site.variant === 'full'
          ? { kind: 'broadband', device: 'wan01', iface: 'GigabitEthernet0/0/0', description: 'Store internet' }
          : { kind: 'broadband', device: 'fw01', iface: 'ethernet1/1', description: 'Store internet (SD-WAN)' },
      ];
  }
}

function circuitStatus(site: SiteInfo): string {
  switch (site.status) {
    case 'planned':
      return 'planned';
    case 'staging':
      return 'provisioning';
    case 'decommissioning':
      // Circuits have no "decommissioning" status; NetBox's word for them is "deprovisioning".
      return 'deprovisioning';
    default:
      return 'active';
  }
}

export interface CircuitsResult {
  readonly providerIds: ReadonlyMap<string, number>;
  readonly circuitIds: readonly number[];
}

class CircuitWriter {
  private readonly providerIds = new Map<string, number>();
  private readonly accountIds = new Map<string, number>();
  private readonly networkIds = new Map<string, number>();
  private readonly typeIds = new Map<CircuitKind, number>();
  readonly circuitIds: number[] = [];

  private readonly ctx: GenerationContext;
  private readonly rng: Random;

  constructor(
    ctx: GenerationContext,
    rng: Random,
  ) {
    this.ctx = ctx;
    this.rng = rng;
  }

  setup(): void {
    const db = this.ctx.db;
    const setup = this.ctx.time.day(8);
    const stamps = (): { created: string; last_updated: string } => this.ctx.time.stamps(this.rng, this.ctx.time.soonAfter(this.rng, setup, 7200));
    for (const t of TYPES) {
      const row = db.table('circuits_circuittype').add({ ...stamps(), name: t.name, slug: slugify(t.name), color: t.color });
      this.typeIds.set(t.kind, row.id as number);
    }
    for (const p of PROVIDERS) {
      const provider = db.table('circuits_provider').add({ ...stamps(), name: p.name, slug: slugify(p.name), description: p.services.join(', ') });
      const providerId = provider.id as number;
      this.providerIds.set(p.name, providerId);
      const asn = db.table('ipam_asn').add({ ...stamps(), asn: p.asn, description: p.name, rir_id: 1 });
      db.table('circuits_provider_asns').add({ provider_id: providerId, asn_id: asn.id });
      const account = db.table('circuits_provideraccount').add({
        ...stamps(),
        account: `KST-${String(providerId).padStart(3, '0')}-${this.rng.int(10000, 99999)}`,
        name: `${p.name} enterprise account`,
        provider_id: providerId,
      });
      this.accountIds.set(p.name, account.id as number);
      if (p.services.includes('mpls')) {
        const network = db.table('circuits_providernetwork').add({
          ...stamps(),
          name: `${p.name} MPLS IP-VPN`,
          description: 'Kestrel WAN L3VPN',
          provider_id: providerId,
          service_id: `IPVPN-KESTREL-${String(providerId).padStart(2, '0')}`,
        });
        this.networkIds.set(p.name, network.id as number);
      }
    }
  }

  providerFor(kind: CircuitKind, site: SiteInfo): ProviderSpec {
    const region = regionOfCountry(site.metro.country);
    const candidates = PROVIDERS.filter((p) => p.services.includes(kind) && p.regions.includes(region));
    return this.rng.pick(candidates.length > 0 ? candidates : PROVIDERS.filter((p) => p.services.includes(kind)));
  }

  /** Adds a termination at a site (or provider network) and returns its id. */
  private termination(circuitId: number, side: 'A' | 'Z', created: number, target: { site: SiteInfo } | { networkId: number }, speed: number, kind: CircuitKind): number {
    const isSite = 'site' in target;
    const stamp = this.ctx.time.stamps(this.rng, created);
    const inColo = isSite && (target.site.kind === 'dc' || target.site.kind === 'pop');
    return this.ctx.db.table('circuits_circuittermination').add({
      ...stamp,
      term_side: side,
      port_speed: speed,
      upstream_speed: kind === 'broadband' ? Math.round(speed / 10) : null,
      xconnect_id: inColo ? `XC-${this.rng.int(100000, 999999)}` : '',
      pp_info: inColo ? `MMR PP-${this.rng.int(1, 12)} port ${this.rng.int(1, 48)}` : '',
      circuit_id: circuitId,
      termination_type_id: this.ctx.ct.id(isSite ? 'dcim.site' : 'circuits.providernetwork'),
      termination_id: isSite ? target.site.id : target.networkId,
      _provider_network_id: isSite ? null : target.networkId,
      _site_id: isSite ? target.site.id : null,
      _region_id: isSite ? target.site.regionId : null,
      _site_group_id: isSite ? target.site.groupId : null,
    }).id as number;
  }

  addCircuit(
    site: SiteInfo,
    plan: CircuitPlan,
    provider: ProviderSpec,
    zEnd: { site: SiteInfo } | { networkId: number } | null,
  ): { id: number; aTerminationId: number; zTerminationId: number | null; created: number } {
    const type = TYPES.find((t) => t.kind === plan.kind);
    if (!type) throw new Error(`no circuit type ${plan.kind}`);
    // A circuit between two sites is ordered once both exist.
    const notBefore = zEnd !== null && 'site' in zEnd ? Math.max(site.created, zEnd.site.created) : site.created;
    const created = this.ctx.time.after(this.rng, notBefore, 10);
    const install = created - this.rng.int(5, 40) * MICROS_PER_DAY;
    const table = this.ctx.db.table('circuits_circuit');
    const rate = plan.kind === 'mpls' && site.kind === 'dc' ? 1_000_000 : type.rate;
    const row = table.add({
      ...this.ctx.time.stamps(this.rng, created),
      cid: `${provider.cidPrefix}${this.rng.int(1000000, 9999999)}`,
      status: circuitStatus(site),
      install_date: site.status === 'planned' ? null : formatDate(install),
      termination_date: this.rng.chance(0.5) ? formatDate(install + 3 * 365 * MICROS_PER_DAY) : null,
      commit_rate: rate,
      description: plan.description,
      provider_id: this.providerIds.get(provider.name),
      tenant_id: site.tenantId,
      type_id: this.typeIds.get(type.kind),
      provider_account_id: this.accountIds.get(provider.name) ?? null,
      distance: plan.kind === 'wave' ? 40 + this.rng.int(0, 6000) : null,
      distance_unit: plan.kind === 'wave' ? 'km' : null,
      _abs_distance: null,
    });
    const id = row.id as number;
    if (row.distance !== null) row._abs_distance = (row.distance as number) * 1000;
    const aTerminationId = this.termination(id, 'A', created, { site }, rate, plan.kind);
    row.termination_a_id = aTerminationId;
    const zTerminationId = zEnd === null ? null : this.termination(id, 'Z', created, zEnd, rate, plan.kind);
    row.termination_z_id = zTerminationId;
    this.circuitIds.push(id);
    return { id, aTerminationId, zTerminationId, created };
  }

  networkOf(provider: ProviderSpec): number | undefined {
    return this.networkIds.get(provider.name);
  }

  providers(): ReadonlyMap<string, number> {
    return this.providerIds;
  }
}

function regionOfCountry(country: string): string {
  if (['United States', 'Canada', 'Mexico'].includes(country)) return 'North America';
  if (['Japan', 'Singapore', 'Australia', 'India'].includes(country)) return 'Asia Pacific';
  if (country === 'Brazil') return 'South America';
  return 'Europe';
}

function circuitEnd(id: number, site: SiteInfo): Termination {
  return { kind: 'circuittermination', id, device: null, siteId: site.id };
}

/** Providers, circuits and their terminations, cabled to the edge devices that use them. */
export function generateCircuits(ctx: GenerationContext, sites: readonly SiteInfo[], devices: readonly DeviceInfo[], cabler: Cabler): CircuitsResult {
  const rng = ctx.random('circuits');
  const writer = new CircuitWriter(ctx, rng);
  writer.setup();
  const bySite = new Map<number, DeviceInfo[]>();
  for (const device of devices) {
    const list = bySite.get(device.site.id);
    if (list) list.push(device);
    else bySite.set(device.site.id, [device]);
  }
  const cableTo = (site: SiteInfo, plan: CircuitPlan, terminationId: number, created: number): void => {
    if (plan.device === null || plan.iface === null || site.status === 'planned') return;
    const device = (bySite.get(site.id) ?? []).find((d) => d.name.endsWith(`-${plan.device}`));
    if (!device) return;
    const iface = port(device, 'interface', plan.iface);
    if (cabler.links.has(terminationKey(iface.kind, iface.id))) return;
    cabler.connect(circuitEnd(terminationId, site), iface, {
      type: site.kind === 'branch' || site.kind === 'warehouse' ? 'cat6' : 'smf',
      status: cableStatus(site),
      // Patched in once both the hand-off and the router exist.
      created: ctx.time.after(rng, Math.max(created, device.created), 2),
      length: site.kind === 'dc' ? 15 + rng.int(0, 60) : null,
      unit: 'm',
      description: plan.description,
    });
  };
  const dataCenters = sites.filter((s) => s.kind === 'dc');
  for (const site of sites) {
    for (const plan of sitePlans(site)) {
      const provider = writer.providerFor(plan.kind, site);
      const network = plan.kind === 'mpls' ? writer.networkOf(provider) : undefined;
      const circuit = writer.addCircuit(site, plan, provider, network === undefined ? null : { networkId: network });
      cableTo(site, plan, circuit.aTerminationId, circuit.created);
    }
  }
  // Data centers are joined in pairs by a wavelength between their core routers.
  for (let i = 0; i + 1 < dataCenters.length; i += 2) {
    const a = dataCenters[i] as SiteInfo;
    const z = dataCenters[i + 1] as SiteInfo;
    const plan: CircuitPlan = { kind: 'wave', device: 'cr01', iface: 'xe-0/1/3', description: `DCI ${a.name} - ${z.name}` };
    const provider = writer.providerFor('wave', a);
    const circuit = writer.addCircuit(a, plan, provider, { site: z });
    cableTo(a, plan, circuit.aTerminationId, circuit.created);
    if (circuit.zTerminationId !== null) cableTo(z, plan, circuit.zTerminationId, circuit.created);
  }
  return { providerIds: writer.providers(), circuitIds: writer.circuitIds };
}
