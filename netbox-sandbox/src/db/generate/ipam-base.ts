import type { GenerationContext } from './context.ts';
import { slugify } from './names.ts';
import type { SiteInfo } from './organization.ts';
import { CORPORATE_TENANT_ID, RESTRICTED_TENANT_ID } from './tenancy.ts';
import type { Tenancy } from './tenancy.ts';
import { formatDate } from './timestamps.ts';

/** The company's public AS number, from the documentation range so it never clashes with a real network. */
export const KESTREL_ASN = 64500;

export interface IpamBase {
  readonly rirIds: ReadonlyMap<string, number>;
  readonly roleIds: ReadonlyMap<string, number>;
  readonly guestVrfId: number;
  readonly pciVrfId: number;
  /** VRF id of each customer tenant. */
  readonly customerVrfIds: ReadonlyMap<number, number>;
}

const RIRS: readonly { readonly name: string; readonly isPrivate: boolean; readonly description: string }[] = [
  { name: 'ARIN', isPrivate: false, description: 'American Registry for Internet Numbers' },
  { name: 'RIPE NCC', isPrivate: false, description: 'Reseaux IP Europeens Network Coordination Centre' },
  { name: 'APNIC', isPrivate: false, description: 'Asia-Pacific Network Information Centre' },
  { name: 'LACNIC', isPrivate: false, description: 'Latin America and Caribbean Network Information Centre' },
  { name: 'RFC 1918', isPrivate: true, description: 'Private IPv4 address space' },
  { name: 'RFC 6598', isPrivate: true, description: 'Shared address space (CGNAT)' },
  { name: 'RFC 6996', isPrivate: true, description: 'Private-use AS numbers' },
];

const AGGREGATES: readonly { readonly prefix: string; readonly rir: string; readonly description: string }[] = [
  { prefix: '10.0.0.0/8', rir: 'RFC 1918', description: 'Internal addressing' },
  { prefix: '172.16.0.0/12', rir: 'RFC 1918', description: 'Segmented VRFs (guest, PCI)' },
  { prefix: '100.64.0.0/10', rir: 'RFC 6598', description: 'Customer NAT space' },
  { prefix: '192.0.2.0/24', rir: 'APNIC', description: 'APAC internet edge' },
  { prefix: '198.51.100.0/24', rir: 'ARIN', description: 'North America internet edge' },
  { prefix: '203.0.113.0/24', rir: 'RIPE NCC', description: 'Europe internet edge' },
  { prefix: '2001:db8::/32', rir: 'ARIN', description: 'Kestrel IPv6 allocation' },
];

const ROLES: readonly string[] = [
  'Data', 'Voice', 'Wireless', 'Guest', 'Management', 'Server', 'Loopback', 'Point-to-Point', 'Point of Sale', 'Internet Edge',
  'Customer',
];

/**
 * Where new AS numbers come from: the site routing domains' 16-bit private block (sites take 65101 upwards),
 * and a 4-byte private block set aside for customer BGP, still unused. Own random stream: the rest of the
 * IPAM data stays as it was.
 */
function addAsnRanges(ctx: GenerationContext, rirId: number | undefined, setup: number): void {
  const rng = ctx.random('asn-ranges');
  const ranges = [
    { name: 'Site routing domains', start: 65101, end: 65534, description: 'Private ASNs for site BGP; the next site takes the lowest free one' },
    { name: 'Customer BGP', start: 4200000000, end: 4200000999, description: 'Private 4-byte ASNs for customer peering' },
  ];
  for (const range of ranges) {
    ctx.db.table('ipam_asnrange').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 7200)),
      name: range.name,
      slug: slugify(range.name),
      start: range.start,
      end: range.end,
      description: range.description,
      rir_id: rirId ?? null,
      tenant_id: CORPORATE_TENANT_ID,
    });
  }
}

export function generateIpamBase(ctx: GenerationContext, sites: readonly SiteInfo[], tenancy: Tenancy): IpamBase {
  const rng = ctx.random('ipam-base');
  const db = ctx.db;
  const setup = ctx.time.day(4);
  const stamps = (): { created: string; last_updated: string } => ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 7200));

  const rirIds = new Map<string, number>();
  for (const rir of RIRS) {
    const row = db.table('ipam_rir').add({ ...stamps(), name: rir.name, slug: slugify(rir.name), is_private: rir.isPrivate, description: rir.description });
    rirIds.set(rir.name, row.id as number);
  }
  for (const aggregate of AGGREGATES) {
    db.table('ipam_aggregate').add({
      ...stamps(),
      prefix: aggregate.prefix,
      date_added: formatDate(ctx.time.day(-400 - rng.int(0, 2000))),
      description: aggregate.description,
      rir_id: rirIds.get(aggregate.rir) ?? null,
      tenant_id: CORPORATE_TENANT_ID,
    });
  }
  const roleIds = new Map<string, number>();
  ROLES.forEach((name, index) => {
    const row = db.table('ipam_role').add({ ...stamps(), name, slug: slugify(name), weight: 1000 + index * 100 });
    roleIds.set(name, row.id as number);
  });

  db.table('ipam_asn').add({ ...stamps(), asn: KESTREL_ASN, description: 'Kestrel Networks backbone', rir_id: rirIds.get('ARIN'), tenant_id: CORPORATE_TENANT_ID });
  let privateAsn = 65100;
  for (const site of sites) {
    if (site.kind === 'branch') continue;
    privateAsn += 1;
    const asn = db.table('ipam_asn').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, site.created, 3600)),
      asn: privateAsn,
      description: `${site.name} routing domain`,
      rir_id: rirIds.get('RFC 6996'),
      tenant_id: site.tenantId,
    });
    db.table('dcim_site_asns').add({ site_id: site.id, asn_id: asn.id });
  }
  addAsnRanges(ctx, rirIds.get('RFC 6996'), setup);

  const rtTable = db.table('ipam_routetarget');
  const shared = rtTable.add({ ...stamps(), name: `${KESTREL_ASN}:999`, description: 'Shared services', tenant_id: CORPORATE_TENANT_ID });
  const addVrf = (name: string, rd: number, tenantId: number | null, description: string, importsShared: boolean, notBefore = setup): number => {
    const created = ctx.time.after(rng, notBefore, 30);
    const vrf = db.table('ipam_vrf').add({
      ...ctx.time.stamps(rng, created),
      name,
      rd: `${KESTREL_ASN}:${rd}`,
      enforce_unique: true,
      description,
      tenant_id: tenantId,
    });
    const rt = rtTable.add({ ...ctx.time.stamps(rng, created), name: `${KESTREL_ASN}:${rd}`, description: `${name} routes`, tenant_id: tenantId });
    db.table('ipam_vrf_import_targets').add({ vrf_id: vrf.id, routetarget_id: rt.id });
    db.table('ipam_vrf_export_targets').add({ vrf_id: vrf.id, routetarget_id: rt.id });
    if (importsShared) db.table('ipam_vrf_import_targets').add({ vrf_id: vrf.id, routetarget_id: shared.id });
    return vrf.id as number;
  };
  const guestVrfId = addVrf('GUEST', 100, null, 'Guest Wi-Fi, internet only', false);
  const pciVrfId = addVrf('PCI', 200, RESTRICTED_TENANT_ID, 'Cardholder data environment (stores)', true);
  const customerVrfIds = new Map<number, number>();
  tenancy.customers.forEach((customer, index) => {
    customerVrfIds.set(customer.tenantId, addVrf(`CUST-${customer.code}`, 1001 + index, customer.tenantId, `${customer.name} hosted services`, true, customer.created));
  });
  return { rirIds, roleIds, guestVrfId, pciVrfId, customerVrfIds };
}
