import { nameOf, type ApiPage, type SandboxApi } from './mcp-sandbox-api.ts';

/** The concrete objects the questions ask about, picked from the data at run time so any scale works. */
export interface Subjects {
  /** Device the device questions are about (`chi-dc1-cr01` when the data has it). */
  readonly device: string;
  /** The device's site, by NAME (what people type), e.g. `CHI-DC1`. */
  readonly site: string;
  /** The device's primary IPv4 address, without its mask. */
  readonly ip: string;
  /** An IPv4 container prefix of /20–/22, so "free /24s" is a short, real answer. */
  readonly containerPrefix: string;
  /** Cluster of the first virtual machine that has a primary IP. */
  readonly cluster: string;
  /** A typical tag: the median by tagged objects among those with at least 3. */
  readonly tag: string;
  readonly tagSlug: string;
  readonly provider: string;
  readonly manufacturer: string;
  readonly tenant: string;
  /** The device's rack; rack names repeat per site, so the question names the site too. */
  readonly rack: string;
  /** A port whose cable runs through patch panels to a far device: what a trace is asked for. */
  readonly uplink: { readonly device: string; readonly port: string };
  /** The most specific prefix holding the device's primary IP: where "next free IPs" is asked. */
  readonly ipPrefix: string;
  /** A VLAN group at the device's site. */
  readonly vlanGroup: string;
  /** A circuit cabled to a device port at both ends. */
  readonly circuit: string;
  /** "Last week": the 7 days before the data's anchor day, as absolute ISO times. */
  readonly since: string;
  readonly until: string;
}

type Row = Record<string, unknown>;

const PREFERRED_DEVICE = 'chi-dc1-cr01';
const WEEK_MS = 7 * 24 * 3600 * 1000;

async function first(api: SandboxApi, path: string, params: Record<string, string | number | boolean>): Promise<Row> {
  const page = await api.get<ApiPage>(path, { ...params, limit: 1 });
  const row = page.results[0];
  if (!row) throw new Error(`no object for ${path} ${JSON.stringify(params)}`);
  return row;
}

export async function pickSubjects(api: SandboxApi, anchor: Date): Promise<Subjects> {
  const preferred = await api.get<ApiPage>('/api/dcim/devices/', { name: PREFERRED_DEVICE, has_primary_ip: true, limit: 1 });
  const device = preferred.results[0] ?? (await first(api, '/api/dcim/devices/', { has_primary_ip: true }));
  const primary = (device.primary_ip4 ?? device.primary_ip) as Row;
  const deviceType = device.device_type as Row;
  const tenant = device.tenant ? nameOf(device.tenant) : nameOf(await first(api, '/api/tenancy/tenants/', {}));

  const containers = await api.get<ApiPage>('/api/ipam/prefixes/', { status: 'container', family: 4, mask_length__gte: 20, mask_length__lte: 22, limit: 1 });
  const container = containers.results[0] ?? (await first(api, '/api/ipam/prefixes/', { status: 'container', family: 4 }));

  const vm = await first(api, '/api/virtualization/virtual-machines/', { has_primary_ip: true });
  const tags = await api.all<Row>('/api/extras/tags/', { fields: 'name,slug,tagged_items' });
  const tagged = tags.filter((t) => Number(t.tagged_items) >= 3).sort((a, b) => Number(a.tagged_items) - Number(b.tagged_items));
  const tag = tagged[Math.floor(tagged.length / 2)];
  if (!tag) throw new Error('no tag with 3 or more tagged objects');
  const providers = await api.all<Row>('/api/circuits/providers/', { fields: 'name,circuit_count', ordering: 'name' });
  const provider = providers.find((p) => Number(p.circuit_count) > 0);
  if (!provider) throw new Error('no provider with circuits');

  const uplinks = await api.get<ApiPage>('/api/dcim/interfaces/', { cabled: true, connected: true, limit: 1000, fields: 'id,name,device,link_peers_type' });
  const uplink = uplinks.results.find((i) => i.link_peers_type === 'dcim.frontport');
  if (!uplink) throw new Error('no interface cabled through a patch panel');
  const parents = await api.all<Row>('/api/ipam/prefixes/', { contains: String(primary.address).split('/')[0]!, vrf_id: 'null', fields: 'prefix' });
  const ipPrefix = parents.map((p) => String(p.prefix)).sort((a, b) => Number(b.split('/')[1]) - Number(a.split('/')[1]))[0];
  if (!ipPrefix) throw new Error(`no prefix holds ${String(primary.address)}`);
  const site = (await api.get<ApiPage>('/api/dcim/sites/', { name: nameOf(device.site), limit: 1 })).results[0]!;
  const group = (await api.get<ApiPage>('/api/ipam/vlan-groups/', { site: Number(site.id), limit: 1 })).results[0] ?? (await first(api, '/api/ipam/vlan-groups/', {}));
  const terms = await api.all<Row>('/api/circuits/circuit-terminations/', { cabled: true, fields: 'circuit,link_peers_type' });
  const sides = new Map<string, number>();
  for (const t of terms) if (t.link_peers_type === 'dcim.interface') sides.set(nameOf(t.circuit), (sides.get(nameOf(t.circuit)) ?? 0) + 1);
  const circuit = [...sides].find(([, n]) => n === 2)?.[0];
  if (!circuit) throw new Error('no circuit cabled to devices at both ends');

  return {
    device: String(device.name),
    site: nameOf(device.site),
    ip: String(primary.address).split('/')[0]!,
    containerPrefix: String(container.prefix),
    cluster: nameOf(vm.cluster),
    tag: String(tag.name),
    tagSlug: String(tag.slug),
    provider: String(provider.name),
    manufacturer: nameOf(deviceType.manufacturer),
    tenant,
    rack: nameOf(device.rack),
    uplink: { device: nameOf(uplink.device), port: String(uplink.name) },
    ipPrefix,
    vlanGroup: String(group.name),
    circuit,
    since: new Date(anchor.getTime() - WEEK_MS).toISOString(),
    until: anchor.toISOString(),
  };
}
