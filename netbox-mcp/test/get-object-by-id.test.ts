import { describe, expect, it } from 'vitest';
import { useMcp, type McpHarness } from './support/mcp-harness.ts';

const mcp = useMcp();

type Row = Record<string, unknown> & { id: number };

/** Straight to the sandbox's REST API: the expected values never come from the tool under test. */
async function api<T = Row>(harness: McpHarness, path: string): Promise<T> {
  const response = await fetch(`${harness.sandbox.url}${path}`, { headers: { authorization: harness.sandbox.authorization } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function deviceId(harness: McpHarness, name: string): Promise<number> {
  const page = await api<{ count: number; results: Row[] }>(harness, `/api/dcim/devices/?name=${name}&brief=true`);
  expect(page.count).toBe(1);
  return page.results[0]!.id;
}

const label = (value: unknown): string => String((value as { display?: unknown; name?: unknown }).name ?? (value as { display: unknown }).display);

describe('netbox_get_object_by_id', () => {
  it('shows one device as compact field: value lines with its UI link', async () => {
    const id = await deviceId(mcp, 'chi-dc1-cr01');
    const device = await api(mcp, `/api/dcim/devices/${id}/?exclude=config_context`);
    const r = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id });
    expect(r.isError, r.text).toBe(false);
    const lines = r.text.split('\n');
    const url = `${mcp.sandbox.url}/dcim/devices/${id}/`;
    expect(lines[0]).toBe(`dcim.device #${id} · NetBox: ${url}`);
    expect(lines).toContain(`name: ${String(device.name)}`);
    expect(lines).toContain(`site: ${label(device.site)}`);
    expect(lines).toContain(`rack: ${label(device.rack)}`);
    expect(lines).toContain(`status: ${String((device.status as { value: string }).value)}`);
    expect(lines).toContain(`tags: ${(device.tags as { name: string }[]).map((t) => t.name).join(', ')}`);
    // Compact: no API URLs, no nulls, no empty values, no config context.
    expect(r.text.split('\n').slice(1).join('\n')).not.toContain('http');
    expect(r.text).not.toMatch(/: (null)?$/m);
    expect(r.text).not.toContain('config_context');
    expect(r.meta.queries).toEqual([`/api/dcim/devices/${id}/?exclude=config_context`]);
    expect(r.meta.links).toMatchObject({ list: `${mcp.sandbox.url}/dcim/devices/`, objects: { [String(id)]: url } });
    // The object and what it refers to, by name, for the chat UI to link.
    const site = device.site as { id: number; name: string };
    expect(r.meta.links?.names).toMatchObject({ [String(device.name)]: url, [site.name]: `${mcp.sandbox.url}/dcim/sites/${site.id}/` });
  });

  it('keeps only the fields asked for', async () => {
    const id = await deviceId(mcp, 'chi-dc1-cr01');
    const device = await api(mcp, `/api/dcim/devices/${id}/`);
    const r = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, fields: ['name', 'site'] });
    expect(r.text.split('\n').slice(1)).toEqual([`name: ${String(device.name)}`, `site: ${label(device.site)}`]);
    expect(r.meta.queries?.[0]).toContain('fields=id,name,site');
  });

  it('shows every field asked for, an empty one as "—" (null in JSON), and names a field the type does not have', async () => {
    const id = await deviceId(mcp, 'chi-dc1-cr01');
    const device = await api(mcp, `/api/dcim/devices/${id}/?exclude=config_context`);
    const empty = ['asset_tag', 'comments', 'oob_ip', 'cluster', 'airflow'].filter((f) => device[f] === null || device[f] === '');
    expect(empty.length).toBeGreaterThan(1);
    const fields = ['platform', ...empty, 'serial'];
    const r = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, fields });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n').slice(1)).toEqual([`platform: ${label(device.platform)}`, ...empty.map((f) => `${f}: —`), `serial: ${String(device.serial)}`]);

    const json = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, fields: [...fields, 'primary_ip6'], format: 'json' });
    const body = JSON.parse(json.text) as Record<string, unknown>;
    for (const f of empty) expect(body[f] === null || body[f] === '', f).toBe(true);
    // NetBox's own key order; every field asked for is there.
    expect(Object.keys(body).sort()).toEqual(['id', ...fields, 'primary_ip6'].sort());

    const unknown = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, fields: ['name', 'serail'] });
    expect(unknown.isError, unknown.text).toBe(false);
    expect(unknown.text).toContain("serail: — (dcim.device has no field 'serail'; did you mean 'serial'?)");
  });

  it('takes an id and booleans given as text', async () => {
    const id = await deviceId(mcp, 'chi-dc1-cr01');
    const asText = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: String(id), brief: 'true' });
    const asValues = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, brief: true });
    expect(asText.isError, asText.text).toBe(false);
    expect(asText.text).toBe(asValues.text);
  });

  it('gives NetBox raw JSON with format json, brief too', async () => {
    const id = await deviceId(mcp, 'chi-dc1-fw01');
    const full = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, format: 'json' });
    expect(JSON.parse(full.text)).toEqual(await api(mcp, `/api/dcim/devices/${id}/?exclude=config_context`));
    const brief = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, brief: true, format: 'json' });
    expect(JSON.parse(brief.text)).toEqual(await api(mcp, `/api/dcim/devices/${id}/?brief=true&exclude=config_context`));
    const withContext = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, fields: ['name', 'config_context'], format: 'json' });
    expect(JSON.parse(withContext.text)).toEqual(await api(mcp, `/api/dcim/devices/${id}/?fields=id,name,config_context`));
    expect(withContext.meta.queries?.[0]).not.toContain('exclude');
  });

  it('reads other types by their app.model name', async () => {
    const prefixes = await api<{ results: Row[] }>(mcp, '/api/ipam/prefixes/?limit=1');
    const prefix = prefixes.results[0]!;
    const r = await mcp.call('netbox_get_object_by_id', { object_type: 'ipam.prefix', object_id: prefix.id });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toContain(`prefix: ${String(prefix.prefix)}`);
    expect(r.meta.queries).toEqual([`/api/ipam/prefixes/${prefix.id}/`]);
  });

  it('names the type and id when there is no such object', async () => {
    const last = await api<{ results: Row[] }>(mcp, '/api/dcim/devices/?ordering=-id&limit=1');
    const missing = last.results[0]!.id + 1000;
    const r = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: missing });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(new RegExp(`^NETBOX_NOT_FOUND: No dcim\\.device has id ${missing}`));
  });

  it('rejects a bad id and an unknown type', async () => {
    for (const objectId of [0, -3, 1.5, 'chi-dc1-cr01']) {
      const r = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: objectId });
      expect(r.isError, String(objectId)).toBe(true);
      expect(r.text).toContain('object_id');
    }
    const r = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.devcie', object_id: 1 });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^UNKNOWN_OBJECT_TYPE: 'dcim.devcie'/);
    expect(r.text).toContain("'dcim.device'");
  });
});

describe('netbox_get_object_by_id within a small size budget', () => {
  const small = useMcp(undefined, () => ({ limits: { maxResultChars: 700 } }));

  it('cuts whole fields in compact form and says how many', async () => {
    const id = await deviceId(small, 'chi-dc1-cr01');
    const r = await small.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id });
    expect(r.text.length).toBeLessThanOrEqual(700);
    expect(r.meta.truncated).toBe(true);
    expect(r.text).toMatch(/\(\d+ more fields cut to stay within 700 characters; ask for specific fields\)$/);
    for (const line of r.text.split('\n').slice(1, -1)) expect(line).toMatch(/^[a-z0-9_]+: .+$/);
  });

  it('keeps the JSON parseable: whole fields dropped and named', async () => {
    const id = await deviceId(small, 'chi-dc1-cr01');
    const device = await api(small, `/api/dcim/devices/${id}/?exclude=config_context`);
    const r = await small.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: id, format: 'json' });
    expect(r.meta.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(700);
    const body = JSON.parse(r.text) as Record<string, unknown>;
    const note = String(body._truncated);
    delete body._truncated;
    for (const [key, value] of Object.entries(body)) expect(value, key).toEqual(device[key]);
    const dropped = Object.keys(device).filter((key) => !(key in body));
    expect(dropped.length).toBeGreaterThan(0);
    expect(note).toContain(`dropped ${dropped.join(', ')} to stay within 700 characters`);
  });
});
