import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useMcp, type ToolCall } from './support/mcp-harness.ts';

/**
 * A pass-through proxy in front of the sandbox that answers chosen API paths with an error, so one search can
 * meet a NetBox where some object types fail (a token without permission, a failing endpoint) and others work.
 */
const failing = new Map<string, { status: number; detail: string }>();
const proxy: { server?: Server; url?: string } = {};
beforeAll(async () => {
  proxy.server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      const fault = [...failing.entries()].find(([prefix]) => path.startsWith(prefix))?.[1];
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: fault.detail }));
        return;
      }
      const upstream = await fetch(`${mcp.sandbox.url}${path}`, { headers: { authorization: String(req.headers.authorization ?? '') } });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => proxy.server!.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.server?.close(resolve));
});
afterEach(() => {
  failing.clear();
  mcp.sandbox.setFaults({ latencyMs: 0 });
});

const mcp = useMcp(undefined, () => ({ netbox: { url: proxy.url!, retry: { retries: 0 } } }));

type Row = Record<string, unknown> & { id: number };
type Page = { count: number; results: Row[] };

const DEFAULT_TYPES: Record<string, string> = {
  'dcim.device': '/api/dcim/devices/',
  'dcim.site': '/api/dcim/sites/',
  'ipam.ipaddress': '/api/ipam/ip-addresses/',
  'ipam.prefix': '/api/ipam/prefixes/',
  'dcim.interface': '/api/dcim/interfaces/',
  'dcim.rack': '/api/dcim/racks/',
  'ipam.vlan': '/api/ipam/vlans/',
  'circuits.circuit': '/api/circuits/circuits/',
  'virtualization.virtualmachine': '/api/virtualization/virtual-machines/',
  'tenancy.tenant': '/api/tenancy/tenants/',
};

/** Straight to the sandbox's REST API: the expected values never come from the tool under test. */
async function api(path: string): Promise<Page> {
  const response = await fetch(`${mcp.sandbox.url}${path}`, { headers: { authorization: mcp.sandbox.authorization } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Page;
}

/** The section of one type: its head line and the ids of its rows, in order. */
function section(call: ToolCall, key: string): { head: string; ids: number[]; header: string } | undefined {
  const lines = call.text.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`${key}: `));
  if (at < 0) return undefined;
  const ids: number[] = [];
  for (const line of lines.slice(at + 2)) {
    const match = /^(\d+) \|/.exec(line);
    if (!match) break;
    ids.push(Number(match[1]));
  }
  return { head: lines[at]!, ids, header: lines[at + 1] ?? '' };
}

describe('netbox_search_objects', () => {
  it('searches the ten default types and shows each one with "N of M" and its UI search link', async () => {
    const query = 'chi-dc1';
    const expected = await Promise.all(Object.entries(DEFAULT_TYPES).map(async ([key, path]) => ({ key, path, page: await api(`${path}?q=${query}&limit=5`) })));
    const withHits = expected.filter((e) => e.page.count > 0);
    const without = expected.filter((e) => e.page.count === 0).map((e) => e.key);
    expect(withHits.length).toBeGreaterThan(3);
    expect(without.length).toBeGreaterThan(0);

    const r = await mcp.call('netbox_search_objects', { query });
    expect(r.isError, r.text).toBe(false);
    for (const { key, path, page } of withHits) {
      const s = section(r, key);
      expect(s, key).toBeDefined();
      const counted = page.count === page.results.length ? `all ${page.count}` : `${page.results.length} of ${page.count}`;
      const ui = `${proxy.url}${path.replace('/api/', '/')}`;
      expect(s!.head).toBe(`${key}: ${counted} · list: ${ui}?q=${query} · object: ${ui}{id}/`);
      expect(s!.header.startsWith('id | ')).toBe(true);
      expect(s!.ids).toEqual(page.results.map((row) => row.id));
      for (const row of page.results) expect(r.meta.links?.objects?.[`${key}:${row.id}`]).toBe(`${ui}${row.id}/`);
    }
    expect(r.text).toContain(`No match: ${without.join(', ')}`);
    for (const key of without) expect(section(r, key)).toBeUndefined();
    expect(r.meta.queries).toHaveLength(10);
    expect(r.meta.total).toBe(expected.reduce((n, e) => n + e.page.count, 0));
    expect(r.meta.rows).toBe(withHits.reduce((n, e) => n + e.page.results.length, 0));
    expect(r.meta.links?.list).toBe(`${proxy.url}/search/?q=${query}`);
  });

  it('shows telling columns: a device row has its site, status and primary IP', async () => {
    const device = (await api('/api/dcim/devices/?name=chi-dc1-cr01')).results[0]!;
    const r = await mcp.call('netbox_search_objects', { query: 'chi-dc1-cr01', object_types: ['dcim.device'] });
    const s = section(r, 'dcim.device')!;
    expect(s.header).toBe('id | name | status | site | rack | role | device_type | primary_ip');
    const line = r.text.split('\n').find((l) => l.startsWith(`${device.id} | `))!;
    const primary = (device.primary_ip as { address: string }).address;
    expect(line).toContain(` | ${String(device.name)} | active | ${(device.site as { name: string }).name} | `);
    expect(line.endsWith(` | ${primary}`)).toBe(true);
  });

  it('honours object_types, fields and limit', async () => {
    const sites = await api('/api/dcim/sites/?q=br1&limit=2');
    const devices = await api('/api/dcim/devices/?q=br1&limit=2');
    const r = await mcp.call('netbox_search_objects', { query: 'br1', object_types: ['dcim.site', 'device'], fields: ['name'], limit: 2 });
    expect(r.isError, r.text).toBe(false);
    expect(section(r, 'dcim.site')).toMatchObject({ head: expect.stringContaining(`dcim.site: 2 of ${sites.count}`), header: 'id | name', ids: sites.results.map((x) => x.id) });
    expect(section(r, 'dcim.device')).toMatchObject({ head: expect.stringContaining(`dcim.device: 2 of ${devices.count}`), ids: devices.results.map((x) => x.id) });
    expect(r.meta.queries).toEqual(['/api/dcim/sites/?q=br1&limit=2&fields=id,name', '/api/dcim/devices/?q=br1&limit=2&fields=id,name']);
    expect(r.text).toContain('More: netbox_get_objects with filters {"q": "br1"}');
  });

  it('runs the types in parallel', async () => {
    await mcp.call('netbox_search_objects', { query: 'warm-up' });
    mcp.sandbox.setFaults({ latencyMs: 300 });
    const started = Date.now();
    const r = await mcp.call('netbox_search_objects', { query: 'chi' });
    const elapsed = Date.now() - started;
    expect(r.isError, r.text).toBe(false);
    // Ten requests of 300 ms each take 3 s one after another; at 8 in flight they take two rounds.
    expect(elapsed).toBeLessThan(1500);
  });

  it('names the types that failed, with their error code, and still shows the others', async () => {
    failing.set('/api/circuits/', { status: 403, detail: 'You do not have permission to perform this action.' });
    failing.set('/api/ipam/vlans/', { status: 500, detail: 'Server Error' });
    const devices = await api('/api/dcim/devices/?q=chi&limit=5');
    const r = await mcp.call('netbox_search_objects', { query: 'chi' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toContain('FAILED (not searched, results unknown): ipam.vlan (NETBOX_SERVER_ERROR), circuits.circuit (NETBOX_AUTH)');
    expect(section(r, 'dcim.device')!.ids).toEqual(devices.results.map((x) => x.id));
    expect(section(r, 'circuits.circuit')).toBeUndefined();
    expect(r.text).not.toMatch(/No match: .*circuits\.circuit/);
  });

  it('is an error when every type failed, with the reasons', async () => {
    failing.set('/api/circuits/', { status: 403, detail: 'You do not have permission to perform this action.' });
    const r = await mcp.call('netbox_search_objects', { query: 'chi', object_types: ['circuits.circuit', 'circuits.provider'] });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^NETBOX_AUTH: Searching 'chi' failed for every type\./);
    expect(r.text).toContain('circuits.circuit: NETBOX_AUTH: NetBox answered 403');
    expect(r.text).toContain('circuits.provider: NETBOX_AUTH');
    expect(r.text).toContain('You do not have permission');
  });

  it('says plainly when nothing matches', async () => {
    const r = await mcp.call('netbox_search_objects', { query: 'no-such-thing-anywhere' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toBe("No object matches 'no-such-thing-anywhere'.");
    expect(r.meta).toMatchObject({ rows: 0, total: 0 });
  });

  it('rejects unknown types and types NetBox cannot search', async () => {
    const unknown = await mcp.call('netbox_search_objects', { query: 'chi', object_types: ['dcim.device', 'dcim.sitee'] });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/^UNKNOWN_OBJECT_TYPE: 'dcim.sitee'/);
    expect(unknown.text).toContain("'dcim.site'");

    const only = await mcp.call('netbox_search_objects', { query: 'chi', object_types: ['dcim.cabletermination'] });
    expect(only.isError).toBe(true);
    expect(only.text).toMatch(/^INVALID_ARGUMENT: None of dcim.cabletermination supports free-text search/);
    const mixed = await mcp.call('netbox_search_objects', { query: 'chi', object_types: ['dcim.site', 'dcim.cabletermination'] });
    expect(mixed.isError, mixed.text).toBe(false);
    expect(mixed.text).toContain('Not searchable (no free-text filter): dcim.cabletermination');
    expect(mixed.meta.queries).toHaveLength(1);

    const empty = await mcp.call('netbox_search_objects', { query: '  ' });
    expect(empty.isError).toBe(true);
    const tooMany = await mcp.call('netbox_search_objects', { query: 'chi', limit: 101 });
    expect(tooMany.isError).toBe(true);
  });
});

describe('netbox_search_objects within a small size budget', () => {
  const small = useMcp(undefined, () => ({ limits: { maxResultChars: 3000 } }));

  it('shares the budget between types, cutting whole rows', async () => {
    const r = await small.call('netbox_search_objects', { query: 'chi', limit: 50 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.length).toBeLessThanOrEqual(3000);
    expect(r.meta.truncated).toBe(true);
    expect(r.text).toContain('Some rows were cut to stay within the size budget');
    const expected = await Promise.all(
      Object.entries(DEFAULT_TYPES).map(async ([key, path]) => {
        const response = await fetch(`${small.sandbox.url}${path}?q=chi&limit=50`, { headers: { authorization: small.sandbox.authorization } });
        return { key, page: (await response.json()) as Page };
      }),
    );
    let shown = 0;
    for (const { key, page } of expected.filter((e) => e.page.count > 0)) {
      const s = section(r, key)!;
      // Round-robin: every type with hits keeps at least its first rows, in NetBox's order.
      expect(s.ids.length, key).toBeGreaterThan(0);
      expect(s.ids).toEqual(page.results.slice(0, s.ids.length).map((x) => x.id));
      expect(s.head).toContain(`${key}: ${s.ids.length === page.count ? `all ${page.count}` : `${s.ids.length} of ${page.count}`}`);
      shown += s.ids.length;
    }
    expect(r.meta.rows).toBe(shown);
  });
});
