import { formatNet4, parseNet4 } from './mcp-ipv4.ts';
import { OFFICIAL_MAX_LIMIT, type OfficialSession } from './mcp-official-session.ts';
import type { Subjects } from './mcp-subjects.ts';

type Row = Record<string, unknown>;
type Pattern = (off: OfficialSession, s: Subjects) => Promise<void>;

/** Types a model tries for a tag, since NetBox has no "everything tagged T" endpoint: the official search defaults plus prefixes and tenants. */
const TAGGABLE: readonly [string, readonly string[]][] = [
  ['dcim.device', ['id', 'name']],
  ['dcim.site', ['id', 'name']],
  ['ipam.ipaddress', ['id', 'address']],
  ['dcim.interface', ['id', 'name', 'device']],
  ['dcim.rack', ['id', 'name', 'site']],
  ['ipam.vlan', ['id', 'vid', 'name']],
  ['circuits.circuit', ['id', 'cid']],
  ['virtualization.virtualmachine', ['id', 'name']],
  ['ipam.prefix', ['id', 'prefix']],
  ['tenancy.tenant', ['id', 'name']],
];

/** The tenant's own `<type>_count` fields, and how a model lists each kind it has. */
const TENANT_KINDS: readonly [string, string, readonly string[]][] = [
  ['site_count', 'dcim.site', ['id', 'name']],
  ['rack_count', 'dcim.rack', ['id', 'name', 'site']],
  ['device_count', 'dcim.device', ['id', 'name', 'site']],
  ['prefix_count', 'ipam.prefix', ['id', 'prefix']],
  ['ipaddress_count', 'ipam.ipaddress', ['id', 'address']],
  ['vlan_count', 'ipam.vlan', ['id', 'vid', 'name']],
  ['vrf_count', 'ipam.vrf', ['id', 'name']],
  ['circuit_count', 'circuits.circuit', ['id', 'cid']],
  ['cluster_count', 'virtualization.cluster', ['id', 'name']],
  ['virtualmachine_count', 'virtualization.virtualmachine', ['id', 'name']],
];

/** Port types a trace walks through, by their `link_peers_type`. */
const PORT_TYPES: Readonly<Record<string, string>> = {
  'dcim.interface': 'dcim.interface',
  'dcim.frontport': 'dcim.frontport',
  'dcim.rearport': 'dcim.rearport',
  'circuits.circuittermination': 'circuits.circuittermination',
};

/**
 * The official server has no trace tool: follow the cable hop by hop. A port's cable leads to its link peer; a
 * front port to the rear port it maps to, whose cable leads to the far rear port, which maps back to a front
 * port at the same position; a circuit termination to the other side's. One call per object on the way.
 */
async function walkCable(off: OfficialSession, device: string, port: string): Promise<void> {
  const start = (await off.getObjects<Row>('dcim.interface', { device, name: port }, { fields: ['id', 'name', 'cable', 'link_peers', 'link_peers_type'] })).results[0];
  let peer = (start?.link_peers as Row[] | undefined)?.[0];
  let peerType = String(start?.link_peers_type ?? '');
  let position = 1;
  for (let hops = 0; peer && hops < 12 && peerType !== 'dcim.interface'; hops++) {
    const type = PORT_TYPES[peerType];
    if (!type) return;
    if (type === 'dcim.frontport') {
      const front = (await off.getObjects<Row>(type, { id: Number(peer.id) }, { fields: ['id', 'name', 'device', 'rear_ports'] })).results[0];
      const mapping = (front?.rear_ports as Row[] | undefined)?.[0];
      if (!mapping) return;
      position = Number(mapping.rear_port_position ?? 1);
      const rear = (await off.getObjects<Row>('dcim.rearport', { id: Number(mapping.rear_port) }, { fields: ['id', 'name', 'device', 'cable', 'link_peers', 'link_peers_type'] })).results[0];
      peer = (rear?.link_peers as Row[] | undefined)?.[0];
      peerType = String(rear?.link_peers_type ?? '');
    } else if (type === 'dcim.rearport') {
      const rear = (await off.getObjects<Row>(type, { id: Number(peer.id) }, { fields: ['id', 'name', 'device', 'front_ports'] })).results[0];
      const mapping = ((rear?.front_ports as Row[] | undefined) ?? []).find((m) => Number(m.position) === position);
      if (!mapping) return;
      const front = (await off.getObjects<Row>('dcim.frontport', { id: Number(mapping.front_port) }, { fields: ['id', 'name', 'device', 'cable', 'link_peers', 'link_peers_type'] })).results[0];
      peer = (front?.link_peers as Row[] | undefined)?.[0];
      peerType = String(front?.link_peers_type ?? '');
    } else {
      const circuit = (peer.circuit as Row | undefined)?.id;
      const ends = await off.getObjects<Row>(type, { circuit_id: Number(circuit) }, { fields: ['id', 'term_side', 'termination', 'cable', 'link_peers', 'link_peers_type'] });
      const far = ends.results.find((t) => t.id !== peer!.id);
      peer = (far?.link_peers as Row[] | undefined)?.[0];
      peerType = String(far?.link_peers_type ?? '');
    }
  }
}

/**
 * How a model answers each question with the official server's tools, following its descriptions: look a name
 * up to get its id, then filter by `<x>_id`; ask for the `fields` it needs; page by 100 until `next` is null;
 * aggregate and join client-side (it has no count, no multi-hop filter, no profile).
 */
export const OFFICIAL_PATTERNS: Readonly<Record<number, Pattern>> = {
  // Site name → id, then the site's devices (its description's own two-step example).
  1: async (off, s) => {
    const site = await off.idOf('dcim.site', { name: s.site });
    await off.getAll('dcim.device', { site_id: site }, ['id', 'name', 'status', 'role', 'device_type']);
  },
  // No count tool: page through the active devices with only their site and tally per site (here cheaper than
  // listing sites and asking one count per site, which takes 1 + N calls).
  2: async (off) => {
    await off.getAll('dcim.device', { status: 'active' }, ['id', 'site']);
  },
  // The IP's full record (assignment, VRF, DNS), then the prefixes that contain it for VLAN and site.
  3: async (off, s) => {
    await off.getObjects('ipam.ipaddress', { address: s.ip });
    await off.getObjects('ipam.prefix', { contains: s.ip }, { fields: ['id', 'prefix', 'status', 'vrf', 'scope', 'vlan', 'tenant'], limit: 10 });
  },
  // Interfaces take the device NAME directly; the `cable` field tells the cabled from the bare ones.
  4: async (off, s) => {
    await off.getAll('dcim.interface', { device: s.device }, ['id', 'name', 'type', 'enabled', 'cable']);
  },
  // No available-prefixes tool: list the children within P and work out the free /24s client-side.
  5: async (off, s) => {
    await off.getAll('ipam.prefix', { within: s.containerPrefix }, ['id', 'prefix', 'status']);
  },
  // NetBox's API has no utilization field: page through all prefixes and all IPs, compute it client-side
  // (fewer calls than one IP count per prefix).
  6: async (off) => {
    await off.getAll('ipam.prefix', {}, ['id', 'prefix', 'status', 'vrf', 'mark_utilized']);
    await off.getAll('ipam.ipaddress', {}, ['id', 'address', 'vrf']);
  },
  // Cluster name → id, then its VMs with their primary IPs.
  7: async (off, s) => {
    const cluster = await off.idOf('virtualization.cluster', { name: s.cluster });
    await off.getAll('virtualization.virtualmachine', { cluster_id: cluster }, ['id', 'name', 'status', 'primary_ip4', 'primary_ip6']);
  },
  // One filter NetBox has for it.
  8: async (off) => {
    await off.getAll('dcim.device', { has_primary_ip: false }, ['id', 'name', 'site', 'role', 'status']);
  },
  // Its description's own example: by object_repr, with a time window; no limit, full snapshots.
  9: async (off, s) => {
    await off.getChangelogs({ object_repr: s.device, time_after: s.since, time_before: s.until });
  },
  // Tag name → slug and object_types (empty: any type), then the first page of a `tag=` list per common type
  // (the question asks what kinds of things carry the tag, not for every one of them).
  10: async (off, s) => {
    const tag = await off.getObjects('extras.tag', { name: s.tag }, { fields: ['id', 'name', 'slug', 'object_types', 'tagged_items'] });
    const slug = String(tag.results[0]?.slug);
    for (const [type, fields] of TAGGABLE) await off.getObjects(type, { tag: slug }, { fields, limit: OFFICIAL_MAX_LIMIT });
  },
  // Provider name → id, then its circuits; termination_a/z carry where each end lands.
  11: async (off, s) => {
    const provider = await off.idOf('circuits.provider', { name: s.provider });
    await off.getAll('circuits.circuit', { provider_id: provider }, ['id', 'cid', 'status', 'type', 'termination_a', 'termination_z']);
  },
  // Manufacturer name → id, then its devices with their type; grouped client-side.
  12: async (off, s) => {
    const maker = await off.idOf('dcim.manufacturer', { name: s.manufacturer });
    await off.getAll('dcim.device', { manufacturer_id: maker }, ['id', 'name', 'device_type']);
  },
  // Site name → id, then its VLANs.
  13: async (off, s) => {
    const site = await off.idOf('dcim.site', { name: s.site });
    await off.getAll('ipam.vlan', { site_id: site }, ['id', 'vid', 'name', 'status', 'group']);
  },
  // The tenant's full record (its *_count fields say what it has and how much), then the first page of each
  // kind it has.
  14: async (off, s) => {
    const tenant = (await off.getObjects<Row>('tenancy.tenant', { name: s.tenant })).results[0]!;
    for (const [count, type, fields] of TENANT_KINDS) {
      if (Number(tenant[count]) > 0) await off.getObjects(type, { tenant_id: Number(tenant.id) }, { fields, limit: OFFICIAL_MAX_LIMIT });
    }
  },
  // Rack names repeat per site: site name → id, rack by site and name → id, then the rack's devices.
  15: async (off, s) => {
    const site = await off.idOf('dcim.site', { name: s.site });
    const rack = await off.idOf('dcim.rack', { site_id: site, name: s.rack });
    await off.getAll('dcim.device', { rack_id: rack }, ['id', 'name', 'position', 'face', 'device_type', 'role']);
  },
  // No trace tool: follow the cable object by object, through both patch panels.
  16: async (off, s) => walkCable(off, s.uplink.device, s.uplink.port),
  // No availability tool: the prefix, then every IP in it (in its VRF); the gaps are the model's arithmetic.
  17: async (off, s) => {
    await off.getObjects('ipam.prefix', { prefix: s.ipPrefix, vrf_id: 'null' }, { fields: ['id', 'prefix', 'vrf', 'status', 'is_pool'] });
    await off.getAll('ipam.ipaddress', { parent: s.ipPrefix, vrf_id: 'null' }, ['id', 'address']);
  },
  // The group's VID ranges, then every VLAN in it; the free IDs are the model's arithmetic.
  18: async (off, s) => {
    const group = (await off.getObjects<Row>('ipam.vlangroup', { name: s.vlanGroup }, { fields: ['id', 'name', 'vid_ranges'] })).results[0]!;
    await off.getAll('ipam.vlan', { group_id: Number(group.id) }, ['id', 'vid']);
  },
  // Every cabled interface, console port and power port with where it leads.
  19: async (off, s) => {
    const fields = ['id', 'name', 'cable', 'link_peers', 'connected_endpoints'];
    for (const type of ['dcim.interface', 'dcim.consoleport', 'dcim.powerport']) await off.getAll(type, { device: s.device, cabled: true }, fields);
  },
  // The device (cluster, virtual chassis), its cabled interfaces, its IPs, then the prefixes of their networks.
  20: async (off, s) => {
    const device = (await off.getObjects<Row>('dcim.device', { name: s.device }, { fields: ['id', 'name', 'virtual_chassis', 'cluster'] })).results[0]!;
    const id = Number(device.id);
    await off.getAll('dcim.interface', { device_id: id, cabled: true }, ['id', 'name', 'link_peers', 'connected_endpoints']);
    const ips = await off.getAll<Row>('ipam.ipaddress', { device_id: id }, ['id', 'address', 'vrf']);
    const networks = [...new Set(ips.map((ip) => networkOf(String(ip.address))).filter((n): n is string => n !== undefined))];
    if (networks.length) await off.getObjects('ipam.prefix', { prefix: networks }, { fields: ['id', 'prefix', 'vrf'], limit: OFFICIAL_MAX_LIMIT });
    if (device.virtual_chassis) await off.getAll('dcim.device', { virtual_chassis_id: Number((device.virtual_chassis as Row).id) }, ['id', 'name']);
    if (device.cluster) await off.getAll('virtualization.virtualmachine', { cluster_id: Number((device.cluster as Row).id) }, ['id', 'name']);
  },
  // The circuit, its terminations with their cable peers, then what is cabled to each end's device.
  21: async (off, s) => {
    const circuit = await off.getObjects<Row>('circuits.circuit', { cid: s.circuit }, { fields: ['id', 'cid'] });
    const ends = await off.getObjects<Row>('circuits.circuittermination', { circuit_id: Number(circuit.results[0]!.id) }, { fields: ['id', 'term_side', 'termination', 'link_peers'] });
    const devices = new Set(ends.results.flatMap((t) => ((t.link_peers as Row[]) ?? []).flatMap((p) => (p.device ? [Number((p.device as Row).id)] : []))));
    for (const id of devices) await off.getAll('dcim.interface', { device_id: id, cabled: true }, ['id', 'name', 'link_peers', 'connected_endpoints']);
  },
};

/** The network of an IPv4 address with its mask (`10.1.3.5/26` → `10.1.3.0/26`); IPv6 addresses are left out. */
function networkOf(address: string): string | undefined {
  const net = parseNet4(address);
  return net ? formatNet4(net) : undefined;
}
