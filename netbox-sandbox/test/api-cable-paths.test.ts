import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/sandbox.ts';
import { apiGet } from './support/api-client.ts';
import { DEMO_DUMP, demoDataset, useSandbox } from './support/test-sandbox.ts';

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };
type Segment = [Json[], Json | [], Json[]];

/** TracedCableSerializer's fields, in order. */
const TRACED_CABLE_KEYS = ['id', 'url', 'display_url', 'type', 'status', 'label', 'color', 'length', 'length_unit', 'description'];

const ENDPOINTS: Readonly<Record<string, string>> = {
  'dcim.interface': '/api/dcim/interfaces/',
  'dcim.frontport': '/api/dcim/front-ports/',
  'dcim.rearport': '/api/dcim/rear-ports/',
  'dcim.consoleport': '/api/dcim/console-ports/',
  'dcim.consoleserverport': '/api/dcim/console-server-ports/',
  'dcim.powerport': '/api/dcim/power-ports/',
  'dcim.poweroutlet': '/api/dcim/power-outlets/',
  'dcim.powerfeed': '/api/dcim/power-feeds/',
  'circuits.circuittermination': '/api/circuits/circuit-terminations/',
};

function client(sandbox: () => RunningSandbox) {
  return async <T = unknown>(path: string): Promise<T> => {
    const res = await apiGet(sandbox().url, path, sandbox().authorization);
    expect(res.status, path).toBe(200);
    return res.body as T;
  };
}

const ids = (list: readonly Json[]): number[] => list.map((o) => Number(o.id));
/** The `?brief=true` form of an object without its relation counts: what NetBox nests in a trace. */
const nestedForm = (brief: Json): Json => Object.fromEntries(Object.entries(brief).filter(([k]) => !k.endsWith('_count')));

/**
 * What a trace must say about a cabled port, checked against the port's own API representation and the
 * cable's: the first segment starts at the port, over its cable, at its link peers; the last ends at its
 * connected endpoints when the path is complete; every cable is shown as TracedCableSerializer shows it.
 */
async function checkTrace(get: ReturnType<typeof client>, endpoint: string, port: Json): Promise<Segment[]> {
  const trace = await get<Segment[]>(`${endpoint}${String(port.id)}/trace/`);
  if (!port.cable) {
    expect(trace).toEqual([]);
    return trace;
  }
  expect(trace.length).toBeGreaterThan(0);
  const [near, cable, far] = trace[0]!;
  expect(near).toEqual([nestedForm(await get<Json>(`${endpoint}${String(port.id)}/?brief=true`))]);
  expect((cable as Json).id).toBe((port.cable as Json).id);
  expect(ids(far)).toEqual(ids(port.link_peers as Json[]));
  for (const [, segmentCable] of trace) {
    if (Array.isArray(segmentCable)) continue;
    expect(Object.keys(segmentCable)).toEqual(TRACED_CABLE_KEYS);
    const full = await get<Json>(`/api/dcim/cables/${String(segmentCable.id)}/`);
    expect(segmentCable).toMatchObject({
      url: full.url,
      display_url: full.display_url,
      status: (full.status as Json).value,
      label: full.label,
      color: full.color,
      length: full.length,
      length_unit: (full.length_unit as Json | null)?.value ?? null,
      description: full.description,
    });
  }
  const endpoints = port.connected_endpoints as Json[] | null;
  if (endpoints) expect(ids(trace.at(-1)![2])).toEqual(ids(endpoints));
  return trace;
}

describe('cable traces and paths (generated data)', () => {
  const sandbox = useSandbox();
  const get = client(() => sandbox.current);

  it('traces every cabled interface of a device to where its connected endpoints say it ends', async () => {
    const page = await get<Page>('/api/dcim/interfaces/?device=chi-dc1-cr01&limit=100');
    const cabled = page.results.filter((i) => i.cable);
    expect(cabled.length).toBeGreaterThan(3);
    for (const iface of page.results) await checkTrace(get, '/api/dcim/interfaces/', iface);
  });

  it('follows a leaf uplink through both patch panels: front port, rear port, trunk, rear port, front port', async () => {
    const uplinks = await get<Page>('/api/dcim/interfaces/?device=chi-dc1-lf01&name=Ethernet49/1');
    const trace = await checkTrace(get, '/api/dcim/interfaces/', uplinks.results[0]!);
    const types = trace.map(([near, , far]) => [String(near[0]?.url).split('/')[5], String(far[0]?.url).split('/')[5]]);
    expect(types).toEqual([
      ['interfaces', 'front-ports'],
      ['rear-ports', 'rear-ports'],
      ['front-ports', 'interfaces'],
    ]);
    // The panels' ports report the same path, start to end.
    for (const [near] of trace.slice(1)) {
      const kind = String(near[0]!.url).split('/')[5];
      const paths = await get<Json[]>(`/api/dcim/${kind}/${String(near[0]!.id)}/paths/`);
      const mine = paths.find((p) => ids((p.path as Json[][])[0]!)[0] === uplinks.results[0]!.id);
      expect(mine, kind).toBeDefined();
      expect(mine).toMatchObject({ is_active: true, is_complete: true, is_split: false });
      expect(Object.keys(mine!)).toEqual(['id', 'path', 'is_active', 'is_complete', 'is_split']);
      expect(ids((mine!.path as Json[][]).at(-1)!)).toEqual(ids(trace.at(-1)![2]));
    }
  });

  it('crosses a circuit: to the far termination and its site or provider network, said as incomplete where NetBox says so', async () => {
    const terms = await get<Page>('/api/circuits/circuit-terminations/?cabled=true&limit=200');
    expect(terms.results.length).toBeGreaterThan(0);
    let seen = 0;
    for (const term of terms.results) {
      const peer = (term.link_peers as Json[])[0];
      if (!peer || term.link_peers_type !== 'dcim.interface') continue;
      const iface = await get<Json>(`/api/dcim/interfaces/${String(peer.id)}/`);
      const trace = await checkTrace(get, '/api/dcim/interfaces/', iface);
      expect(ids(trace[0]![2])).toEqual([term.id]);
      const paths = await get<Json[]>(`/api/circuits/circuit-terminations/${String(term.id)}/paths/`);
      expect(paths.map((p) => ids((p.path as Json[][])[0]!)[0])).toContain(iface.id);
      if (trace.length === 2 && Array.isArray(trace[1]![1])) {
        // Ends at a site or provider network: no cable in the last segment, and the far end is that object.
        const end = trace[1]![2][0]!;
        expect(String(end.url)).toMatch(/\/api\/(dcim\/sites|circuits\/provider-networks)\/\d+\/$/);
      }
      seen++;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('traces console and power ports, and a port with no cable traces to nothing', async () => {
    for (const endpoint of ['/api/dcim/console-ports/', '/api/dcim/console-server-ports/', '/api/dcim/power-ports/', '/api/dcim/power-outlets/']) {
      const page = await get<Page>(`${endpoint}?cabled=true&limit=3`);
      expect(page.results.length, endpoint).toBeGreaterThan(0);
      for (const port of page.results) await checkTrace(get, endpoint, port);
    }
    const bare = await get<Page>('/api/dcim/interfaces/?cabled=false&limit=1');
    expect(await get(`/api/dcim/interfaces/${String(bare.results[0]!.id)}/trace/`)).toEqual([]);
  });

  it('answers as NetBox does for a missing object, another method, and no token', async () => {
    const missing = await apiGet(sandbox.current.url, '/api/dcim/interfaces/99999999/trace/', sandbox.current.authorization);
    expect(missing).toMatchObject({ status: 404, body: { detail: 'No Interface matches the given query.' } });
    const post = await fetch(`${sandbox.current.url}/api/dcim/front-ports/1/paths/`, { method: 'POST', headers: { authorization: sandbox.current.authorization } });
    expect(post.status).toBe(405);
    const anonymous = await apiGet(sandbox.current.url, '/api/dcim/interfaces/1/trace/');
    expect(anonymous.status).toBe(403);
  });
});

describe.skipIf(!DEMO_DUMP)("cable traces over NetBox's demo dump", () => {
  const sandbox = useSandbox(async () => ({ dataset: await demoDataset() }));
  const get = client(() => sandbox.current);

  it('traces every cabled interface, power port and outlet of the dump to its connected endpoints', async () => {
    let checked = 0;
    let throughPanels = 0;
    for (const key of ['dcim.interface', 'dcim.powerport', 'dcim.poweroutlet']) {
      const page = await get<Page>(`${ENDPOINTS[key]!}?cabled=true&limit=1000`);
      for (const port of page.results) {
        const trace = await checkTrace(get, ENDPOINTS[key]!, port);
        if (trace.length > 1) throughPanels++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(throughPanels).toBeGreaterThan(0);
  });

  it('lists the paths through a front port of a patch panel', async () => {
    const ports = await get<Page>('/api/dcim/front-ports/?cabled=true&limit=1000');
    let found = 0;
    for (const port of ports.results.slice(0, 40)) {
      const paths = await get<Json[]>(`/api/dcim/front-ports/${String(port.id)}/paths/`);
      for (const p of paths) {
        expect((p.path as Json[][]).flat().some((node) => node.id === port.id && String(node.url).includes('/front-ports/'))).toBe(true);
        found++;
      }
    }
    expect(found).toBeGreaterThan(0);
  });
});
