import { describe, expect, it } from 'vitest';
import { NameLinks } from '../src/format/name-links.ts';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();

interface Page<T> {
  count: number;
  results: T[];
}
type Row = Record<string, unknown> & { id: number; name: string };

/** Straight to the sandbox's REST API: the expected values never come from the tool under test. */
async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${mcp.sandbox.url}${path}`, { headers: { authorization: `Token ${mcp.sandbox.token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function one(path: string): Promise<Row> {
  const page = await api<Page<Row>>(path);
  expect(page.count, path).toBe(1);
  return page.results[0]!;
}

describe('names of the objects a result shows (UI metadata)', () => {
  it('gives every device of a list under its name, linked to its NetBox page, and leaves the text alone', async () => {
    const site = await one('/api/dcim/sites/?slug=chi-dc1');
    const direct = await api<Page<Row>>(`/api/dcim/devices/?site_id=${site.id}&limit=1000`);
    expect(direct.count).toBeGreaterThan(1);
    const call = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'chi-dc1' }, limit: 1000 });
    expect(call.isError, call.text).toBe(false);
    const names = call.meta.links?.names ?? {};
    // By name, and by NetBox's display (which adds the asset tag where there is one).
    expect(names).toMatchObject(Object.fromEntries(direct.results.map((d) => [d.name, `${mcp.sandbox.url}/dcim/devices/${d.id}/`])));
    for (const d of direct.results) if (typeof d.display === 'string') expect(names[d.display]).toBe(names[d.name]);
    // The same URLs as the per-object links, and nothing of it in what the model reads.
    expect([...new Set(Object.values(names))].sort()).toEqual(Object.values(call.meta.links?.objects ?? {}).sort());
    expect(call.text).not.toContain('names');
  });

  it('names only the rows shown when a list is cut', async () => {
    const call = await mcp.call('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'chi-dc1' }, limit: 3 });
    expect(new Set(Object.values(call.meta.links?.names ?? {})).size).toBe(3);
  });

  it('names a device profile: the device, its site and rack, and its interfaces', async () => {
    const device = await one('/api/dcim/devices/?name=chi-dc1-cr01&exclude=config_context');
    const call = await mcp.call('netbox_device_profile', { device: 'chi-dc1-cr01', sections: ['interfaces'] });
    expect(call.isError, call.text).toBe(false);
    const names = call.meta.links?.names ?? {};
    expect(names['chi-dc1-cr01']).toBe(`${mcp.sandbox.url}/dcim/devices/${device.id}/`);
    const site = device.site as { id: number; name: string };
    expect(names[site.name]).toBe(`${mcp.sandbox.url}/dcim/sites/${site.id}/`);
    const rack = device.rack as { id: number; name: string } | null;
    if (rack) expect(names[rack.name]).toBe(`${mcp.sandbox.url}/dcim/racks/${rack.id}/`);
    const ifaces = await api<Page<Row>>(`/api/dcim/interfaces/?device_id=${device.id}&limit=1000`);
    const first = ifaces.results[0]!;
    expect(names[first.name]).toBe(`${mcp.sandbox.url}/dcim/interfaces/${first.id}/`);
  });

  it('names an IP with and without its mask, its device, and the prefixes that contain it', async () => {
    const page = await api<Page<Row & { address: string; assigned_object: { device?: { id: number; name: string } } | null }>>(
      '/api/ipam/ip-addresses/?assigned_object_type=dcim.interface&limit=1',
    );
    const ip = page.results[0]!;
    const host = ip.address.split('/')[0]!;
    const call = await mcp.call('netbox_ip_profile', { address: host });
    expect(call.isError, call.text).toBe(false);
    const names = call.meta.links?.names ?? {};
    const url = `${mcp.sandbox.url}/ipam/ip-addresses/${ip.id}/`;
    expect(names[ip.address]).toBe(url);
    expect(names[host]).toBe(url);
    const device = ip.assigned_object?.device;
    if (device) expect(names[device.name]).toBe(`${mcp.sandbox.url}/dcim/devices/${device.id}/`);
    const prefixes = await api<Page<{ id: number; prefix: string }>>(`/api/ipam/prefixes/?contains=${host}&limit=100`);
    expect(prefixes.count).toBeGreaterThan(0);
    for (const p of prefixes.results) expect(names[p.prefix]).toBe(`${mcp.sandbox.url}/ipam/prefixes/${p.id}/`);
  });

  it('names the prefix of a usage answer and its children', async () => {
    const page = await api<Page<{ id: number; prefix: string; children: number }>>('/api/ipam/prefixes/?status=container&limit=1');
    const container = page.results[0]!;
    const call = await mcp.call('netbox_prefix_usage', { prefix: container.prefix });
    expect(call.isError, call.text).toBe(false);
    const names = call.meta.links?.names ?? {};
    expect(names[container.prefix]).toBe(`${mcp.sandbox.url}/ipam/prefixes/${container.id}/`);
    expect(Object.keys(names).length).toBe(Object.keys(call.meta.links?.objects ?? {}).length);
  });

  it('names the object a change log is about, as it is now', async () => {
    const device = await one('/api/dcim/devices/?name=chi-dc1-cr01&exclude=config_context');
    const call = await mcp.call('netbox_get_changelogs', { object_type: 'dcim.device', object: 'chi-dc1-cr01', since: '1000d' });
    expect(call.isError, call.text).toBe(false);
    expect(call.meta.links?.names?.['chi-dc1-cr01']).toBe(`${mcp.sandbox.url}/dcim/devices/${device.id}/`);
  });

  it('names the object asked about and the rows that refer to it', async () => {
    const site = await one('/api/dcim/sites/?slug=chi-dc1');
    const call = await mcp.call('netbox_related_objects', { object_type: 'dcim.site', object: 'chi-dc1', types: ['dcim.device'] });
    expect(call.isError, call.text).toBe(false);
    const names = call.meta.links?.names ?? {};
    expect(names[site.name]).toBe(`${mcp.sandbox.url}/dcim/sites/${site.id}/`);
    const devices = Object.values(names).filter((url) => url.includes('/dcim/devices/'));
    expect(new Set(devices).size).toBe(Object.keys(call.meta.links?.objects ?? {}).filter((key) => key.startsWith('dcim.device:')).length);
    expect(devices.length).toBeGreaterThan(0);
  });

  it('names search hits under their names', async () => {
    const device = await one('/api/dcim/devices/?name=chi-dc1-cr01&exclude=config_context');
    const call = await mcp.call('netbox_search_objects', { query: 'chi-dc1-cr01', object_types: ['dcim.device'] });
    expect(call.isError, call.text).toBe(false);
    expect(call.meta.links?.names?.['chi-dc1-cr01']).toBe(`${mcp.sandbox.url}/dcim/devices/${device.id}/`);
  });
});

describe('NameLinks', () => {
  it('drops a name two objects share, and short or all-digit names', () => {
    const names = new NameLinks()
      .add('em0', 'https://nb/dcim/interfaces/1/')
      .add('em0', 'https://nb/dcim/interfaces/2/')
      .add('sw-01', 'https://nb/dcim/devices/1/')
      .add('sw-01', 'https://nb/dcim/devices/1/')
      .add('ab', 'https://nb/dcim/devices/2/')
      .add('1234', 'https://nb/ipam/vlans/3/')
      .add('  core-02 ', 'https://nb/dcim/devices/4/')
      .add(42, 'https://nb/dcim/devices/5/');
    expect(names.toRecord()).toEqual({ 'sw-01': 'https://nb/dcim/devices/1/', 'core-02': 'https://nb/dcim/devices/4/' });
    expect(new NameLinks().add('x', 'https://nb/').toRecord()).toBeUndefined();
  });

  it('links a nested object through its API path on this NetBox, whatever host its url names', () => {
    const names = new NameLinks().addRelated(
      { site: { id: 7, url: 'http://internal:8080/api/dcim/sites/7/', display: 'CHI-DC1', name: 'CHI-DC1' }, status: { value: 'active', label: 'Active' } },
      (path) => `https://nb.example${path.replace(/^\/api/, '')}`,
    );
    expect(names.toRecord()).toEqual({ 'CHI-DC1': 'https://nb.example/dcim/sites/7/' });
  });
});
