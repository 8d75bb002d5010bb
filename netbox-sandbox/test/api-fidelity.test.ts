import { describe, expect, it } from 'vitest';
import { apiGet } from './support/api-client.ts';
import { DEMO_DUMP, demoDataset, useSandbox } from './support/test-sandbox.ts';

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };

/** PostgreSQL's `natural_sort` collation, as NetBox orders these names: digit runs by value, letters without case. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

describe('details NetBox 4.6 serves that a client can tell apart (generated data)', () => {
  const sandbox = useSandbox();
  const get = async (path: string): Promise<unknown> => {
    const res = await apiGet(sandbox.current.url, path, sandbox.current.authorization);
    expect(res.status, path).toBe(200);
    return res.body;
  };

  it("shows a VRF's import and export targets as whole RouteTargets (VRFSerializer nests them without nested=True)", async () => {
    const vrfs = (await get('/api/ipam/vrfs/?limit=100')) as Page;
    const withTargets = vrfs.results.filter((v) => (v.import_targets as unknown[]).length > 0 && (v.export_targets as unknown[]).length > 0);
    expect(withTargets.length).toBeGreaterThan(0);
    for (const vrf of withTargets) {
      for (const target of [...(vrf.import_targets as Json[]), ...(vrf.export_targets as Json[])]) {
        expect(target).toEqual(await get(`/api/ipam/route-targets/${String(target.id)}/`));
      }
    }
  });

  it('says an uncabled interface has no reachable endpoint with false, not null', async () => {
    const page = (await get('/api/dcim/interfaces/?cabled=false&limit=5')) as Page;
    expect(page.results.length).toBeGreaterThan(0);
    for (const iface of page.results) expect(iface.connected_endpoints_reachable).toBe(false);
    // An active path is reachable when it is complete too (a circuit ending at a site is not).
    const active = (await get('/api/dcim/interfaces/?connected=true&limit=100')) as Page;
    const reachable = active.results.map((i) => [i.connected_endpoints !== null, i.connected_endpoints_reachable]);
    expect(reachable).toContainEqual([true, true]);
    for (const [complete, flag] of reachable) expect(flag).toBe(complete);
  });

  it('lists at /api/ only the apps it serves, each with a root that lists its endpoints', async () => {
    const root = (await get('/api/')) as Record<string, string>;
    for (const [app, url] of Object.entries(root)) {
      expect(url).toBe(`${sandbox.current.url}/api/${app}/`);
      if (app === 'status') continue;
      const listing = (await get(`/api/${app}/`)) as Record<string, string>;
      if (app !== 'plugins') expect(Object.keys(listing).length, app).toBeGreaterThan(0);
    }
    expect(Object.keys(root)).not.toContain('vpn');
    expect(Object.keys(root)).not.toContain('wireless');
    expect(Object.keys(root)).toEqual(expect.arrayContaining(['circuits', 'core', 'dcim', 'extras', 'ipam', 'plugins', 'status', 'tenancy', 'users', 'virtualization']));
  });
});

describe.skipIf(!DEMO_DUMP)("names in NetBox's natural order (demo dump)", () => {
  const sandbox = useSandbox(async () => ({ dataset: await demoDataset() }));

  it.each([
    ['/api/virtualization/virtual-machines/', 'vm81', 'vm100'],
    ['/api/ipam/vlan-groups/', 'JBB104', 'JBB115'],
    ['/api/ipam/route-targets/', '65000:2', '65000:101'],
  ])('%s: %s comes before %s, and the whole list is in natural order', async (path, first, second) => {
    const res = await apiGet(sandbox.current.url, `${path}?limit=1000`, sandbox.current.authorization);
    const names = (res.body as Page).results.map((r) => String(r.name));
    if (names.includes(first) && names.includes(second)) expect(names.indexOf(first)).toBeLessThan(names.indexOf(second));
    expect(names).toEqual([...names].sort(naturalCompare));
    const reversed = await apiGet(sandbox.current.url, `${path}?limit=1000&ordering=-name`, sandbox.current.authorization);
    expect((reversed.body as Page).results.map((r) => String(r.name))).toEqual([...names].reverse());
  });
});
