import { describe, expect, it } from 'vitest';
import { DEMO_DUMP, demoDataset } from '../../netbox-sandbox/test/support/test-sandbox.ts';
import { AvailableDataSchema, CableTraceDataSchema, ImpactDataSchema, NeighborsDataSchema } from '../src/result/tool-data.ts';
import { useMcp } from './support/mcp-harness.ts';

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };
type Segment = [Json[], Json | [], Json[]];

/**
 * The tools over NetBox's own demo data, a pg_dump no one here wrote: the findings were made on it,
 * and its cabling (patch panels, circuits into provider networks) differs from the generated data's.
 */
describe.skipIf(!DEMO_DUMP)("the tools over NetBox's demo dump", () => {
  const mcp = useMcp(async () => ({ dataset: await demoDataset() }));
  const api = <T = Page>(path: string): Promise<T> => mcp.api<T>(path);

  it('shows the platform, primary IP and serial of dmi01-akron-rtr01, the empty ones as "—"', async () => {
    const device = (await api('/api/dcim/devices/?name=dmi01-akron-rtr01')).results[0]!;
    expect(device.serial).toBe('');
    expect(device.primary_ip).toBeNull();
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { name: 'dmi01-akron-rtr01' }, fields: ['platform', 'primary_ip', 'serial'] });
    expect(r.text).toContain(`\nid | platform | primary_ip | serial\n${String(device.id)} | ${String((device.platform as Json).name)} | — | —`);
    const one = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: device.id, fields: ['platform', 'primary_ip', 'serial'] });
    expect(one.text.split('\n').slice(1)).toEqual([`platform: ${String((device.platform as Json).name)}`, 'primary_ip: —', 'serial: —']);
  });

  it('does not list a prefix of VRF Shared as a parent of a global address', async () => {
    const vrf = (await api('/api/ipam/vrfs/?name=Shared')).results[0]!;
    const shared = (await api(`/api/ipam/prefixes/?vrf_id=${String(vrf.id)}&limit=100`)).results;
    const ip = (await api('/api/ipam/ip-addresses/?vrf_id=null&parent=192.168.0.0/20&limit=1')).results[0]!;
    expect(shared.some((p) => String(p.prefix) === '192.168.0.0/20')).toBe(true);
    const address = String(ip.address).split('/')[0]!;
    const r = await mcp.call('netbox_ip_profile', { address });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).not.toMatch(/\| 192\.168\.0\.0\/20 \| Shared \|/);
    expect(r.text).toMatch(/prefix(es)? of (another VRF|other VRFs) also contains? /);
  });

  it('asks for the id of a device name three devices share, without a site filter the tool does not have', async () => {
    const r = await mcp.call('netbox_device_profile', { device: 'PP:MDF' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^AMBIGUOUS_NAME: 'PP:MDF' matches 3 dcim\.device objects/);
    expect(r.text).toMatch(/Hint: Call again with the id of the one you mean, e\.g\. device: \d+\.$/);
  });

  it('traces a path through two patch panels and a circuit, hop for hop as NetBox’s trace', async () => {
    const ports = await api('/api/dcim/interfaces/?cabled=true&limit=1000');
    const start = ports.results.find((i) => i.link_peers_type === 'dcim.frontport' && i.connected_endpoints)!;
    const expected = await api<Segment[]>(`/api/dcim/interfaces/${String(start.id)}/trace/`);
    expect(expected.length).toBeGreaterThan(2);
    const r = await mcp.call('netbox_trace_cable', { device: (start.device as Json).name, port: start.name });
    const data = CableTraceDataSchema.parse(r.meta.data);
    expect(data.paths[0]!.hops.map((h) => [h.near.map((n) => n.id), h.cable?.id ?? null, h.far.map((n) => n.id)])).toEqual(
      expected.map(([near, cable, far]) => [near.map((n) => n.id), Array.isArray(cable) ? null : cable.id, far.map((n) => n.id)]),
    );
    expect(data.paths[0]!.complete).toBe(true);
    expect(r.text).toContain(`Far end: ${String(((start.connected_endpoints as Json[])[0]!.device as Json).name)} ${String((start.connected_endpoints as Json[])[0]!.name)}.`);
  });

  it('names a router’s neighbors, the circuit into a provider network, and what depends on it', async () => {
    const n = await mcp.call('netbox_neighbors', { device: 'dmi01-akron-rtr01' });
    const links = NeighborsDataSchema.parse(n.meta.data).links;
    expect(links.some((l) => l.circuit && l.to?.type === 'circuits.providernetwork')).toBe(true);
    const ifaces = await api('/api/dcim/interfaces/?device=dmi01-akron-rtr01&cabled=true');
    expect(links.filter((l) => l.from.type === 'dcim.interface')).toHaveLength(ifaces.count);
    const i = ImpactDataSchema.parse((await mcp.call('netbox_impact', { object_type: 'dcim.device', name: 'dmi01-akron-rtr01' })).meta.data);
    expect(i.groups.find((g) => g.key === 'circuits')!.count).toBe(new Set(links.flatMap((l) => (l.circuit ? [l.circuit.id] : []))).size);
  });

  it('lists free VLAN IDs and free IPs as the demo NetBox’s available-* endpoints', async () => {
    const group = (await api('/api/ipam/vlan-groups/?name=JBB104')).results[0]!;
    const vids = await api<Json[]>(`/api/ipam/vlan-groups/${String(group.id)}/available-vlans/?limit=20`);
    const v = await mcp.call('netbox_available', { kind: 'vlan', within: 'JBB104', limit: 20 });
    expect(AvailableDataSchema.parse(v.meta.data).values).toEqual(vids.map((x) => String(x.vid)));
    const prefix = (await api('/api/ipam/prefixes/?prefix=192.168.0.0/22&vrf_id=null')).results[0]!;
    const ips = await api<Json[]>(`/api/ipam/prefixes/${String(prefix.id)}/available-ips/?limit=10`);
    const r = await mcp.call('netbox_available', { kind: 'ip', within: '192.168.0.0/22', vrf: 'global' });
    expect(AvailableDataSchema.parse(r.meta.data).values).toEqual(ips.map((x) => x.address));
  });

});
