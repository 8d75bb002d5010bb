import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMcp, type McpHarness } from './support/mcp-harness.ts';

const mcp = useMcp();

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema?: { readonly type?: string; readonly enum?: unknown[]; readonly items?: { readonly enum?: unknown[] } };
}
interface Schema {
  readonly paths: Record<string, { get?: { parameters?: Parameter[] } }>;
}

/** Straight to the sandbox's REST API: the expected values never come from the tool under test. */
async function api<T>(harness: McpHarness, path: string): Promise<T> {
  const response = await fetch(`${harness.sandbox.url}${path}`, { headers: { authorization: harness.sandbox.authorization } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** List paths with a detail sibling: the object types NetBox serves. */
function listPaths(schema: Schema): string[] {
  return Object.keys(schema.paths).filter((path) => /^\/api\/(plugins\/)?[^/{}]+\/[^/{}]+\/$/.test(path) && schema.paths[`${path}{id}/`] && schema.paths[path]!.get);
}

const CONTROL = new Set(['limit', 'offset', 'ordering', 'fields', 'omit', 'brief', 'exclude', 'format', 'start']);
const LOOKUP = /__(n|ic|nic|ie|nie|iew|niew|isw|nisw|empty|regex|iregex|lt|lte|gt|gte)$/;

describe('netbox_describe_type', () => {
  it('lists every object type by app', async () => {
    const schema = await api<Schema>(mcp, '/api/schema/?format=json');
    const status = await api<Record<string, unknown>>(mcp, '/api/status/');
    const paths = listPaths(schema);
    const apps = new Set(paths.map((p) => p.split('/')[2]));
    const r = await mcp.call('netbox_describe_type', {});
    expect(r.isError, r.text).toBe(false);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe(`NetBox ${String(status['netbox-version'])}: ${paths.length} object types in ${apps.size} apps. Name a type as app.model, e.g. dcim.device.`);
    const appLines = lines.slice(1, -1);
    expect(appLines.map((line) => line.split(':')[0]).sort()).toEqual([...apps].sort());
    // Every type appears once, one line per app; the counts add up.
    expect(appLines.reduce((n, line) => n + line.split(': ')[1]!.split(', ').length, 0)).toBe(paths.length);
    const dcim = appLines.find((line) => line.startsWith('dcim: '))!.slice(6).split(', ');
    for (const model of ['device', 'interface', 'site', 'rack', 'cable']) expect(dcim).toContain(model);
    expect(r.text).not.toContain('(plugin)');
  });

  it('describes one type: fields with targets, filters grouped with lookups and choices, custom fields, an example', async () => {
    const schema = await api<Schema>(mcp, '/api/schema/?format=json');
    const params = schema.paths['/api/dcim/devices/']!.get!.parameters!.filter((p) => p.in === 'query');
    const r = await mcp.call('netbox_describe_type', { object_type: 'device' });
    expect(r.isError, r.text).toBe(false);
    const lines = r.text.split('\n');
    expect(lines[0]).toBe(`dcim.device · API /api/dcim/devices/ · NetBox: ${mcp.sandbox.url}/dcim/devices/ · object: ${mcp.sandbox.url}/dcim/devices/{id}/`);
    const fields = lines.find((line) => line.startsWith('Fields: '))!.slice(8).split(', ');
    for (const field of ['name', 'site→dcim.site', 'rack→dcim.rack', 'device_type→dcim.devicetype', 'status (choice)', 'tags→extras.tag[]']) expect(fields).toContain(field);
    expect(fields).not.toContain('url');

    const filters = lines.slice(lines.indexOf('Filters:') + 1, -1);
    const status = params.find((p) => p.name === 'status')!;
    const choices = (status.schema?.items?.enum ?? status.schema?.enum ?? []).map(String).filter((c) => c !== 'null');
    expect(choices.length).toBeGreaterThan(3);
    expect(filters).toContain(`status [text]: ${choices.join(', ')}`);
    expect(filters).toContain('name [text]');
    expect(filters).toContain('site → dcim.site [n]');
    expect(filters).toContain('has_primary_ip: true/false');
    expect(filters).toContain('id [cmp] (number)');
    expect(filters).toContain('q: free-text search');
    // Every filter NetBox offers is on some line: its base name, or the related name of an _id filter.
    const bases = new Set(filters.map((line) => line.split(/[ :]/)[0]));
    for (const p of params.filter((x) => !CONTROL.has(x.name))) {
      const base = p.name.replace(LOOKUP, '');
      expect(bases.has(base) || bases.has(base.replace(/_id$/, '')), p.name).toBe(true);
    }

    const custom = await api<{ results: { name: string; type: { value: string } }[] }>(mcp, '/api/extras/custom-fields/?object_type=dcim.device');
    expect(custom.results.length).toBeGreaterThan(0);
    expect(r.text).toContain(`Custom fields (filter and group_by as cf_<name>): ${custom.results.map((f) => `${f.name} (${f.type.value})`).join(', ')}`);
    expect(r.meta.queries).toEqual(['/api/extras/custom-fields/?object_type=dcim.device&limit=1000']);

    // The example is a call that works once its placeholder is filled in.
    const example = JSON.parse(lines.at(-1)!.replace(/^Example: netbox_get_objects /, '')) as { object_type: string; filters: Record<string, string> };
    expect(example).toEqual({ object_type: 'dcim.device', filters: { site: '<site name>', status: 'active' } });
    const site = (await api<{ results: { name: string }[] }>(mcp, '/api/dcim/sites/?limit=1')).results[0]!.name;
    const run = await mcp.call('netbox_get_objects', { ...example, filters: { ...example.filters, site } });
    expect(run.isError, run.text).toBe(false);
  });

  it('rejects an unknown type with a suggestion', async () => {
    const r = await mcp.call('netbox_describe_type', { object_type: 'ipam.prefixx' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^UNKNOWN_OBJECT_TYPE: 'ipam.prefixx'/);
    expect(r.text).toContain("'ipam.prefix'");
  });
});

describe('netbox_describe_type within a small size budget', () => {
  const small = useMcp(undefined, () => ({ limits: { maxResultChars: 2500 } }));

  it('cuts whole filter lines and says how many', async () => {
    const r = await small.call('netbox_describe_type', { object_type: 'dcim.device' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.length).toBeLessThanOrEqual(2500);
    expect(r.meta.truncated).toBe(true);
    const match = /\((\d+) more filters cut to stay within 2500 characters\)/.exec(r.text);
    expect(match).not.toBeNull();
    const lines = r.text.split('\n');
    const shown = lines.indexOf(match![0]) - lines.indexOf('Filters:') - 1;
    expect(shown).toBeGreaterThan(0);
    expect(r.meta.rows).toBe(shown);
    expect(shown + Number(match![1])).toBe(r.meta.total);
    expect(lines.find((line) => line.startsWith('Fields: '))!.endsWith(', …')).toBe(true);
  });
});

describe('netbox_describe_type with plugin types', () => {
  /** A NetBox whose schema also has a plugin's endpoints, served by rewriting the sandbox's schema. */
  const proxy: { server?: Server; url?: string } = {};
  beforeAll(async () => {
    proxy.server = createServer((req, res) => {
      void (async () => {
        const path = req.url ?? '/';
        const upstream = await fetch(`${plugged.sandbox.url}${path}`, { headers: { authorization: String(req.headers.authorization ?? '') } });
        let body = Buffer.from(await upstream.arrayBuffer());
        if (path.startsWith('/api/schema/')) {
          const schema = JSON.parse(body.toString()) as Schema;
          schema.paths['/api/plugins/bgp/sessions/'] = schema.paths['/api/dcim/sites/']!;
          schema.paths['/api/plugins/bgp/sessions/{id}/'] = schema.paths['/api/dcim/sites/{id}/']!;
          body = Buffer.from(JSON.stringify(schema));
        }
        res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
      })();
    });
    await new Promise<void>((resolve) => proxy.server!.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.server?.close(resolve));
  });
  const plugged = useMcp(undefined, () => ({ netbox: { url: proxy.url! } }));

  it('marks plugin apps', async () => {
    const r = await plugged.call('netbox_describe_type', {});
    expect(r.text.split('\n')).toContain('bgp (plugin): site');
    const one = await plugged.call('netbox_describe_type', { object_type: 'bgp.site' });
    expect(one.text.split('\n')[0]).toBe(`bgp.site (plugin) · API /api/plugins/bgp/sessions/ · NetBox: ${proxy.url}/plugins/bgp/sessions/ · object: ${proxy.url}/plugins/bgp/sessions/{id}/`);
  });
});
