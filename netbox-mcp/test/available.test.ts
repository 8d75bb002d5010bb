import { describe, expect, it } from 'vitest';
import { AvailableDataSchema } from '../src/result/tool-data.ts';
import { useMcp, type ToolCall } from './support/mcp-harness.ts';

const mcp = useMcp();

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };

const api = <T = Page>(path: string): Promise<T> => mcp.api<T>(path);

function availableData(call: ToolCall) {
  expect(call.isError, call.text).toBe(false);
  return AvailableDataSchema.parse(call.meta.data);
}

/** The line of values the result lists. */
const valuesLine = (text: string): string[] => text.split('\n')[1]!.split(', ');

describe('netbox_available', () => {
  it('lists the next free IPs of a prefix as NetBox’s available-ips does, with what is recorded', async () => {
    const prefix = (await api('/api/ipam/prefixes/?prefix=10.1.3.0/26')).results[0]!;
    const free = await api<Json[]>(`/api/ipam/prefixes/${String(prefix.id)}/available-ips/?limit=10`);
    const recorded = await api(`/api/ipam/ip-addresses/?parent=10.1.3.0/26&vrf_id=null&limit=1`);
    const r = await mcp.call('netbox_available', { kind: 'ip', within: '10.1.3.0/26' });
    const data = availableData(r);
    expect(data.values).toEqual(free.map((f) => f.address));
    expect(valuesLine(r.text)).toEqual(free.map((f) => String(f.address)));
    expect(r.text.split('\n')[0]).toMatch(new RegExp(`^(First|All) ${free.length} free IP addresses in prefix 10\\.1\\.3\\.0/26 \\(VRF global\\) · 62 usable addresses, ${recorded.count} IP addresses recorded · NetBox: .*/ipam/prefixes/${String(prefix.id)}/ip-addresses/$`));
    expect(data).toMatchObject({ resource: 'ip', parent: { type: 'ipam.prefix', id: prefix.id }, size: '62', used: recorded.count });
    expect(r.meta.queries).toContain(`/api/ipam/prefixes/${String(prefix.id)}/available-ips/?limit=11`);
    expect(r.text).toContain("(NetBox's available-ips, read only: nothing is reserved.)");
  });

  it('asks for the VRF when a prefix exists in several, and takes it by name', async () => {
    const copies = await api('/api/ipam/prefixes/?prefix=10.250.0.0/24');
    expect(copies.count).toBeGreaterThan(1);
    const ambiguous = await mcp.call('netbox_available', { kind: 'ip', within: '10.250.0.0/24' });
    expect(ambiguous.isError).toBe(true);
    expect(ambiguous.text).toMatch(new RegExp(`^AMBIGUOUS_NAME: 10\\.250\\.0\\.0/24 exists in ${copies.count} VRFs`));
    const one = copies.results[0]!;
    const vrf = String((one.vrf as Json).name);
    const free = await api<Json[]>(`/api/ipam/prefixes/${String(one.id)}/available-ips/?limit=5`);
    const r = await mcp.call('netbox_available', { kind: 'ip', within: '10.250.0.0/24', vrf, limit: 5 });
    expect(availableData(r).values).toEqual(free.map((f) => f.address));
    expect(r.text).toContain(`(VRF ${vrf})`);
  });

  it('lists free IPs of an IP range given as start-end', async () => {
    const range = (await api('/api/ipam/ip-ranges/?family=4&limit=1')).results[0]!;
    const [start, end] = [String(range.start_address).split('/')[0], String(range.end_address).split('/')[0]];
    const free = await api<Json[]>(`/api/ipam/ip-ranges/${String(range.id)}/available-ips/?limit=10`);
    const r = await mcp.call('netbox_available', { kind: 'ip', within: `${start}-${end}`, vrf: range.vrf ? String((range.vrf as Json).name) : 'global' });
    expect(availableData(r).values).toEqual(free.map((f) => f.address));
    expect(r.text.split('\n')[0]).toContain(`IP range ${String(range.start_address)}–${String(range.end_address)}`);
  });

  it('lists free space as NetBox’s available-prefixes blocks, and the free /24s with how many there are', async () => {
    const prefix = (await api('/api/ipam/prefixes/?prefix=10.1.0.0/16&vrf_id=null')).results[0]!;
    const blocks = await api<Json[]>(`/api/ipam/prefixes/${String(prefix.id)}/available-prefixes/`);
    const all = await mcp.call('netbox_available', { kind: 'prefix', within: '10.1.0.0/16' });
    expect(availableData(all).values).toEqual(blocks.slice(0, 50).map((b) => b.prefix));
    const sizes = blocks.map((b) => 2 ** (32 - Number(String(b.prefix).split('/')[1])));
    expect(all.text.split('\n')[0]).toMatch(new RegExp(`^${sizes.reduce((a, b) => a + b, 0)} free addresses as ${blocks.length} blocks in prefix 10\\.1\\.0\\.0/16`));

    // Every /24 inside the free blocks, in order: what NetBox's next-available-prefix logic would hand out.
    const slash24: string[] = [];
    for (const b of blocks) {
      const [net, len] = String(b.prefix).split('/');
      if (Number(len) > 24) continue;
      const base = net!.split('.').map(Number);
      for (let i = 0; i < 2 ** (24 - Number(len)); i++) slash24.push(`${base[0]}.${base[1]}.${base[2]! + i}.0/24`);
    }
    const r = await mcp.call('netbox_available', { kind: 'prefix', within: '10.1.0.0/16', prefix_length: 24, limit: 5 });
    const data = availableData(r);
    expect(data.values).toEqual(slash24.slice(0, 5));
    expect(data.freeOfLength).toBe(String(slash24.length));
    expect(r.text.split('\n')[0]).toMatch(new RegExp(`^First 5 of ${slash24.length} free /24 in prefix 10\\.1\\.0\\.0/16`));
    const tooBig = await mcp.call('netbox_available', { kind: 'prefix', within: '10.1.0.0/16', prefix_length: 8 });
    expect(tooBig.text).toMatch(/^INVALID_ARGUMENT: prefix_length 8 does not fit in 10\.1\.0\.0\/16: give 16–32/);
  });

  it('lists free VLAN IDs of a VLAN group, found by its name or by its site', async () => {
    const group = (await api('/api/ipam/vlan-groups/?limit=1')).results[0]!;
    const free = await api<Json[]>(`/api/ipam/vlan-groups/${String(group.id)}/available-vlans/?limit=10`);
    const byName = await mcp.call('netbox_available', { kind: 'vlan', within: group.name });
    expect(availableData(byName).values).toEqual(free.map((f) => String(f.vid)));
    expect(byName.text.split('\n')[0]).toContain(`in VLAN group ${String(group.name)} · ${String(group.total_vlan_ids)} VIDs`);
    const site = (group.scope as Json).name;
    const bySite = await mcp.call('netbox_available', { kind: 'vlan', within: site });
    expect(availableData(bySite).values).toEqual(free.map((f) => String(f.vid)));
  });

  it('lists free ASNs of an ASN range with how many it has in use', async () => {
    const range = (await api('/api/ipam/asn-ranges/?name=Site routing domains')).results[0]!;
    const free = await api<Json[]>(`/api/ipam/asn-ranges/${String(range.id)}/available-asns/?limit=10`);
    const r = await mcp.call('netbox_available', { kind: 'asn', within: 'Site routing domains' });
    const data = availableData(r);
    expect(data.values).toEqual(free.map((f) => String(f.asn)));
    expect(data.used).toBe(range.asn_count);
    expect(r.text.split('\n')[0]).toContain(`(${String(range.start)}–${String(range.end)}) · ${Number(range.end) - Number(range.start) + 1} ASNs, ${String(range.asn_count)} ASNs recorded`);
  });

  it('names what does not exist, and the prefixes that would do', async () => {
    const r = await mcp.call('netbox_available', { kind: 'ip', within: '10.1.3.0/24' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^OBJECT_NOT_FOUND: NetBox has no prefix 10\.1\.3\.0\/24\.\nHint: Prefixes that contain it: 10\.1\.0\.0\/20 \(VRF global\), 10\.1\.0\.0\/16 \(VRF global\)/);
    const bad = await mcp.call('netbox_available', { kind: 'vlan', within: 'No Such Group' });
    expect(bad.text).toMatch(/^OBJECT_NOT_FOUND: No ipam\.vlangroup is named 'No Such Group'/);
  });
});
