import { contains, freeBlocks, parseNet4 } from './mcp-ipv4.ts';
import { nameOf, type ApiPage, type SandboxApi } from './mcp-sandbox-api.ts';
import type { Subjects } from './mcp-subjects.ts';

/** One tool call our server gets for a question. */
export interface OurCall {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/** Strings that must all appear on one line of the answer (case-insensitive): a name with its value. */
export type Fact = readonly string[];

export interface BenchQuestion {
  readonly id: number;
  /** Short, for the table. */
  readonly label: string;
  ask(s: Subjects): string;
  /** What a model asks our server: at most 2 calls, the bar. */
  ours(s: Subjects): readonly OurCall[];
  /** The answer's key facts, derived from the sandbox's REST API directly, never from our tools. */
  facts(api: SandboxApi, s: Subjects): Promise<readonly Fact[]>;
}

type Row = Record<string, unknown>;

/** Lists longer than this are checked on their first rows, in NetBox's own order: our tools page long lists, and say so. */
const LIST_FACTS = 40;

const names = (rows: readonly Row[], field = 'name'): Fact[] => rows.slice(0, LIST_FACTS).map((r) => [nameOf(r[field])]);
const ipOnly = (address: unknown): string => String(address).split('/')[0]!;

async function siteId(api: SandboxApi, site: string): Promise<number> {
  const page = await api.get<ApiPage>('/api/dcim/sites/', { name: site, limit: 1 });
  return Number(page.results[0]?.id);
}

/** NetBox's utilization rule: IPs in a prefix's VRF over its usable size; containers by their child prefixes. */
export async function prefixUtilization(api: SandboxApi): Promise<{ id: number; prefix: string; percent: number }[]> {
  const prefixes = (await api.all<Row>('/api/ipam/prefixes/', { family: 4, fields: 'id,prefix,status,vrf,mark_utilized,is_pool' })).map((p) => ({
    row: p,
    net: parseNet4(String(p.prefix))!,
    vrf: nameOf(p.vrf),
  }));
  const ips = (await api.all<Row>('/api/ipam/ip-addresses/', { family: 4, fields: 'address,vrf' })).map((ip) => ({ net: parseNet4(String(ip.address))!, vrf: nameOf(ip.vrf) }));
  return prefixes.map(({ row, net, vrf }) => {
    const status = (row.status as Row | null)?.value;
    let percent: number;
    if (row.mark_utilized === true) percent = 100;
    else if (status === 'container') {
      const children = prefixes.filter((c) => c.net !== net && contains(net, c.net) && c.net.size < net.size && (vrf === '' || c.vrf === vrf));
      const top = children.filter((c) => !children.some((o) => o !== c && o.net.size > c.net.size && contains(o.net, c.net)));
      percent = (100 * top.reduce((sum, c) => sum + c.net.size, 0)) / net.size;
    } else {
      const usable = net.size >= 4 && row.is_pool !== true ? net.size - 2 : net.size;
      const used = ips.filter((ip) => ip.vrf === vrf && contains(net, { start: ip.net.start, size: 1 })).length;
      percent = (100 * used) / usable;
    }
    return { id: Number(row.id), prefix: String(row.prefix), percent };
  });
}

/** Where tagged objects live in the sandbox's data, and how each names itself. */
const TAGGED: readonly [string, (row: Row) => Fact][] = [
  ['/api/dcim/sites/', (r) => [String(r.name)]],
  ['/api/dcim/racks/', (r) => [String(r.name), nameOf(r.site)]],
  ['/api/dcim/devices/', (r) => [String(r.name)]],
  ['/api/dcim/interfaces/', (r) => [nameOf(r.device), String(r.name)]],
  ['/api/dcim/cables/', (r) => [String(r.display)]],
  ['/api/ipam/prefixes/', (r) => [String(r.prefix)]],
  ['/api/ipam/ip-addresses/', (r) => [String(r.address)]],
  ['/api/ipam/vlans/', (r) => [String(r.vid), String(r.name)]],
  ['/api/ipam/vrfs/', (r) => [String(r.name)]],
  ['/api/circuits/circuits/', (r) => [String(r.cid)]],
  ['/api/virtualization/clusters/', (r) => [String(r.name)]],
  ['/api/virtualization/virtual-machines/', (r) => [String(r.name)]],
  ['/api/tenancy/tenants/', (r) => [String(r.name)]],
];

const BASE_QUESTIONS: readonly BenchQuestion[] = [
  {
    id: 1,
    label: 'devices in site (by name)',
    ask: (s) => `Which devices are in site ${s.site}?`,
    ours: (s) => [{ tool: 'netbox_get_objects', args: { object_type: 'dcim.device', filters: { site: s.site } } }],
    facts: async (api, s) => names(await api.all('/api/dcim/devices/', { site_id: await siteId(api, s.site), fields: 'name' })),
  },
  {
    id: 2,
    label: 'active devices per site',
    ask: () => 'How many active devices are there per site?',
    ours: () => [{ tool: 'netbox_count_objects', args: { object_type: 'dcim.device', filters: { status: 'active' }, group_by: 'site' } }],
    facts: async (api, s) => {
      const page = await api.get<ApiPage>('/api/dcim/devices/', { site_id: await siteId(api, s.site), status: 'active', limit: 1 });
      return [[s.site, String(page.count)]];
    },
  },
  {
    id: 3,
    label: 'what is IP a.b.c.d',
    ask: (s) => `What is IP ${s.ip}?`,
    ours: (s) => [{ tool: 'netbox_ip_profile', args: { address: s.ip } }],
    facts: async (api, s) => {
      const ip = (await api.get<ApiPage>('/api/ipam/ip-addresses/', { address: s.ip, limit: 1 })).results[0]!;
      const assigned = ip.assigned_object as Row;
      const parents = await api.all<Row>('/api/ipam/prefixes/', { contains: s.ip, fields: 'prefix' });
      const closest = parents.map((p) => String(p.prefix)).sort((a, b) => Number(b.split('/')[1]) - Number(a.split('/')[1]))[0]!;
      return [[nameOf(assigned.device ?? assigned.virtual_machine)], [String(assigned.name)], [closest]];
    },
  },
  {
    id: 4,
    label: 'interfaces on D, uncabled',
    ask: (s) => `Which interfaces are on device ${s.device}, and which of them have no cable?`,
    ours: (s) => [{ tool: 'netbox_device_profile', args: { device: s.device, sections: ['interfaces'] } }],
    facts: async (api, s) => {
      const rows = await api.all<Row>('/api/dcim/interfaces/', { device: s.device, fields: 'name,cable,link_peers' });
      // A cabled interface's line names what is at the far end (a device, or a circuit); a bare one says so.
      return rows.slice(0, LIST_FACTS).map((r) => {
        const peer = ((r.link_peers ?? []) as Row[])[0];
        if (!r.cable || !peer) return [String(r.name), 'no cable'];
        return [String(r.name), peer.device ? nameOf(peer.device) : String((peer.circuit as Row).cid)];
      });
    },
  },
  {
    id: 5,
    label: 'free /24s in prefix P',
    ask: (s) => `Which /24s are free in prefix ${s.containerPrefix}?`,
    ours: (s) => [{ tool: 'netbox_prefix_usage', args: { prefix: s.containerPrefix, free_size: 24 } }],
    facts: async (api, s) => {
      const children = await api.all<Row>('/api/ipam/prefixes/', { within: s.containerPrefix, fields: 'prefix' });
      return freeBlocks(
        s.containerPrefix,
        children.map((c) => String(c.prefix)),
        24,
      ).map((b) => [b]);
    },
  },
  {
    id: 6,
    label: 'prefixes over 80% used',
    ask: () => 'Which prefixes are over 80% used?',
    ours: () => [{ tool: 'netbox_prefix_usage', args: { min_utilization: 80 } }],
    facts: async (api) => {
      // Busiest first, then by id: the order a long answer is cut in.
      const full = (await prefixUtilization(api)).filter((p) => p.percent > 80).sort((a, b) => b.percent - a.percent || a.id - b.id);
      // Only the clear cases: a rounding or rule difference at exactly 80% is not what this checks.
      return full
        .filter((p) => p.percent >= 85)
        .slice(0, LIST_FACTS)
        .map((p) => [p.prefix]);
    },
  },
  {
    id: 7,
    label: 'VMs in cluster C + IPs',
    ask: (s) => `Which VMs are in cluster ${s.cluster}, with their IPs?`,
    ours: (s) => [{ tool: 'netbox_get_objects', args: { object_type: 'virtualization.virtualmachine', filters: { cluster: s.cluster }, fields: ['name', 'status', 'primary_ip4', 'primary_ip6'] } }],
    facts: async (api, s) => {
      const cluster = (await api.get<ApiPage>('/api/virtualization/clusters/', { name: s.cluster, limit: 1 })).results[0]!;
      const vms = await api.all<Row>('/api/virtualization/virtual-machines/', { cluster_id: Number(cluster.id), fields: 'name,primary_ip4' });
      return vms.slice(0, LIST_FACTS).map((vm) => (vm.primary_ip4 ? [String(vm.name), ipOnly((vm.primary_ip4 as Row).address)] : [String(vm.name)]));
    },
  },
  {
    id: 8,
    label: 'devices without primary IP',
    ask: () => 'Which devices have no primary IP?',
    ours: () => [{ tool: 'netbox_get_objects', args: { object_type: 'dcim.device', filters: { has_primary_ip: false } } }],
    facts: async (api) => names(await api.all('/api/dcim/devices/', { has_primary_ip: false, fields: 'name' })),
  },
  {
    id: 9,
    label: 'who changed D last week',
    ask: (s) => `Who changed device ${s.device} last week (${s.since.slice(0, 10)} to ${s.until.slice(0, 10)})?`,
    ours: (s) => [{ tool: 'netbox_get_changelogs', args: { object_type: 'dcim.device', object: s.device, since: s.since, until: s.until } }],
    facts: async (api, s) => {
      const device = (await api.get<ApiPage>('/api/dcim/devices/', { name: s.device, limit: 1 })).results[0]!;
      const changes = await api.all<Row>('/api/core/object-changes/', {
        changed_object_type: 'dcim.device',
        changed_object_id: Number(device.id),
        time_after: s.since,
        time_before: s.until,
        fields: 'user_name',
      });
      return [...new Set(changes.map((c) => String(c.user_name)))].map((u) => [u]);
    },
  },
  {
    id: 10,
    label: 'what is tagged T',
    ask: (s) => `What is tagged ${s.tag}?`,
    ours: (s) => [{ tool: 'netbox_related_objects', args: { object_type: 'extras.tag', object: s.tag } }],
    facts: async (api, s) => {
      const facts: Fact[] = [];
      for (const [path, fact] of TAGGED) {
        // A few of each type, in NetBox's order: the tool shows a sample per type and the count of the rest.
        const page = await api.get<ApiPage>(path, { tag: s.tagSlug, limit: 3 });
        facts.push(...page.results.map(fact));
      }
      return facts;
    },
  },
  {
    id: 11,
    label: "provider P's circuits + ends",
    ask: (s) => `What are provider ${s.provider}'s circuits, and where do they terminate?`,
    ours: (s) => [{ tool: 'netbox_get_objects', args: { object_type: 'circuits.circuittermination', filters: { provider: s.provider } } }],
    facts: async (api, s) => {
      const provider = (await api.get<ApiPage>('/api/circuits/providers/', { name: s.provider, limit: 1 })).results[0]!;
      const ends = await api.get<ApiPage>('/api/circuits/circuit-terminations/', { provider_id: Number(provider.id), limit: LIST_FACTS });
      return ends.results.map((t) => [nameOf(t.circuit), nameOf(t.termination)]);
    },
  },
  {
    id: 12,
    label: 'devices of maker M by model',
    ask: (s) => `Which devices are from manufacturer ${s.manufacturer}, grouped by model?`,
    ours: (s) => [
      { tool: 'netbox_count_objects', args: { object_type: 'dcim.device', filters: { manufacturer: s.manufacturer }, group_by: 'device_type' } },
      { tool: 'netbox_get_objects', args: { object_type: 'dcim.device', filters: { manufacturer: s.manufacturer }, fields: ['name', 'device_type', 'site'], ordering: ['device_type', 'name'] } },
    ],
    facts: async (api, s) => {
      const maker = (await api.get<ApiPage>('/api/dcim/manufacturers/', { name: s.manufacturer, limit: 1 })).results[0]!;
      const devices = await api.all<Row>('/api/dcim/devices/', { manufacturer_id: Number(maker.id), fields: 'name,device_type' });
      const byModel = new Map<string, number>();
      for (const d of devices) byModel.set(nameOf(d.device_type), (byModel.get(nameOf(d.device_type)) ?? 0) + 1);
      return [...byModel].map(([model, n]) => [model, String(n)]);
    },
  },
  {
    id: 13,
    label: 'VLANs at site S',
    ask: (s) => `Which VLANs are at site ${s.site}?`,
    ours: (s) => [{ tool: 'netbox_get_objects', args: { object_type: 'ipam.vlan', filters: { site: s.site } } }],
    facts: async (api, s) => {
      const vlans = await api.all<Row>('/api/ipam/vlans/', { site_id: await siteId(api, s.site), fields: 'vid,name' });
      return vlans.slice(0, LIST_FACTS).map((v) => [String(v.vid), String(v.name)]);
    },
  },
  {
    id: 14,
    label: 'objects of tenant T',
    ask: (s) => `What objects does tenant ${s.tenant} have?`,
    ours: (s) => [{ tool: 'netbox_related_objects', args: { object_type: 'tenancy.tenant', object: s.tenant } }],
    facts: async (api, s) => {
      const tenant = (await api.get<ApiPage>('/api/tenancy/tenants/', { name: s.tenant, limit: 1 })).results[0]!;
      // Every kind of object the tenant has, with how many: the counts NetBox keeps on the tenant itself.
      const counts: [string, string][] = [
        ['device_count', 'dcim.device'],
        ['site_count', 'dcim.site'],
        ['rack_count', 'dcim.rack'],
        ['prefix_count', 'ipam.prefix'],
        ['ipaddress_count', 'ipam.ipaddress'],
        ['vlan_count', 'ipam.vlan'],
        ['vrf_count', 'ipam.vrf'],
        ['circuit_count', 'circuits.circuit'],
        ['cluster_count', 'virtualization.cluster'],
        ['virtualmachine_count', 'virtualization.virtualmachine'],
      ];
      return counts.filter(([field]) => Number(tenant[field]) > 0).map(([field, type]) => [type, String(tenant[field])]);
    },
  },
  {
    id: 15,
    label: 'what is in rack R',
    ask: (s) => `What is in rack ${s.rack} at ${s.site}?`,
    ours: (s) => [{ tool: 'netbox_get_objects', args: { object_type: 'dcim.device', filters: { site: s.site, rack: s.rack } } }],
    facts: async (api, s) => {
      const rack = (await api.get<ApiPage>('/api/dcim/racks/', { site_id: await siteId(api, s.site), name: s.rack, limit: 1 })).results[0]!;
      return names(await api.all('/api/dcim/devices/', { rack_id: Number(rack.id), fields: 'name' }));
    },
  },
];

type Segment = [Row[], Row | [], Row[]];

/** `device port` of a port NetBox nests (a circuit termination as its circuit ID). */
const portFact = (port: Row): Fact => (port.circuit ? [nameOf(port.circuit)] : port.device ? [nameOf(port.device), String(port.name)] : [nameOf(port)]);

async function deviceId(api: SandboxApi, name: string): Promise<number> {
  return Number((await api.get<ApiPage>('/api/dcim/devices/', { name, limit: 1 })).results[0]?.id);
}

/** Every cabled port of a device with the device at its far end (or its cable's), from the REST API. */
async function cabledPorts(api: SandboxApi, device: string): Promise<Fact[]> {
  const facts: Fact[] = [];
  for (const path of ['/api/dcim/interfaces/', '/api/dcim/console-ports/', '/api/dcim/console-server-ports/', '/api/dcim/power-ports/', '/api/dcim/power-outlets/']) {
    for (const port of await api.all<Row>(path, { device, cabled: true, fields: 'name,link_peers,connected_endpoints' })) {
      const end = ((port.connected_endpoints as Row[] | null) ?? [])[0] ?? ((port.link_peers as Row[]) ?? [])[0];
      facts.push(end?.device ? [String(port.name), nameOf(end.device)] : [String(port.name)]);
    }
  }
  return facts;
}

/** Issue 13's questions: cable paths, free resources, neighbors and impact. */
export const PATH_AND_RESOURCE_QUESTIONS: readonly BenchQuestion[] = [
  {
    id: 16,
    label: 'trace cable through panels',
    ask: (s) => `Where does the cable from ${s.uplink.device} ${s.uplink.port} go?`,
    ours: (s) => [{ tool: 'netbox_trace_cable', args: { device: s.uplink.device, port: s.uplink.port } }],
    facts: async (api, s) => {
      const port = (await api.get<ApiPage>('/api/dcim/interfaces/', { device: s.uplink.device, name: s.uplink.port, limit: 1 })).results[0]!;
      const segments = await api.get<Segment[]>(`/api/dcim/interfaces/${String(port.id)}/trace/`);
      // Each hop: where it starts and where it lands, on one line.
      return segments.map(([near, , far]) => [...portFact(near[0]!), ...(far[0] ? portFact(far[0]) : [])]);
    },
  },
  {
    id: 17,
    label: 'next free IPs in prefix',
    ask: (s) => `What are the next free IP addresses in ${s.ipPrefix}?`,
    ours: (s) => [{ tool: 'netbox_available', args: { kind: 'ip', within: s.ipPrefix, vrf: 'global' } }],
    facts: async (api, s) => {
      const prefix = (await api.get<ApiPage>('/api/ipam/prefixes/', { prefix: s.ipPrefix, vrf_id: 'null', limit: 1 })).results[0]!;
      const free = await api.get<Row[]>(`/api/ipam/prefixes/${String(prefix.id)}/available-ips/`, { limit: 10 });
      return free.length ? [free.map((f) => String(f.address))] : [['No free IP']];
    },
  },
  {
    id: 18,
    label: 'free VLAN IDs in group',
    ask: (s) => `Which VLAN IDs are free in VLAN group ${s.vlanGroup}?`,
    ours: (s) => [{ tool: 'netbox_available', args: { kind: 'vlan', within: s.vlanGroup } }],
    facts: async (api, s) => {
      const group = (await api.get<ApiPage>('/api/ipam/vlan-groups/', { name: s.vlanGroup, limit: 1 })).results[0]!;
      const free = await api.get<Row[]>(`/api/ipam/vlan-groups/${String(group.id)}/available-vlans/`, { limit: 10 });
      return [free.map((f) => String(f.vid))];
    },
  },
  {
    id: 19,
    label: 'what is D connected to',
    ask: (s) => `What is ${s.device} connected to?`,
    ours: (s) => [{ tool: 'netbox_neighbors', args: { device: s.device } }],
    facts: (api, s) => cabledPorts(api, s.device),
  },
  {
    id: 20,
    label: 'impact of taking D down',
    ask: (s) => `What is affected if I take ${s.device} down?`,
    ours: (s) => [{ tool: 'netbox_impact', args: { object_type: 'dcim.device', name: s.device } }],
    facts: async (api, s) => {
      const id = await deviceId(api, s.device);
      const ports = await api.all<Row>('/api/dcim/interfaces/', { device_id: id, cabled: true, fields: 'link_peers' });
      const circuits = new Set(ports.flatMap((p) => ((p.link_peers as Row[]) ?? []).flatMap((peer) => (peer.circuit ? [nameOf(peer.circuit)] : []))));
      const ips = await api.get<ApiPage>('/api/ipam/ip-addresses/', { device_id: id, limit: 1 });
      return [...[...circuits].slice(0, 5).map((c) => [c]), ...(ips.count ? [['IP addresses', String(ips.count)]] : [])];
    },
  },
  {
    id: 21,
    label: 'impact of circuit C down',
    ask: (s) => `What depends on circuit ${s.circuit}?`,
    ours: (s) => [{ tool: 'netbox_impact', args: { object_type: 'circuits.circuit', name: s.circuit } }],
    facts: async (api, s) => {
      const circuit = (await api.get<ApiPage>('/api/circuits/circuits/', { cid: s.circuit, limit: 1 })).results[0]!;
      const ends = await api.all<Row>('/api/circuits/circuit-terminations/', { circuit_id: Number(circuit.id), fields: 'link_peers' });
      const ports = ends.flatMap((t) => ((t.link_peers as Row[]) ?? []).filter((p) => p.device));
      return [ports.map((p) => `${nameOf(p.device)} ${String(p.name)}`), ...ports.map((p) => [nameOf(p.device)])];
    },
  },
];

/** A fact's part as a whole token: `4` must not match inside `EX4300`, nor `10.1.0.1` inside `10.1.0.10`. */
function token(part: string): RegExp {
  return new RegExp(`(?<![\\w.-])${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'i');
}

/** The facts no single line of `text` holds (every part of a fact on one line, as a whole token, any case). */
export function missingFacts(text: string, facts: readonly Fact[]): Fact[] {
  const lines = text.split('\n');
  return facts.filter((fact) => {
    const parts = fact.map(token);
    return !lines.some((line) => parts.every((part) => part.test(line)));
  });
}

/** Every question of the benchmark: issue 3's fifteen, then issue 13's. */
export const QUESTIONS: readonly BenchQuestion[] = [...BASE_QUESTIONS, ...PATH_AND_RESOURCE_QUESTIONS];
