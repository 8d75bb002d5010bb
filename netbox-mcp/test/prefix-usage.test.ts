import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();
const small = useMcp(undefined, () => ({ limits: { maxResultChars: 1200 } }));

interface Page<T> {
  count: number;
  results: T[];
}
interface Nested {
  id: number;
  name?: string;
}
interface PrefixRow {
  id: number;
  prefix: string;
  vrf: Nested | null;
  status: { value: string };
  is_pool: boolean;
  mark_utilized: boolean;
}
interface IpRow {
  id: number;
  address: string;
  vrf: Nested | null;
}
interface RangeRow {
  id: number;
  start_address: string;
  end_address: string;
  vrf: Nested | null;
  mark_utilized: boolean;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${mcp.sandbox.url}${path}`, { headers: { authorization: `Token ${mcp.sandbox.token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
async function all<T>(path: string): Promise<T[]> {
  const page = await api<Page<T>>(`${path}${path.includes('?') ? '&' : '?'}limit=1000`);
  expect(page.results.length, `${path} fits one page`).toBe(page.count);
  return page.results;
}

// An independent model of NetBox's Prefix.get_utilization, written the plain way (sets of addresses as
// strings, intervals merged by hand), so the tool's index and interval math are checked, not repeated.
function toBig(address: string): { v: 4 | 6; n: bigint; len: number } {
  const [host, mask] = address.split('/') as [string, string | undefined];
  if (host.includes('.') && !host.includes(':')) {
    const n = host.split('.').reduce((acc, octet) => acc * 256n + BigInt(octet), 0n);
    return { v: 4, n, len: mask === undefined ? 32 : Number(mask) };
  }
  const [head, tail = ''] = host.split('::') as [string, string?];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = host.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const n = groups.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n);
  return { v: 6, n, len: mask === undefined ? 128 : Number(mask) };
}
function bounds(prefix: string): { v: 4 | 6; lo: bigint; hi: bigint; size: bigint; len: number } {
  const { v, n, len } = toBig(prefix);
  const size = 2n ** BigInt((v === 4 ? 32 : 128) - len);
  const lo = n - (n % size);
  return { v, lo, hi: lo + size - 1n, size, len };
}
const vrfOf = (row: { vrf: Nested | null }): number | null => row.vrf?.id ?? null;

function expectedUtilization(p: PrefixRow, prefixes: PrefixRow[], ips: IpRow[], ranges: RangeRow[]): number {
  if (p.mark_utilized) return 100;
  const b = bounds(p.prefix);
  if (p.status.value === 'container') {
    const children = prefixes
      .filter((c) => c.id !== p.id && vrfOf(c) === vrfOf(p))
      .map((c) => bounds(c.prefix))
      .filter((c) => c.v === b.v && c.lo >= b.lo && c.hi <= b.hi && !(c.lo === b.lo && c.hi === b.hi))
      .sort((x, y) => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0));
    let covered = 0n;
    let reach = b.lo - 1n;
    for (const c of children) {
      if (c.hi <= reach) continue;
      covered += c.hi - (c.lo > reach ? c.lo : reach + 1n) + 1n;
      reach = c.hi;
    }
    return Math.min((Number(covered) / Number(b.size)) * 100, 100);
  }
  const used = new Set<string>();
  for (const r of ranges) {
    if (!r.mark_utilized || vrfOf(r) !== vrfOf(p)) continue;
    const s = toBig(r.start_address);
    const e = toBig(r.end_address);
    if (s.v !== b.v || s.n < b.lo || e.n > b.hi) continue;
    for (let a = s.n; a <= e.n; a++) used.add(String(a));
  }
  for (const ip of ips) {
    const a = toBig(ip.address);
    if (vrfOf(ip) === vrfOf(p) && a.v === b.v && a.n >= b.lo && a.n <= b.hi) used.add(String(a.n));
  }
  const size = b.v === 4 && b.len < 31 && !p.is_pool ? b.size - 2n : b.size;
  return Math.min((used.size / Number(size)) * 100, 100);
}

async function rawData(): Promise<{ prefixes: PrefixRow[]; ips: IpRow[]; ranges: RangeRow[] }> {
  const [prefixes, ips, ranges] = await Promise.all([
    all<PrefixRow>('/api/ipam/prefixes/'),
    all<IpRow>('/api/ipam/ip-addresses/'),
    all<RangeRow>('/api/ipam/ip-ranges/'),
  ]);
  return { prefixes, ips, ranges };
}

/** `a | b | c` rows under the header line that starts with `id | prefix`. */
function tableRows(text: string): Record<string, string>[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('id | prefix'));
  if (at < 0) return [];
  const header = lines[at]!.split(' | ');
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!/^\d+ \| /.test(line)) break;
    const cells = line.split(' | ');
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  }
  return rows;
}

describe('netbox_prefix_usage: prefixes over a threshold', () => {
  it('lists every prefix at or above 80%, busiest first, with NetBox\'s utilization', async () => {
    const { prefixes, ips, ranges } = await rawData();
    const expected = prefixes
      .map((p) => ({ p, u: expectedUtilization(p, prefixes, ips, ranges) }))
      .filter(({ u }) => u >= 80)
      .sort((a, b) => b.u - a.u || a.p.id - b.p.id);
    expect(expected.length).toBeGreaterThan(3);

    const r = await mcp.call('netbox_prefix_usage', { min_utilization: 80 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toContain(`${expected.length} of ${prefixes.length} prefixes`);
    const rows = tableRows(r.text);
    expect(rows.map((row) => Number(row.id))).toEqual(expected.map(({ p }) => p.id));
    for (const [i, row] of rows.entries()) {
      expect(row.prefix).toBe(expected[i]!.p.prefix);
      expect(row.utilization, row.prefix).toBe(`${expected[i]!.u.toFixed(1)}%`);
      expect(row.vrf).toBe(expected[i]!.p.vrf?.name ?? 'global');
    }
    expect(r.meta.total).toBe(expected.length);
    expect(r.meta.queries?.some((q) => q.startsWith('/api/ipam/ip-addresses/?'))).toBe(true);
    expect(r.meta.links?.list).toBe(`${mcp.sandbox.url}/ipam/prefixes/`);
  });

  it('covers every prefix (threshold 0) with the same numbers, IPv6 included', async () => {
    const { prefixes, ips, ranges } = await rawData();
    const r = await mcp.call('netbox_prefix_usage', { min_utilization: 0, limit: 1000 });
    const rows = tableRows(r.text);
    expect(rows).toHaveLength(prefixes.length);
    const byId = new Map(prefixes.map((p) => [p.id, p]));
    for (const row of rows) {
      const p = byId.get(Number(row.id))!;
      expect(row.utilization, p.prefix).toBe(`${expectedUtilization(p, prefixes, ips, ranges).toFixed(1)}%`);
    }
    expect(rows.some((row) => row.prefix!.includes(':'))).toBe(true);
  });

  it('applies prefix filters (names resolved) and a VRF, and counts only the selected prefixes', async () => {
    const { prefixes, ips, ranges } = await rawData();
    const site = await api<Page<Nested>>('/api/dcim/sites/?slug=chi-dc1');
    const atSite = await all<PrefixRow>(`/api/ipam/prefixes/?site_id=${site.results[0]!.id}&vrf_id=null`);
    const r = await mcp.call('netbox_prefix_usage', { filters: { site: 'chi-dc1' }, vrf: 'global', min_utilization: 0 });
    expect(r.isError, r.text).toBe(false);
    const rows = tableRows(r.text);
    expect(rows.map((row) => Number(row.id)).sort((a, b) => a - b)).toEqual(atSite.map((p) => p.id).sort((a, b) => a - b));
    for (const row of rows) {
      const p = atSite.find((x) => x.id === Number(row.id))!;
      expect(row.utilization).toBe(`${expectedUtilization(p, prefixes, ips, ranges).toFixed(1)}%`);
    }
    expect(r.text).toContain(`site 'chi-dc1' → #${site.results[0]!.id}`);
  });

  it('rejects an unknown prefix filter instead of ignoring it', async () => {
    const r = await mcp.call('netbox_prefix_usage', { min_utilization: 50, filters: { sight: 'chi-dc1' } });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^UNKNOWN_FILTER: ipam.prefix has no filter 'sight'/);
  });

  it('cuts rows at the budget and says so', async () => {
    const r = await small.call('netbox_prefix_usage', { min_utilization: 0 });
    expect(r.isError).toBe(false);
    expect(r.text.length).toBeLessThanOrEqual(1200);
    expect(r.text).toMatch(/\(cut \d+ of \d+ rows to stay within 1200 characters/);
    expect(r.meta.truncated).toBe(true);
  });
});

describe('netbox_prefix_usage: one prefix', () => {
  it('a container: utilization from child prefixes, minimal free blocks, free /24s', async () => {
    const { prefixes, ips, ranges } = await rawData();
    const self = prefixes.find((p) => p.prefix === '10.1.0.0/20' && p.vrf === null)!;
    expect(self.status.value).toBe('container');
    const children = await all<PrefixRow>(`/api/ipam/prefixes/?within=10.1.0.0/20`);
    const r = await mcp.call('netbox_prefix_usage', { prefix: '10.1.0.0/20', free_size: 24 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`ipam.prefix #${self.id} 10.1.0.0/20 · NetBox: ${mcp.sandbox.url}/ipam/prefixes/${self.id}/`);
    expect(r.text).toContain(`Utilization: ${expectedUtilization(self, prefixes, ips, ranges).toFixed(1)}% — child prefixes`);

    // Free /24s, found by trying every /24 of the /20 against the children.
    const b = bounds('10.1.0.0/20');
    const same = children.filter((c) => vrfOf(c) === null).map((c) => bounds(c.prefix));
    const free24: string[] = [];
    for (let lo = b.lo; lo <= b.hi; lo += 256n) {
      if (!same.some((c) => c.lo <= lo + 255n && c.hi >= lo)) free24.push(`10.1.${Number((lo >> 8n) & 255n)}.0/24`);
    }
    expect(free24.length).toBeGreaterThan(0);
    expect(r.text).toContain(`Free /24 blocks: ${free24.length} in all: ${free24.join(', ')}`);

    // Free space: blocks that avoid every child and, with the children, cover the whole /20.
    const freeLine = r.text.split('\n').find((l) => l.startsWith('Free space'))!;
    const blocks = freeLine.slice(freeLine.lastIndexOf(': ') + 2).split(', ').map(bounds);
    let covered = 0n;
    for (const block of blocks) {
      expect(same.some((c) => c.lo <= block.hi && c.hi >= block.lo)).toBe(false);
      covered += block.size;
    }
    const childAddresses = new Set<bigint>();
    for (const c of same) for (let a = c.lo; a <= c.hi; a++) childAddresses.add(a);
    expect(covered + BigInt(childAddresses.size)).toBe(b.size);
    expect(freeLine).toContain(`${blocks.length} blocks, ${(b.size - BigInt(childAddresses.size)).toLocaleString('en-US')} addresses`);

    // Asked for free blocks, children are only counted; asked plainly, every one is listed with its utilization.
    expect(r.text).toContain(`Child prefixes: ${children.length} (ask without free_size to list them)`);
    const listed = await mcp.call('netbox_prefix_usage', { prefix: '10.1.0.0/20' });
    expect(listed.text).toContain(`Child prefixes (all VRFs): all ${children.length}`);
    const rows = tableRows(listed.text);
    expect(rows.map((row) => Number(row.id)).sort((x, y) => x - y)).toEqual(children.map((c) => c.id).sort((x, y) => x - y));
    for (const row of rows) {
      const c = prefixes.find((p) => p.id === Number(row.id))!;
      expect(row.util, c.prefix).toBe(`${expectedUtilization(c, prefixes, ips, ranges).toFixed(1)}%`);
    }
    expect(r.meta.links?.objects?.[String(self.id)]).toBe(`${mcp.sandbox.url}/ipam/prefixes/${self.id}/`);
  });

  it('an active prefix: utilization from IPs over the usable size, and free IPs', async () => {
    const { prefixes, ips, ranges } = await rawData();
    const self = prefixes.find((p) => p.prefix === '10.1.3.0/26')!;
    const inside = await all<IpRow>(`/api/ipam/ip-addresses/?parent=10.1.3.0/26&vrf_id=null`);
    const hosts = new Set(inside.map((ip) => ip.address.split('/')[0]));
    expect(hosts.size).toBeGreaterThan(0);
    const r = await mcp.call('netbox_prefix_usage', { prefix: self.id });
    expect(r.isError, r.text).toBe(false);
    const pct = expectedUtilization(self, prefixes, ips, ranges);
    expect(pct).toBeCloseTo((hosts.size / 62) * 100, 10);
    expect(r.text).toContain(`Utilization: ${pct.toFixed(1)}% — ${hosts.size} of 62 usable addresses (${hosts.size} IP addresses)`);
    const firstFree = Array.from({ length: 62 }, (_, i) => `10.1.3.${i + 1}`).find((a) => !hosts.has(a));
    expect(r.text).toContain(`Free IPs: ${62 - hosts.size}, first ${firstFree}`);
  });

  it('counts ranges marked utilized in full, and a prefix marked utilized as 100%', async () => {
    const { prefixes, ips, ranges } = await rawData();
    const marked = ranges.find((x) => x.mark_utilized)!;
    const parent = prefixes
      .filter((p) => p.status.value !== 'container' && vrfOf(p) === vrfOf(marked))
      .map((p) => ({ p, b: bounds(p.prefix) }))
      .find(({ b }) => toBig(marked.start_address).n >= b.lo && toBig(marked.end_address).n <= b.hi)!.p;
    const r = await mcp.call('netbox_prefix_usage', { prefix: parent.prefix });
    expect(r.text).toContain(`Utilization: ${expectedUtilization(parent, prefixes, ips, ranges).toFixed(1)}%`);
    expect(r.text).toMatch(/in IP ranges marked utilized/);

    const full = (await all<PrefixRow>('/api/ipam/prefixes/?mark_utilized=true'))[0]!;
    const m = await mcp.call('netbox_prefix_usage', { prefix: full.prefix, vrf: full.vrf?.name ?? 'global' });
    expect(m.text).toContain('Utilization: 100.0% (marked utilized)');
  });

  it('an IPv6 container: free /64s counted beyond what fits in a double', async () => {
    const self = (await all<PrefixRow>('/api/ipam/prefixes/?prefix=2001:db8:1::/48'))[0]!;
    const children = await all<PrefixRow>('/api/ipam/prefixes/?within=2001:db8:1::/48&vrf_id=null');
    const r = await mcp.call('netbox_prefix_usage', { prefix: '2001:db8:1::/48', free_size: 64 });
    expect(r.isError, r.text).toBe(false);
    const used64 = children.filter((c) => bounds(c.prefix).len <= 64).reduce((n, c) => n + 2 ** (64 - bounds(c.prefix).len), 0);
    expect(r.text).toContain(`Free /64 blocks: ${(65_536 - used64).toLocaleString('en-US')} in all; first 64: 2001:db8:1::/64, 2001:db8:1:1::/64,`);
    expect(r.text).toContain(`#${self.id} 2001:db8:1::/48`);
  });

  it('asks for the VRF when a prefix exists in several, and finds it with one', async () => {
    const dupes = await all<PrefixRow>('/api/ipam/prefixes/?prefix=10.250.0.0/24');
    expect(dupes.length).toBeGreaterThan(1);
    const r = await mcp.call('netbox_prefix_usage', { prefix: '10.250.0.0/24' });
    expect(r.isError).toBe(true);
    expect(r.text).toContain(`AMBIGUOUS_NAME: 10.250.0.0/24 exists in ${dupes.length} VRFs`);
    for (const d of dupes) expect(r.text).toContain(`#${d.id} in VRF ${d.vrf!.name}`);
    const one = await mcp.call('netbox_prefix_usage', { prefix: '10.250.0.0/24', vrf: dupes[1]!.vrf!.name });
    expect(one.isError, one.text).toBe(false);
    expect(one.text.split('\n')[0]).toContain(`#${dupes[1]!.id} 10.250.0.0/24`);
  });

  it('says where an unrecorded prefix lies, and rejects bad input clearly', async () => {
    const parents = await all<PrefixRow>('/api/ipam/prefixes/?contains=10.1.4.0/24');
    const nearest = parents.sort((a, b) => bounds(b.prefix).len - bounds(a.prefix).len)[0]!;
    const missing = await mcp.call('netbox_prefix_usage', { prefix: '10.1.4.0/24' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('OBJECT_NOT_FOUND: 10.1.4.0/24 is not a prefix in NetBox.');
    expect(missing.text).toContain(`It lies within ${nearest.prefix} (#${nearest.id}`);

    const bad = await mcp.call('netbox_prefix_usage', { prefix: 'banana' });
    expect(bad.text).toMatch(/^INVALID_ARGUMENT: 'banana' is not a prefix/);
    const noId = await mcp.call('netbox_prefix_usage', { prefix: 999_999 });
    expect(noId.text).toMatch(/^OBJECT_NOT_FOUND: No ipam.prefix has id 999999/);
    const size = await mcp.call('netbox_prefix_usage', { prefix: '10.1.0.0/20', free_size: 16 });
    expect(size.text).toMatch(/^INVALID_ARGUMENT: free_size 16 does not fit in 10.1.0.0\/20; use a length from 20 to 32/);
    const orphan = await mcp.call('netbox_prefix_usage', { free_size: 24 });
    expect(orphan.text).toMatch(/^INVALID_ARGUMENT: free_size lists free blocks inside one prefix/);
    const mixed = await mcp.call('netbox_prefix_usage', { prefix: '10.1.0.0/20', min_utilization: 80 });
    expect(mixed.text).toMatch(/^INVALID_ARGUMENT: min_utilization and filters/);
    const vrf = await mcp.call('netbox_prefix_usage', { prefix: '10.1.0.0/20', vrf: 'NOPE' });
    expect(vrf.text).toMatch(/^OBJECT_NOT_FOUND: No ipam.vrf is named 'NOPE'/);
  });

  it('cuts child rows at the budget and keeps the free space', async () => {
    const r = await small.call('netbox_prefix_usage', { prefix: '10.1.0.0/16' });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/\(cut \d+ of \d+ rows to stay within 1200 characters/);
    expect(r.text).toContain('Free space');
    expect(r.meta.truncated).toBe(true);
  });
});
