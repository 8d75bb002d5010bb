import { describe, expect, it } from 'vitest';
import { useMcp, type McpHarness, type ToolCall } from './support/mcp-harness.ts';

const mcp = useMcp();

type Row = Record<string, unknown> & { id: number };
type Page = { count: number; results: Row[] };
type Named = { id: number; name?: string; display?: string } | null;

/** Straight to the sandbox's REST API: the expected values never come from the tool under test. */
async function api(harness: McpHarness, path: string): Promise<Page> {
  const response = await fetch(`${harness.sandbox.url}${path}`, { headers: { authorization: harness.sandbox.authorization } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Page;
}

/** A UI list link, asked of the API: the objects it shows. */
function apiOfUi(harness: McpHarness, uiUrl: string): Promise<Page> {
  const url = new URL(uiUrl);
  return api(harness, `/api${url.pathname}${url.search}${url.search ? '&' : '?'}limit=1`);
}

/** The count table as `label(s) → count`, in the order shown. */
function groups(call: ToolCall, columns: number): [string, number][] {
  const lines = call.text.split('\n');
  const header = lines.findIndex((line) => line.endsWith(' | count') && line.split(' | ').length === columns + 1);
  expect(header, call.text).toBeGreaterThan(0);
  const out: [string, number][] = [];
  for (const line of lines.slice(header + 1)) {
    const cells = line.split(' | ');
    if (cells.length !== columns + 1 || !/^\d+$/.test(cells[columns]!)) break;
    out.push([cells.slice(0, columns).join(' / '), Number(cells[columns])]);
  }
  return out;
}

/** Counts keyed by label, sorted as the tool promises: count descending, then label. */
function expectedGroups(labels: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], undefined, { numeric: true }));
}

const nameOf = (value: unknown): string => {
  const named = value as Named;
  return named ? String(named.name ?? named.display) : '(none)';
};

describe('netbox_count_objects', () => {
  it('counts with filters in one request', async () => {
    const direct = await api(mcp, '/api/dcim/devices/?status=active&limit=1');
    const r = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', filters: { status: 'active' } });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`${direct.count} dcim.device match status=active.`);
    expect(r.meta).toMatchObject({ total: direct.count, queries: ['/api/dcim/devices/?status=active&limit=1&fields=id'] });
    expect(r.text).toContain(`NetBox list: ${mcp.sandbox.url}/dcim/devices/?status=active`);

    const all = await api(mcp, '/api/ipam/prefixes/?limit=1');
    const total = await mcp.call('netbox_count_objects', { object_type: 'prefix' });
    expect(total.text.split('\n')[0]).toBe(`${all.count} ipam.prefix in total.`);
  });

  it('answers "how many active devices per site" in one call', async () => {
    const direct = await api(mcp, '/api/dcim/devices/?status=active&limit=1000');
    const expected = expectedGroups(direct.results.map((d) => nameOf(d.site)));
    const r = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', filters: { status: 'active' }, group_by: 'site' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`dcim.device by site where status=active: ${direct.count} objects in ${expected.length} groups`);
    expect(groups(r, 1)).toEqual(expected);
    expect(r.text).toContain(`Total: ${direct.count} · NetBox list: ${mcp.sandbox.url}/dcim/devices/?status=active`);
    expect(r.meta).toMatchObject({ rows: expected.length, total: direct.count, truncated: false });
    expect(r.meta.queries).toEqual(['/api/dcim/devices/?status=active&fields=id,site&limit=1000&offset=0']);

    // Every group links to its own list in NetBox, and that list holds exactly the group.
    const links = r.meta.links?.objects ?? {};
    expect(Object.keys(links).sort()).toEqual(expected.map(([label]) => label).sort());
    const chi = direct.results.find((d) => nameOf(d.site) === 'CHI-DC1')!.site as { id: number };
    expect(links['CHI-DC1']).toBe(`${mcp.sandbox.url}/dcim/devices/?status=active&site_id=${chi.id}`);
    for (const [label, count] of expected.slice(0, 5)) expect((await apiOfUi(mcp, links[label]!)).count, label).toBe(count);
  });

  it('groups the devices of one manufacturer by model, by name', async () => {
    const juniper = (await api(mcp, '/api/dcim/manufacturers/?name=Juniper')).results[0]!;
    const direct = await api(mcp, `/api/dcim/devices/?manufacturer_id=${juniper.id}&limit=1000`);
    expect(direct.count).toBeGreaterThan(0);
    const r = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', filters: { manufacturer: 'Juniper' }, group_by: 'device_type' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toContain(`Resolved: manufacturer 'Juniper' → #${juniper.id}`);
    expect(groups(r, 1)).toEqual(expectedGroups(direct.results.map((d) => nameOf(d.device_type))));
  });

  it('groups by two fields, one of them a hop away (manufacturer of the device type)', async () => {
    const direct = await api(mcp, '/api/dcim/devices/?limit=1000');
    const labels = direct.results.map((d) => `${nameOf((d.device_type as { manufacturer: unknown }).manufacturer)} / ${(d.status as { value: string }).value}`);
    const r = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', group_by: ['manufacturer', 'status'] });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toContain('manufacturer | status | count');
    expect(groups(r, 2)).toEqual(expectedGroups(labels));
    const [first] = expectedGroups(labels);
    expect((await apiOfUi(mcp, r.meta.links!.objects![first![0]]!)).count).toBe(first![1]);
  });

  it('counts every tag of an object, with (none) for untagged ones, and says so', async () => {
    const direct = await api(mcp, '/api/dcim/devices/?limit=1000');
    const labels = direct.results.flatMap((d) => {
      const tags = d.tags as { name: string }[];
      return tags.length ? tags.map((t) => t.name) : ['(none)'];
    });
    expect(labels.length).toBeGreaterThan(direct.count);
    const r = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', group_by: 'tags' });
    expect(groups(r, 1)).toEqual(expectedGroups(labels));
    expect(r.text).toContain('counts once in each of its groups, so counts may add up to more than the total');
    expect(r.text).toContain(`Total: ${direct.count}`);
  });

  it('groups by a custom field, as cf_<name> or by its bare name', async () => {
    const direct = await api(mcp, '/api/dcim/devices/?limit=1000');
    const labels = direct.results.map((d) => String((d.custom_fields as Record<string, unknown>).support_tier ?? '(none)'));
    expect(labels).toContain('(none)');
    const prefixed = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', group_by: 'cf_support_tier' });
    expect(prefixed.isError, prefixed.text).toBe(false);
    expect(groups(prefixed, 1)).toEqual(expectedGroups(labels));
    expect(prefixed.text).not.toContain('counts once in each');
    const bare = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', group_by: 'support_tier' });
    expect(groups(bare, 1)).toEqual(expectedGroups(labels));
    // NetBox filters custom fields as cf_<name>=<value> (the sandbox ignores those filters, so only the link is checked).
    const [top] = expectedGroups(labels.filter((l) => l !== '(none)'));
    expect(prefixed.meta.links!.objects![top![0]]).toBe(`${mcp.sandbox.url}/dcim/devices/?cf_support_tier=${top![0]}`);
  });

  it('has a (none) bucket for empty related fields, linked as <field>_id=null', async () => {
    const direct = await api(mcp, '/api/ipam/prefixes/?limit=1000');
    const labels = direct.results.map((p) => nameOf(p.vrf));
    const r = await mcp.call('netbox_count_objects', { object_type: 'ipam.prefix', group_by: 'vrf' });
    expect(groups(r, 1)).toEqual(expectedGroups(labels));
    const none = r.meta.links!.objects!['(none)']!;
    expect(none).toBe(`${mcp.sandbox.url}/ipam/prefixes/?vrf_id=null`);
    expect((await apiOfUi(mcp, none)).count).toBe(labels.filter((l) => l === '(none)').length);
  });

  it('answers 0 without asking NetBox when a related filter selects nothing', async () => {
    const sites = await api(mcp, '/api/dcim/sites/?limit=1000');
    const devices = await api(mcp, '/api/dcim/devices/?limit=1000');
    const used = new Set(devices.results.map((d) => (d.site as { id: number }).id));
    const empty = sites.results.find((s) => !used.has(s.id));
    expect(empty, 'a site without devices').toBeDefined();
    const r = await mcp.call('netbox_count_objects', { object_type: 'dcim.interface', filters: { device__site: String(empty!.name) }, group_by: 'type' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toContain(': 0 objects in 0 groups');
    expect(r.text).toContain(`device__site → 0 dcim.device`);
    expect(r.meta).toMatchObject({ total: 0, queries: [] });
  });

  it('reports bad input clearly', async () => {
    const typo = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', group_by: 'sitee' });
    expect(typo.isError).toBe(true);
    expect(typo.text).toMatch(/^INVALID_ARGUMENT: dcim\.device has no field 'sitee' to group by\./);
    expect(typo.text).toContain("Did you mean 'site'");

    const cf = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', group_by: 'cf_support' });
    expect(cf.isError).toBe(true);
    expect(cf.text).toContain("Did you mean 'cf_support_tier'");

    const three = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', group_by: ['site', 'status', 'role'] });
    expect(three.isError).toBe(true);
    expect(three.text).toContain('group_by');

    const type = await mcp.call('netbox_count_objects', { object_type: 'dcim.devcie' });
    expect(type.text).toMatch(/^UNKNOWN_OBJECT_TYPE: /);
    const filter = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', filters: { stauts: 'active' }, group_by: 'site' });
    expect(filter.text).toMatch(/^UNKNOWN_FILTER: .*'stauts'/);
    expect(filter.text).toMatch(/Did you mean .*'status'/);
    const name = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', filters: { site: 'Atlantis' } });
    expect(name.text).toMatch(/^OBJECT_NOT_FOUND: No dcim\.site is named 'Atlantis'/);
    const value = await mcp.call('netbox_count_objects', { object_type: 'dcim.device', filters: { status: 'bogus' } });
    expect(value.text).toMatch(/^INVALID_FILTER_VALUE: /);
  });
});

describe('netbox_count_objects within a small size budget', () => {
  const small = useMcp(undefined, () => ({ limits: { maxResultChars: 700 } }));

  it('keeps the largest groups whole and says how many were cut', async () => {
    const direct = await api(small, '/api/dcim/devices/?limit=1000');
    const expected = expectedGroups(direct.results.map((d) => `${nameOf(d.site)} / ${(d.status as { value: string }).value}`));
    const r = await small.call('netbox_count_objects', { object_type: 'dcim.device', group_by: ['site', 'status'] });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.length).toBeLessThanOrEqual(700);
    const shown = groups(r, 2);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.slice(0, shown.length));
    expect(r.text).toContain(`Cut to the ${shown.length} largest of ${expected.length} groups to stay within 700 characters`);
    expect(r.text).toContain(`Total: ${direct.count}`);
    expect(r.meta).toMatchObject({ rows: shown.length, total: direct.count, truncated: true });
  });
});
