import { describe, expect, it } from 'vitest';
import { useMcp, type McpHarness, type ToolCall } from './support/mcp-harness.ts';

const mcp = useMcp();

type Row = Record<string, unknown> & { id: number };
type Page = { count: number; results: Row[] };

/** Straight to the sandbox's REST API: the expected values never come from the tool under test. */
async function api<T = Page>(harness: McpHarness, path: string): Promise<T> {
  const response = await fetch(`${harness.sandbox.url}${path}`, { headers: { authorization: harness.sandbox.authorization } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The ids of the rows a list result shows, in the order shown; meta links exactly those objects. */
function shownIds(call: ToolCall): number[] {
  const ids = tableRows(call.text).map((cells) => Number(cells[0]));
  expect(Object.keys(call.meta.links?.objects ?? {}).map(Number).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  return ids;
}

/** The data lines of the compact table: the lines after the `id | …` header that start with an id. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const header = lines.findIndex((line) => line.startsWith('id | ') || line === 'id');
  if (header < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(header + 1)) {
    if (!/^\d+( \||$)/.test(line)) break;
    rows.push(line.split(' | '));
  }
  return rows;
}

async function siteId(name: string): Promise<number> {
  const page = await api(mcp, `/api/dcim/sites/?name=${encodeURIComponent(name)}`);
  expect(page.count).toBe(1);
  return page.results[0]!.id;
}

describe('netbox_get_objects', () => {
  it('resolves a site by name and by slug to the same rows as site_id', async () => {
    const id = await siteId('CHI-DC1');
    const direct = await api(mcp, `/api/dcim/devices/?site_id=${id}&limit=1000`);
    expect(direct.count).toBeGreaterThan(1);

    const byName = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'CHI-DC1' }, limit: 1000 });
    const bySlug = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'chi-dc1' }, limit: 1000 });
    const byId = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site_id: id }, limit: 1000 });
    for (const call of [byName, bySlug, byId]) {
      expect(call.isError, call.text).toBe(false);
      expect(shownIds(call)).toEqual(direct.results.map((r) => r.id));
      expect(call.meta.total).toBe(direct.count);
      expect(call.meta.queries?.[0]).toContain(`site_id=${id}`);
    }
    expect(byName.text).toContain(`site 'CHI-DC1' → #${id}`);
    expect(tableRows(bySlug.text)).toEqual(tableRows(byName.text));
    expect(tableRows(byName.text).map((cells) => Number(cells[0]))).toEqual(direct.results.map((r) => r.id));
  });

  it('rewrites x__in into repeated keys, from a list or a comma list', async () => {
    const names = ['chi-dc1-cr01', 'chi-dc1-cr02', 'fra-dc1-cr01'];
    const direct = await api(mcp, `/api/dcim/devices/?${names.map((n) => `name=${n}`).join('&')}`);
    expect(direct.count).toBe(3);
    const fromList = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { name__in: names } });
    const fromCommas = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { name__in: names.join(', ') } });
    for (const call of [fromList, fromCommas]) {
      expect(call.isError, call.text).toBe(false);
      expect(call.meta.queries?.[0]).toContain(names.map((n) => `name=${n}`).join('&'));
      expect(call.meta.queries?.[0]).not.toContain('__in');
      expect(shownIds(call).sort((a, b) => a - b)).toEqual(direct.results.map((r) => r.id).sort((a, b) => a - b));
    }
  });

  it('checks choice values: a bad status lists the choices, a differently cased one is accepted', async () => {
    const bad = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { status: 'bogus' } });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^INVALID_FILTER_VALUE: /);
    // NetBox's DeviceStatusChoices, all of them.
    for (const choice of ['offline', 'active', 'planned', 'staged', 'failed', 'inventory', 'decommissioning']) expect(bad.text).toContain(choice);

    const direct = await api(mcp, '/api/dcim/devices/?status=active&limit=1');
    const good = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { status: 'Active' }, limit: 1 });
    expect(good.isError, good.text).toBe(false);
    expect(good.meta.total).toBe(direct.count);
    expect(good.meta.queries?.[0]).toContain('status=active');
    expect(good.text).toContain(`of ${direct.count}`);
  });

  it('rejects an unknown filter with a did-you-mean instead of returning everything', async () => {
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { sitee: 'CHI-DC1' } });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^UNKNOWN_FILTER: dcim\.device has no filter 'sitee'/);
    expect(r.text).toContain("Did you mean 'site'");
  });

  it('expands a multi-hop filter (IP addresses of the devices in a site)', async () => {
    const id = await siteId('CHI-DC1');
    const devices = await api(mcp, `/api/dcim/devices/?site_id=${id}&limit=1000`);
    const ips = await api(mcp, `/api/ipam/ip-addresses/?${devices.results.map((d) => `device_id=${d.id}`).join('&')}&limit=1000`);
    expect(ips.count).toBeGreaterThan(0);
    const r = await mcp.call('netbox_get_objects', { object_type: 'ipam.ipaddress', filters: { device__site: 'CHI-DC1' }, limit: 1000 });
    expect(r.isError, r.text).toBe(false);
    expect(r.meta.total).toBe(ips.count);
    expect(shownIds(r).sort((a, b) => a - b)).toEqual(ips.results.map((x) => x.id).sort((a, b) => a - b));
    expect(r.text).toContain(`device__site → ${devices.count} dcim.device`);
  });

  it('names an unknown object type and suggests the right one', async () => {
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.devcie' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^UNKNOWN_OBJECT_TYPE: 'dcim.devcie'/);
    expect(r.text).toContain("'dcim.device'");
  });

  it('reports unknown and ambiguous names clearly', async () => {
    const missing = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'Atlantis' } });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/^OBJECT_NOT_FOUND: No dcim\.site is named 'Atlantis'/);

    const racks = await api(mcp, '/api/dcim/racks/?name=R01');
    expect(racks.count).toBeGreaterThan(1);
    const ambiguous = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { rack: 'R01' } });
    expect(ambiguous.isError).toBe(true);
    expect(ambiguous.text).toMatch(new RegExp(`^AMBIGUOUS_NAME: 'R01' matches ${racks.count} dcim\\.rack objects`));
    for (const rack of racks.results) expect(ambiguous.text).toContain(`#${rack.id} `);
  });

  it('says "showing N of M" and pages with offset', async () => {
    const direct = await api(mcp, '/api/dcim/devices/?limit=20');
    const first = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', limit: 10 });
    expect(first.text.split('\n')[0]).toBe(`dcim.device: showing 1–10 of ${direct.count}`);
    expect(first.text).toContain('offset=10');
    const second = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', limit: 10, offset: 10 });
    expect(second.text.split('\n')[0]).toBe(`dcim.device: showing 11–20 of ${direct.count}`);
    expect([...shownIds(first), ...shownIds(second)]).toEqual(direct.results.map((r) => r.id));
    expect(first.meta).toMatchObject({ rows: 10, total: direct.count, truncated: false });
  });

  it('gives NetBox raw JSON with format json', async () => {
    const id = await siteId('CHI-DC1');
    const direct = await api(mcp, `/api/dcim/devices/?site_id=${id}&limit=3&exclude=config_context`);
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'CHI-DC1' }, limit: 3, format: 'json' });
    expect(r.isError, r.text).toBe(false);
    const body = JSON.parse(r.text) as { count: number; offset: number; results: Row[] };
    expect(body.count).toBe(direct.count);
    expect(body.results).toEqual(direct.results);
  });

  it('has_primary_ip=false gives exactly the devices without a primary IP', async () => {
    const all = await api(mcp, '/api/dcim/devices/?limit=1000&exclude=config_context');
    const without = all.results.filter((d) => d.primary_ip === null).map((d) => d.id);
    expect(without.length).toBeGreaterThan(0);
    expect(without.length).toBeLessThan(all.count);
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { has_primary_ip: false }, fields: ['name'], limit: 1000 });
    expect(r.isError, r.text).toBe(false);
    expect(shownIds(r).sort((a, b) => a - b)).toEqual(without.sort((a, b) => a - b));
    expect(tableRows(r.text).map((cells) => cells[1]).sort()).toEqual(all.results.filter((d) => d.primary_ip === null).map((d) => d.name).sort());
  });

  it('shows every field asked for, an empty one as "—", so "not recorded" can be said', async () => {
    const devices = await api(mcp, '/api/dcim/devices/?limit=5&exclude=config_context');
    const device = devices.results[0]!;
    // Fields this device has empty (null or ''), among those a person asks for.
    const empty = ['asset_tag', 'comments', 'description', 'oob_ip', 'cluster', 'virtual_chassis', 'airflow'].filter((f) => device[f] === null || device[f] === '');
    expect(empty.length).toBeGreaterThan(1);
    const fields = ['name', 'platform', ...empty];
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { id: device.id }, fields });
    expect(r.isError, r.text).toBe(false);
    const header = r.text.split('\n').find((line) => line.startsWith('id | '))!;
    expect(header).toBe(['id', ...fields].join(' | '));
    const cells = tableRows(r.text)[0]!;
    expect(cells.slice(3)).toEqual(empty.map(() => '—'));
  });

  it('reads fields: [] as all fields, as the official server does', async () => {
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', fields: [], limit: 3 });
    const all = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', limit: 3 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toBe(all.text);
    expect(r.text.split('\n').find((line) => line.startsWith('id | '))).toContain(' | name | ');
  });

  it('takes numbers and booleans given as text, as the official server does', async () => {
    const asText = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', limit: '10', offset: '5', brief: 'true' });
    const asValues = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', limit: 10, offset: 5, brief: true });
    expect(asText.isError, asText.text).toBe(false);
    expect(asText.text).toBe(asValues.text);
    expect(asText.meta.queries).toEqual(asValues.meta.queries);
    const notBrief = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', limit: '2', brief: 'false' });
    expect(notBrief.meta.queries?.[0]).not.toContain('brief');
    const bad = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', limit: 'ten' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('limit');
  });

  it('links the list and every object to the NetBox UI, in the text and in meta', async () => {
    const id = await siteId('CHI-DC1');
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'CHI-DC1' }, limit: 5 });
    const base = mcp.sandbox.url;
    expect(r.meta.links?.list).toBe(`${base}/dcim/devices/?site_id=${id}`);
    expect(r.text).toContain(`NetBox list: ${base}/dcim/devices/?site_id=${id}`);
    expect(r.text).toContain(`object: ${base}/dcim/devices/{id}/`);
    const objects = r.meta.links?.objects ?? {};
    expect(Object.keys(objects)).toHaveLength(5);
    for (const [objectId, url] of Object.entries(objects)) expect(url).toBe(`${base}/dcim/devices/${objectId}/`);
  });
});

describe('netbox_get_objects within a small size budget', () => {
  const small = useMcp(undefined, () => ({ limits: { maxResultChars: 2000 } }));

  it('cuts at whole rows, says so, and says where to continue', async () => {
    const direct = await api(small, '/api/dcim/devices/?limit=50');
    const r = await small.call('netbox_get_objects', { object_type: 'dcim.device', limit: 50 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.length).toBeLessThanOrEqual(2000);
    const rows = tableRows(r.text);
    const shown = rows.length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(50);
    expect(r.meta).toMatchObject({ rows: shown, total: direct.count, truncated: true });
    // Whole rows only: every row has as many cells as the header, and they are the first rows NetBox returned.
    const header = r.text.split('\n').find((line) => line.startsWith('id | '))!;
    for (const cells of rows) expect(cells).toHaveLength(header.split(' | ').length);
    expect(rows.map((cells) => Number(cells[0]))).toEqual(direct.results.slice(0, shown).map((d) => d.id));
    expect(r.text).toContain(`Cut to ${shown} of 50 rows to stay within 2000 characters; continue with offset=${shown}`);
    expect(r.text.split('\n')[0]).toBe(`dcim.device: showing 1–${shown} of ${direct.count}`);
  });
});

describe('netbox_get_objects: names that need context', () => {
  it('tells same-named objects apart by their site, and uses sibling filters to pick one', async () => {
    const racks = await api(mcp, '/api/dcim/racks/?name=R01&limit=100');
    expect(racks.count).toBeGreaterThan(1);
    const ambiguous = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { rack: 'R01' } });
    expect(ambiguous.isError).toBe(true);
    expect(ambiguous.text).toMatch(new RegExp(`^AMBIGUOUS_NAME: 'R01' matches ${racks.count} dcim.rack objects`));
    for (const rack of racks.results) expect(ambiguous.text).toContain(`#${rack.id} R01 (site ${String((rack.site as { name: string }).name)}`);

    const rack = racks.results[0]!;
    const site = rack.site as { id: number; name: string };
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: site.name, rack: 'R01' }, limit: 100 });
    expect(r.isError, r.text).toBe(false);
    const expected = await api(mcp, `/api/dcim/devices/?rack_id=${rack.id}&limit=100`);
    expect(shownIds(r).sort((a, b) => a - b)).toEqual(expected.results.map((d) => d.id).sort((a, b) => a - b));
  });

  it('rejects a custom field the type does not have, naming those it has', async () => {
    const fields = await api(mcp, '/api/extras/custom-fields/?object_type=dcim.device');
    const r = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { cf_nope: 'x' } });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^UNKNOWN_FILTER: dcim.device has no custom field 'nope'/);
    for (const f of fields.results) expect(r.text).toContain(`cf_${String(f.name)}`);
    const known = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { [`cf_${String(fields.results[0]!.name)}`]: 'x' } });
    expect(known.isError, known.text).toBe(false);
  });
});
