import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../src/models/all-models.ts';
import { apiGet } from './support/api-client.ts';
import { generatedDataset, useSandbox } from './support/test-sandbox.ts';

const sandbox = useSandbox();
const registry = defaultRegistry();

describe('every endpoint the sandbox serves', () => {
  for (const model of registry.models) {
    const path = `/api/${model.key.split('.')[0]}/${model.path}/`;
    it(`${path} list, brief list and detail`, async () => {
      const rows = generatedDataset().tables[model.table] ?? [];
      const list = await apiGet(sandbox.current.url, `${path}?limit=5`, sandbox.current.authorization);
      expect(list.status).toBe(200);
      const body = list.body as { count: number; results: { id: number }[] };
      expect(body.count).toBe(rows.length);
      expect((await apiGet(sandbox.current.url, `${path}?limit=5&brief=true`, sandbox.current.authorization)).status).toBe(200);
      const first = body.results[0];
      if (first) {
        const one = await apiGet(sandbox.current.url, `${path}${first.id}/`, sandbox.current.authorization);
        expect(one.status).toBe(200);
        expect(one.body).toEqual(first);
      }
      const missing = await apiGet(sandbox.current.url, `${path}99999999/`, sandbox.current.authorization);
      expect(missing.status).toBe(404);
    });
  }

  it('lists the models of an app at its root, and the apps at /api/', async () => {
    const root = await apiGet(sandbox.current.url, '/api/', sandbox.current.authorization);
    expect(Object.keys(root.body as object)).toContain('dcim');
    const dcim = await apiGet(sandbox.current.url, '/api/dcim/', sandbox.current.authorization);
    expect((dcim.body as Record<string, string>).devices).toBe(`${sandbox.current.url}/api/dcim/devices/`);
  });

  it('redirects a path without its trailing slash, as Django does', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/devices?limit=1', sandbox.current.authorization);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/api/dcim/devices/?limit=1');
  });

  it('refuses writes: the sandbox is read-only', async () => {
    const res = await fetch(`${sandbox.current.url}/api/dcim/devices/`, { method: 'POST', headers: { authorization: sandbox.current.authorization } });
    expect(res.status).toBe(405);
  });

  it('describes what it serves at /api/schema/', async () => {
    const res = await apiGet(sandbox.current.url, '/api/schema/?format=json', sandbox.current.authorization);
    expect(res.status).toBe(200);
    const doc = (typeof res.body === 'string' ? JSON.parse(res.body) : res.body) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.0.3');
    for (const model of registry.models) {
      expect(doc.paths[`/api/${model.key.split('.')[0]}/${model.path}/`], model.key).toBeDefined();
      expect(doc.components.schemas[model.schemaName], model.key).toBeDefined();
    }
    for (const action of ['/api/dcim/interfaces/{id}/trace/', '/api/dcim/front-ports/{id}/paths/', '/api/circuits/circuit-terminations/{id}/paths/', '/api/ipam/prefixes/{id}/available-ips/', '/api/ipam/prefixes/{id}/available-prefixes/', '/api/ipam/ip-ranges/{id}/available-ips/', '/api/ipam/vlan-groups/{id}/available-vlans/', '/api/ipam/asn-ranges/{id}/available-asns/']) {
      expect(doc.paths[action], action).toBeDefined();
    }
    expect(doc.components.schemas.AvailableIP).toBeDefined();
    const params = (doc.paths['/api/dcim/devices/'] as { get: { parameters: { name: string }[] } }).get.parameters.map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['site', 'site_id', 'name__ic', 'tag', 'q', 'limit', 'offset', 'start']));
  });
});
