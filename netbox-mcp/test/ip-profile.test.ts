import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();

interface Page<T> {
  count: number;
  results: T[];
}
interface Named {
  id: number;
  name: string;
}
interface IpRow {
  id: number;
  address: string;
  dns_name: string;
  vrf: Named | null;
  status: { value: string };
  tenant: Named | null;
  assigned_object_type: string | null;
  assigned_object: { id: number; name: string; device?: Named; virtual_machine?: Named } | null;
}
interface PrefixRow {
  id: number;
  prefix: string;
  vrf: Named | null;
  vlan: Named | null;
}
interface RangeRow {
  id: number;
  start_address: string;
  end_address: string;
  vrf: Named | null;
  mark_utilized: boolean;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${mcp.sandbox.url}${path}`, { headers: { authorization: `Token ${mcp.sandbox.token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
const host = (address: string): string => address.split('/')[0]!;
const maskOf = (address: string): number => Number(address.split('/')[1]);

/** Rows of the containing-prefix table, in the order shown. */
function prefixIds(text: string): number[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('id | prefix'));
  if (at < 0) return [];
  const ids: number[] = [];
  for (const line of lines.slice(at + 1)) {
    const m = /^(\d+) \| /.exec(line);
    if (!m) break;
    ids.push(Number(m[1]));
  }
  return ids;
}

async function containing(address: string, vrf?: number): Promise<PrefixRow[]> {
  const page = await api<Page<PrefixRow>>(`/api/ipam/prefixes/?contains=${address}${vrf ? `&vrf_id=${vrf}` : ''}&limit=1000`);
  return page.results.sort((a, b) => maskOf(b.prefix) - maskOf(a.prefix) || (a.vrf?.id ?? 0) - (b.vrf?.id ?? 0));
}

describe('netbox_ip_profile', () => {
  it("answers 'what is IP a.b.c.d' for a device's IP in one call: record, device, site, prefixes", async () => {
    const device = (await api<Page<{ id: number; name: string; site: Named; oob_ip: { id: number; address: string } }>>('/api/dcim/devices/?name=chi-dc1-cr01&exclude=config_context')).results[0]!;
    const ip = await api<IpRow>(`/api/ipam/ip-addresses/${device.oob_ip.id}/`);
    const address = host(ip.address);
    const r = await mcp.call('netbox_ip_profile', { address: `${address}/${maskOf(ip.address) === 24 ? 25 : 24}` });
    expect(r.isError, r.text).toBe(false);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe(`${address}: 1 IP address record in any VRF`);
    expect(lines[1]).toContain(`#${ip.id} ${ip.address} (recorded with /${maskOf(ip.address)}, you gave /`);
    expect(lines[1]).toContain(`status: ${ip.status.value}`);
    expect(lines[1]).toContain(`dns: ${ip.dns_name}`);
    expect(lines[1]).toContain(`tenant: ${ip.tenant!.name}`);
    expect(lines[1]).toContain(`assigned: ${device.name} ${ip.assigned_object!.name} (interface; site ${device.site.name})`);
    expect(lines[1]).toContain(`NetBox: ${mcp.sandbox.url}/ipam/ip-addresses/${ip.id}/`);

    const prefixes = await containing(address);
    expect(prefixes.length).toBeGreaterThan(1);
    expect(r.text).toContain(`Containing prefixes in its VRF, most specific first (${prefixes.length}):`);
    expect(prefixIds(r.text)).toEqual(prefixes.map((p) => p.id));
    const first = r.text.split('\n').find((l) => l.startsWith(`${prefixes[0]!.id} | ${prefixes[0]!.prefix} | `))!;
    if (prefixes[0]!.vlan) expect(first).toContain(` | ${prefixes[0]!.vlan.name} | `);
    expect(r.meta.links?.objects?.[`ipam.ipaddress:${ip.id}`]).toBe(`${mcp.sandbox.url}/ipam/ip-addresses/${ip.id}/`);
    expect(r.meta.queries?.[0]).toBe(`/api/ipam/ip-addresses/?address=${address}&limit=100`);
  });

  it('shows every record of a host used in several VRFs, with VM, cluster and site; a VRF narrows it', async () => {
    const ips = (await api<Page<IpRow>>('/api/ipam/ip-addresses/?limit=1000')).results;
    const counts = new Map<string, IpRow[]>();
    for (const ip of ips) counts.set(host(ip.address), [...(counts.get(host(ip.address)) ?? []), ip]);
    const [address, records] = [...counts.entries()].find(([, list]) => list.length > 1 && list.every((x) => x.assigned_object?.virtual_machine))!;
    const r = await mcp.call('netbox_ip_profile', { address });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`${address}: ${records.length} IP address records in any VRF`);
    for (const rec of records) {
      const vm = await api<{ name: string; cluster: Named; site: Named }>(`/api/virtualization/virtual-machines/${rec.assigned_object!.virtual_machine!.id}/`);
      const line = r.text.split('\n').find((l) => l.startsWith(`#${rec.id} `))!;
      expect(line).toContain(`vrf: ${rec.vrf!.name}`);
      expect(line).toContain(`assigned: VM ${vm.name} ${rec.assigned_object!.name} (vminterface; cluster ${vm.cluster.name}; site ${vm.site.name})`);
    }
    const chosen = records[1]!;
    const narrowed = await mcp.call('netbox_ip_profile', { address, vrf: chosen.vrf!.name });
    expect(narrowed.text.split('\n')[0]).toMatch(new RegExp(`^${address.replace(/\./g, '\\.')}: 1 IP address record in VRF ${chosen.vrf!.name}`));
    expect(narrowed.text).toContain(`#${chosen.id} `);
    expect(prefixIds(narrowed.text)).toEqual((await containing(address, chosen.vrf!.id)).map((p) => p.id));
  });

  it("shows as parents only the prefixes of the IP's own VRF, as NetBox does, and counts the others apart", async () => {
    const ips = (await api<Page<IpRow>>('/api/ipam/ip-addresses/?family=4&limit=1000')).results;
    let checked = 0;
    for (const ip of ips) {
      const address = host(ip.address);
      const all = await containing(address);
      const records = ips.filter((x) => host(x.address) === address);
      const vrfs = new Set(records.map((x) => x.vrf?.id ?? null));
      const own = all.filter((p) => vrfs.has(p.vrf?.id ?? null));
      if (own.length === all.length) continue;
      const r = await mcp.call('netbox_ip_profile', { address });
      expect(r.isError, r.text).toBe(false);
      expect(prefixIds(r.text), address).toEqual(own.map((p) => p.id));
      const others = all.length - own.length;
      expect(r.text).toContain(`${others} prefix${others === 1 ? ' of another VRF also contains' : 'es of other VRFs also contain'} ${address} (not its parents).`);
      if (++checked >= 3) break;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('says plainly when an IP is not recorded, and still shows its prefixes and IP range', async () => {
    const ranges = (await api<Page<RangeRow>>('/api/ipam/ip-ranges/?limit=1000')).results;
    const range = ranges.find((x) => x.mark_utilized && !x.vrf)!;
    const start = host(range.start_address).split('.').map(Number);
    const candidate = [...start.slice(0, 3), start[3]! + 7].join('.');
    expect((await api<Page<IpRow>>(`/api/ipam/ip-addresses/?address=${candidate}`)).count).toBe(0);
    const r = await mcp.call('netbox_ip_profile', { address: candidate });
    expect(r.isError).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`${candidate} is not recorded in NetBox as an IP address (in any VRF, any mask).`);
    expect(prefixIds(r.text)).toEqual((await containing(candidate)).map((p) => p.id));
    expect(r.text).toContain(`In IP range #${range.id} ${range.start_address} – ${range.end_address} (VRF global, `);
    expect(r.text).toContain('marked utilized');
    expect(r.meta.rows).toBe(0);
  });

  it('says when no prefix contains the address either', async () => {
    expect((await api<Page<PrefixRow>>('/api/ipam/prefixes/?contains=192.0.2.1')).count).toBe(0);
    const r = await mcp.call('netbox_ip_profile', { address: '192.0.2.1' });
    expect(r.text).toContain('192.0.2.1 is not recorded in NetBox as an IP address');
    expect(r.text).toContain('No prefix contains 192.0.2.1.');
  });

  it('finds IPv6 addresses written in any form', async () => {
    const v6 = (await api<Page<IpRow>>('/api/ipam/ip-addresses/?family=6&limit=1')).results[0]!;
    const compact = host(v6.address);
    const groups = compact.split('::');
    const full = `${groups[0]}:${Array(8 - groups[0]!.split(':').length - (groups[1] ? groups[1].split(':').length : 0)).fill('0000').join(':')}${groups[1] ? `:${groups[1]}` : ''}`;
    for (const form of [compact, full.toUpperCase(), v6.address]) {
      const r = await mcp.call('netbox_ip_profile', { address: form });
      expect(r.isError, form).toBe(false);
      expect(r.text.split('\n')[0], form).toBe(`${compact}: 1 IP address record in any VRF`);
      expect(r.text).toContain(`#${v6.id} ${v6.address}`);
    }
  });

  it('rejects what is not an address, and an unknown VRF', async () => {
    const bad = await mcp.call('netbox_ip_profile', { address: 'core-router' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^INVALID_ARGUMENT: 'core-router' is not an IPv4 or IPv6 address/);
    const mask = await mcp.call('netbox_ip_profile', { address: '10.0.0.1/40' });
    expect(mask.text).toMatch(/^INVALID_ARGUMENT/);
    const vrf = await mcp.call('netbox_ip_profile', { address: '10.0.0.1', vrf: 'NO-SUCH-VRF' });
    expect(vrf.isError).toBe(true);
    expect(vrf.text).toMatch(/^OBJECT_NOT_FOUND: No ipam.vrf is named 'NO-SUCH-VRF'/);
  });
});
