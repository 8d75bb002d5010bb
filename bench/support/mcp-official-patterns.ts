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
};
