import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();
const small = useMcp(undefined, () => ({ limits: { maxResultChars: 1500 } }));

interface Page<T> {
  count: number;
  results: T[];
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${mcp.sandbox.url}${path}`, { headers: { authorization: `Token ${mcp.sandbox.token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
const count = async (path: string): Promise<number> => (await api<Page<unknown>>(`${path}&limit=1`)).count;

/** `type: all N` / `type: k of N` / `type: N` section lines → type → N. */
function sectionCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z]+\.[a-z]+(?: \([a-z_]+\))?): (?:all (\d+)|\d+ of (\d+)|(\d+)) · NetBox: /.exec(line);
    if (m) out.set(m[1]!, Number(m[2] ?? m[3] ?? m[4]));
  }
  return out;
}

describe('netbox_related_objects', () => {
  it('answers "what is tagged T" across every type, matching the tag\'s own item count', async () => {
    const tag = (await api<Page<{ id: number; name: string; slug: string; tagged_items: number }>>('/api/extras/tags/?slug=monitored')).results[0]!;
    const r = await mcp.call('netbox_related_objects', { object_type: 'extras.tag', object: tag.name });
    expect(r.isError, r.text).toBe(false);
    const counts = sectionCounts(r.text);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(tag.tagged_items);
    expect(r.text.split('\n')[0]).toContain(`extras.tag #${tag.id} ${tag.name}`);
    expect(r.text.split('\n')[0]).toContain(`: ${tag.tagged_items} in ${counts.size} types`);
    // Each count, by the slug filter rather than the id filter the tool used.
    expect(counts.get('dcim.device')).toBe(await count(`/api/dcim/devices/?tag=${tag.slug}`));
    expect(counts.get('virtualization.virtualmachine')).toBe(await count(`/api/virtualization/virtual-machines/?tag=${tag.slug}`));
    expect(counts.get('ipam.ipaddress')).toBe(await count(`/api/ipam/ip-addresses/?tag=${tag.slug}`));
    // Busiest types first, types with none named in one line.
    expect([...counts.values()]).toEqual([...counts.values()].sort((a, b) => b - a));
    expect(r.text).toMatch(/^None in the \d+ other types that can reference it/m);
    expect(r.meta.total).toBe(tag.tagged_items);
    expect(r.meta.queries).toContain(`/api/dcim/devices/?tag_id=${tag.id}&brief=true&limit=5`);
  });

  it('answers "what objects does tenant T have", matching the tenant\'s own counts', async () => {
    const tenant = (await api<Page<Record<string, number | string>>>('/api/tenancy/tenants/?slug=kestrel-retail')).results[0]!;
    const r = await mcp.call('netbox_related_objects', { object_type: 'tenancy.tenant', object: 'kestrel-retail', limit_per_type: 3 });
    expect(r.isError, r.text).toBe(false);
    const counts = sectionCounts(r.text);
    const expected: [string, string][] = [
      ['dcim.device', 'device_count'],
      ['dcim.site', 'site_count'],
      ['dcim.rack', 'rack_count'],
      ['ipam.prefix', 'prefix_count'],
      ['ipam.vlan', 'vlan_count'],
      ['ipam.vrf', 'vrf_count'],
      ['ipam.ipaddress', 'ipaddress_count'],
      ['circuits.circuit', 'circuit_count'],
      ['virtualization.virtualmachine', 'virtualmachine_count'],
      ['virtualization.cluster', 'cluster_count'],
    ];
    for (const [type, field] of expected) {
      const n = Number(tenant[field] ?? 0);
      if (n === 0) expect(counts.has(type), type).toBe(false);
      else expect(counts.get(type), type).toBe(n);
    }
    const devices = await api<Page<{ id: number; name: string }>>(`/api/dcim/devices/?tenant_id=${tenant.id}&limit=3&brief=true`);
    expect(r.text).toContain(`dcim.device: 3 of ${devices.count} · NetBox: ${mcp.sandbox.url}/dcim/devices/?tenant_id=${tenant.id}`);
    for (const d of devices.results) {
      expect(r.text).toContain(`\n${d.id} | ${d.name}`);
      expect(r.meta.links?.objects?.[`dcim.device:${d.id}`]).toBe(`${mcp.sandbox.url}/dcim/devices/${d.id}/`);
    }
    // Interfaces only repeat their device's tenant: named as left out, not counted.
    expect(counts.has('dcim.interface')).toBe(false);
    expect(r.text).toMatch(/^Left out as they only repeat their device\/VM .*dcim\.interface/m);
  });

  it('does not count virtual chassis toward a tenant through their master device', async () => {
    const chassis = (await api<Page<{ id: number; master: { id: number } | null }>>('/api/dcim/virtual-chassis/?limit=100')).results;
    const master = await api<{ tenant: { id: number; slug: string } | null }>(`/api/dcim/devices/${chassis.find((c) => c.master)!.master!.id}/`);
    const tenant = master.tenant!;
    // NetBox filters a virtual chassis by its master's tenant: the chassis is the device's, not the tenant's own.
    expect(await count(`/api/dcim/virtual-chassis/?tenant_id=${tenant.id}`)).toBeGreaterThan(0);
    const r = await mcp.call('netbox_related_objects', { object_type: 'tenancy.tenant', object: tenant.slug, limit_per_type: 0 });
    expect(r.isError, r.text).toBe(false);
    const counts = sectionCounts(r.text);
    expect(counts.has('dcim.virtualchassis')).toBe(false);
    expect(r.text).toMatch(/^Left out as they only repeat their device\/VM .*dcim\.virtualchassis/m);
    expect(r.meta.total).toBe([...counts.values()].reduce((a, b) => a + b, 0));
  });

  it('for a name several objects share, asks for the id: the tool has no filter to tell them apart', async () => {
    const racks = await api<Page<{ id: number }>>('/api/dcim/racks/?name=R01&limit=100');
    expect(racks.count).toBeGreaterThan(1);
    const r = await mcp.call('netbox_related_objects', { object_type: 'dcim.rack', object: 'R01' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^AMBIGUOUS_NAME: 'R01' matches \d+ dcim\.rack objects/);
    expect(r.text).toContain(`Hint: Call again with the id of the one you mean, e.g. object: ${racks.results[0]!.id}.`);
    expect(r.text).not.toMatch(/add a filter/);
  });

  it('answers "what is in rack R" and leaves the rack\'s own type out', async () => {
    const rack = (await api<Page<{ id: number; name: string; site: { id: number } }>>('/api/dcim/racks/?limit=1')).results[0]!;
    const r = await mcp.call('netbox_related_objects', { object_type: 'dcim.rack', object: rack.id, limit_per_type: 50 });
    expect(r.isError, r.text).toBe(false);
    const counts = sectionCounts(r.text);
    const devices = await api<Page<{ id: number; name: string }>>(`/api/dcim/devices/?rack_id=${rack.id}&limit=50`);
    expect(counts.get('dcim.device')).toBe(devices.count);
    expect(r.text).toContain(`dcim.device: all ${devices.count} · `);
    for (const d of devices.results) expect(r.text).toContain(`\n${d.id} | ${d.name}`);
    expect(counts.get('dcim.cable')).toBe(await count(`/api/dcim/cables/?rack_id=${rack.id}`));
    expect(counts.has('dcim.rack')).toBe(false);
  });

  it('counts only, or only the named types (components included when asked)', async () => {
    const site = (await api<Page<{ id: number; slug: string }>>('/api/dcim/sites/?slug=chi-dc1')).results[0]!;
    const onlyCounts = await mcp.call('netbox_related_objects', { object_type: 'site', object: 'chi-dc1', limit_per_type: 0 });
    expect(onlyCounts.text).toMatch(new RegExp(`^dcim\\.device: ${await count(`/api/dcim/devices/?site_id=${site.id}`)} · NetBox: `, 'm'));
    expect(onlyCounts.text).not.toContain('id | name');
    const named = await mcp.call('netbox_related_objects', { object_type: 'dcim.site', object: site.id, types: ['dcim.interface', 'ipam.vlan'], limit_per_type: 1 });
    const counts = sectionCounts(named.text);
    expect([...counts.keys()].sort()).toEqual(['dcim.interface', 'ipam.vlan']);
    expect(counts.get('dcim.interface')).toBe(await count(`/api/dcim/interfaces/?site_id=${site.id}`));
    expect(named.text.split('\n')[0]).toContain('2 types checked');
  });

  it('names each filter when a type refers to the object twice', async () => {
    const r = await mcp.call('netbox_related_objects', { object_type: 'dcim.device', object: 'chi-dc1-cr01', limit_per_type: 1 });
    expect(r.isError, r.text).toBe(false);
    expect(r.meta.queries?.some((q) => q.startsWith('/api/dcim/device-bays/?installed_device_id='))).toBe(true);
    const device = (await api<Page<{ id: number }>>('/api/dcim/devices/?name=chi-dc1-cr01')).results[0]!;
    expect(sectionCounts(r.text).get('dcim.interface')).toBe(await count(`/api/dcim/interfaces/?device_id=${device.id}`));
    // The device column would only repeat the device asked about.
    expect(r.text).not.toMatch(/^id \| device \|/m);
  });

  it('cuts rows, never the per-type counts, at the budget', async () => {
    const tag = (await api<Page<{ tagged_items: number }>>('/api/extras/tags/?slug=monitored')).results[0]!;
    const r = await small.call('netbox_related_objects', { object_type: 'extras.tag', object: 'monitored', limit_per_type: 20 });
    expect(r.isError).toBe(false);
    expect([...sectionCounts(r.text).values()].reduce((a, b) => a + b, 0)).toBe(tag.tagged_items);
    expect(r.text).toMatch(/\(cut \d+ of \d+ rows to stay within 1500 characters/);
    expect(r.meta.truncated).toBe(true);
  });

  it('reports types that failed by name and error code instead of calling them empty', async () => {
    await mcp.call('netbox_related_objects', { object_type: 'dcim.rack', object: 1 });
    mcp.sandbox.setFaults({ errorRate: 1, errorStatus: 501 });
    try {
      const r = await mcp.call('netbox_related_objects', { object_type: 'dcim.rack', object: 1 });
      expect(r.isError).toBe(false);
      expect(r.text).toMatch(/^Failed \(counts unknown\): .*dcim\.device \(NETBOX_SERVER_ERROR\)/m);
      expect(r.text).not.toMatch(/^None in the /m);
      expect(r.meta.truncated).toBe(true);
    } finally {
      mcp.sandbox.setFaults({ errorRate: 0 });
    }
  });

  it('rejects unknown types, unknown and ambiguous names, and bad ids clearly', async () => {
    const type = await mcp.call('netbox_related_objects', { object_type: 'dcim.sites_x', object: 'chi-dc1' });
    expect(type.text).toMatch(/^UNKNOWN_OBJECT_TYPE: 'dcim.sites_x'/);
    const name = await mcp.call('netbox_related_objects', { object_type: 'dcim.site', object: 'atlantis' });
    expect(name.text).toMatch(/^OBJECT_NOT_FOUND: No dcim.site is named 'atlantis'/);
    const vlans = await api<Page<{ id: number }>>('/api/ipam/vlans/?name=DATA&limit=1');
    expect(vlans.count).toBeGreaterThan(1);
    const ambiguous = await mcp.call('netbox_related_objects', { object_type: 'ipam.vlan', object: 'DATA' });
    expect(ambiguous.text).toMatch(new RegExp(`^AMBIGUOUS_NAME: 'DATA' matches ${vlans.count} ipam.vlan objects`));
    const badId = await mcp.call('netbox_related_objects', { object_type: 'dcim.rack', object: 999_999 });
    expect(badId.text).toMatch(/^OBJECT_NOT_FOUND: No dcim.rack is named '999999'/);
    const badType = await mcp.call('netbox_related_objects', { object_type: 'dcim.site', object: 'chi-dc1', types: ['dcim.nothing'] });
    expect(badType.text).toMatch(/^UNKNOWN_OBJECT_TYPE: 'dcim.nothing'/);
  });
});
