import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox.ts';
import { apiGet } from './support/api-client.ts';
import { DEMO_DUMP, demoDataset, useSandbox } from './support/test-sandbox.ts';

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };

function client(sandbox: () => RunningSandbox) {
  return async <T = unknown>(path: string): Promise<T> => {
    const res = await apiGet(sandbox().url, path, sandbox().authorization);
    expect(res.status, path).toBe(200);
    return res.body as T;
  };
}

/** IPv4 only, in plain numbers: the expectations are computed apart from the sandbox's own BigInt code. */
const v4 = (text: string): number => text.split('/')[0]!.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const v4Text = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
const maskOf = (cidr: string): number => Number(cidr.split('/')[1]);
const sizeOf = (cidr: string): number => 2 ** (32 - maskOf(cidr));
const vrfId = (row: Json): number | null => ((row.vrf as Json | null)?.id as number | undefined) ?? null;

/** The first `limit` free hosts of an IPv4 prefix, as Prefix.iter_available_ips counts them. */
async function expectedFreeIps(get: ReturnType<typeof client>, prefix: Json, limit: number): Promise<string[]> {
  const net = v4(String(prefix.prefix));
  const size = sizeOf(String(prefix.prefix));
  const whole = prefix.is_pool === true || maskOf(String(prefix.prefix)) >= 31;
  const [first, last] = whole ? [net, net + size - 1] : [net + 1, net + size - 2];
  const vrf = vrfId(prefix);
  const anyVrf = vrf === null && (prefix.status as Json).value === 'container';
  const ips = await get<Page>(`/api/ipam/ip-addresses/?parent=${String(prefix.prefix)}&limit=1000${anyVrf ? '' : `&vrf_id=${vrf ?? 'null'}`}`);
  const used = new Set(ips.results.map((ip) => v4(String(ip.address))));
  const ranges = await get<Page>(`/api/ipam/ip-ranges/?parent=${String(prefix.prefix)}&vrf_id=${vrf ?? 'null'}&limit=1000`);
  for (const range of ranges.results.filter((r) => r.mark_populated === true)) {
    for (let n = v4(String(range.start_address)); n <= v4(String(range.end_address)); n++) used.add(n);
  }
  const out: string[] = [];
  for (let n = first; n <= last && out.length < limit; n++) if (!used.has(n)) out.push(`${v4Text(n)}/${maskOf(String(prefix.prefix))}`);
  return out;
}

describe('available IPs, prefixes, VLANs and ASNs (generated data)', () => {
  const sandbox = useSandbox();
  const get = client(() => sandbox.current);

  it('lists the first free IPs of busy prefixes, in their VRF, with the prefix mask and NetBox’s default limit', async () => {
    const prefixes = await get<Page>('/api/ipam/prefixes/?family=4&status=active&mask_length__gte=24&limit=20');
    expect(prefixes.results.length).toBeGreaterThan(5);
    for (const prefix of prefixes.results) {
      const free = await get<Json[]>(`/api/ipam/prefixes/${String(prefix.id)}/available-ips/`);
      expect(free.map((f) => f.address), String(prefix.prefix)).toEqual(await expectedFreeIps(get, prefix, 50));
      for (const f of free) expect(f).toEqual({ family: 4, address: f.address, vrf: prefix.vrf === null ? null : expect.objectContaining({ id: vrfId(prefix) }) });
      const five = await get<Json[]>(`/api/ipam/prefixes/${String(prefix.id)}/available-ips/?limit=5`);
      expect(five).toEqual(free.slice(0, 5));
    }
  });

  it('reads limit as NetBox does: 0 is the most (1,000), a bad value the default', async () => {
    const big = await get<Page>('/api/ipam/prefixes/?family=4&mask_length=16&limit=1');
    const id = String(big.results[0]!.id);
    expect((await get<Json[]>(`/api/ipam/prefixes/${id}/available-ips/?limit=0`)).length).toBe(1000);
    expect((await get<Json[]>(`/api/ipam/prefixes/${id}/available-ips/?limit=5000`)).length).toBe(1000);
    expect((await get<Json[]>(`/api/ipam/prefixes/${id}/available-ips/?limit=abc`)).length).toBe(50);
  });

  it('lists free IPs of IP ranges, none when a range is marked populated', async () => {
    const ranges = await get<Page>('/api/ipam/ip-ranges/?family=4&limit=100');
    expect(ranges.results.length).toBeGreaterThan(0);
    for (const range of ranges.results) {
      const free = await get<Json[]>(`/api/ipam/ip-ranges/${String(range.id)}/available-ips/?limit=1000`);
      if (range.mark_populated === true) {
        expect(free).toEqual([]);
        continue;
      }
      const ips = await get<Page>(`/api/ipam/ip-addresses/?vrf_id=${vrfId(range) ?? 'null'}&family=4&limit=1000`);
      const used = new Set(ips.results.map((ip) => v4(String(ip.address))));
      const expected: string[] = [];
      for (let n = v4(String(range.start_address)); n <= v4(String(range.end_address)) && expected.length < 1000; n++) {
        if (!used.has(n)) expected.push(`${v4Text(n)}/${maskOf(String(range.start_address))}`);
      }
      expect(free.map((f) => f.address), String(range.display)).toEqual(expected);
    }
  });

  it('lists the free space of a container as the fewest CIDR blocks, which with the children tile it exactly', async () => {
    const containers = await get<Page>('/api/ipam/prefixes/?family=4&status=container&mask_length__gte=16&limit=50');
    expect(containers.results.length).toBeGreaterThan(0);
    for (const parent of containers.results) {
      const free = await get<Json[]>(`/api/ipam/prefixes/${String(parent.id)}/available-prefixes/`);
      const children = await get<Page>(`/api/ipam/prefixes/?within=${String(parent.prefix)}&vrf_id=${vrfId(parent) ?? 'null'}&limit=1000`);
      const net = v4(String(parent.prefix));
      const size = sizeOf(String(parent.prefix));
      const covered = new Array<number>(size).fill(0);
      const mark = (cidr: string, by: number) => {
        for (let n = v4(cidr); n < v4(cidr) + sizeOf(cidr); n++) covered[n - net] = Math.max(covered[n - net]!, by);
      };
      for (const child of children.results) mark(String(child.prefix), 1);
      for (const block of free) {
        const cidr = String(block.prefix);
        expect(v4(cidr) % sizeOf(cidr), cidr).toBe(0);
        let overlaps = 0;
        for (let n = v4(cidr); n < v4(cidr) + sizeOf(cidr); n++) {
          if (covered[n - net] !== 0) overlaps++;
          covered[n - net] = 2;
        }
        expect(overlaps, `${cidr} overlaps a child of ${String(parent.prefix)}`).toBe(0);
        expect(block).toEqual({ family: 4, prefix: cidr, vrf: parent.vrf === null ? null : expect.objectContaining({ id: vrfId(parent) }) });
      }
      expect(covered.every((c) => c > 0), String(parent.prefix)).toBe(true);
      // Fewest blocks: no two neighbours could be one block of twice the size.
      for (let i = 1; i < free.length; i++) {
        const a = String(free[i - 1]!.prefix);
        const b = String(free[i]!.prefix);
        const mergeable = sizeOf(a) === sizeOf(b) && v4(a) + sizeOf(a) === v4(b) && v4(a) % (2 * sizeOf(a)) === 0;
        expect(mergeable, `${a} + ${b}`).toBe(false);
        expect(v4(a)).toBeLessThan(v4(b));
      }
    }
  });

  it('lists free VLAN IDs of a group: its ranges without the VIDs its VLANs use, ascending', async () => {
    const groups = await get<Page>('/api/ipam/vlan-groups/?limit=100');
    expect(groups.results.length).toBeGreaterThan(0);
    for (const group of groups.results) {
      const used = new Set((await get<Page>(`/api/ipam/vlans/?group_id=${String(group.id)}&limit=1000`)).results.map((v) => Number(v.vid)));
      expect(used.size).toBeGreaterThan(0);
      const free = await get<Json[]>(`/api/ipam/vlan-groups/${String(group.id)}/available-vlans/?limit=0`);
      const expected: number[] = [];
      for (const [lo, hi] of group.vid_ranges as [number, number][]) for (let v = lo; v <= hi && expected.length < 1000; v++) if (!used.has(v)) expected.push(v);
      expect(free.map((f) => f.vid)).toEqual(expected);
      const brief = await get<Json>(`/api/ipam/vlan-groups/${String(group.id)}/?brief=true`);
      expect(free[0]!.group).toEqual(Object.fromEntries(Object.entries(brief).filter(([k]) => !k.endsWith('_count'))));
    }
  });

  it('lists free ASNs of a range: numbers no ASN has, with the range’s RIR first', async () => {
    const ranges = await get<Page>('/api/ipam/asn-ranges/');
    expect(ranges.results.length).toBeGreaterThan(0);
    const asns = new Set((await get<Page>('/api/ipam/asns/?limit=1000')).results.map((a) => Number(a.asn)));
    for (const range of ranges.results) {
      const free = await get<Json[]>(`/api/ipam/asn-ranges/${String(range.id)}/available-asns/?limit=20`);
      const expected: number[] = [];
      for (let n = Number(range.start); n <= Number(range.end) && expected.length < 20; n++) if (!asns.has(n)) expected.push(n);
      expect(free.map((f) => f.asn)).toEqual(expected);
      for (const f of free) expect(Object.keys(f)).toEqual(['rir', 'asn']);
      expect((free[0]!.rir as Json).id).toBe((range.rir as Json).id);
    }
  });

  it('answers 404 for a missing parent and 405 for POST, which would create objects in NetBox', async () => {
    const missing = await apiGet(sandbox.current.url, '/api/ipam/prefixes/99999999/available-ips/', sandbox.current.authorization);
    expect(missing).toMatchObject({ status: 404, body: { detail: 'No Prefix matches the given query.' } });
    const post = await fetch(`${sandbox.current.url}/api/ipam/prefixes/1/available-ips/`, { method: 'POST', headers: { authorization: sandbox.current.authorization } });
    expect(post.status).toBe(405);
  });
});

describe.skipIf(!DEMO_DUMP)("available IPs, prefixes and VLANs over NetBox's demo dump", () => {
  const sandbox = useSandbox(async () => ({ dataset: await demoDataset() }));
  const get = client(() => sandbox.current);

  it('lists free IPs and free space of the demo prefixes', async () => {
    const prefixes = await get<Page>('/api/ipam/prefixes/?family=4&limit=200');
    let checked = 0;
    for (const prefix of prefixes.results.filter((p) => maskOf(String(p.prefix)) >= 22)) {
      const free = await get<Json[]>(`/api/ipam/prefixes/${String(prefix.id)}/available-ips/`);
      expect(free.map((f) => f.address), String(prefix.prefix)).toEqual(await expectedFreeIps(get, prefix, 50));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    const containers = await get<Page>('/api/ipam/prefixes/?status=container&family=4&limit=10');
    for (const parent of containers.results) expect((await get<Json[]>(`/api/ipam/prefixes/${String(parent.id)}/available-prefixes/`)).length).toBeGreaterThanOrEqual(0);
  });

  it('lists free VIDs of the demo VLAN groups', async () => {
    const groups = await get<Page>('/api/ipam/vlan-groups/?limit=100');
    for (const group of groups.results) {
      const used = new Set((await get<Page>(`/api/ipam/vlans/?group_id=${String(group.id)}&limit=1000`)).results.map((v) => Number(v.vid)));
      const free = await get<Json[]>(`/api/ipam/vlan-groups/${String(group.id)}/available-vlans/?limit=10`);
      expect(free.length).toBe(10);
      for (const f of free) expect(used.has(Number(f.vid))).toBe(false);
    }
  });
});
