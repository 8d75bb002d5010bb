import { describe, expect, it } from 'vitest';
import { NetboxClient } from '../src/client/netbox-client.ts';
import { pathFromTrace, pathsFromCablePaths } from '../src/query/cable-paths.ts';
import { ResolveCache } from '../src/query/resolve-cache.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../src/query/tool-context.ts';
import { CableTraceDataSchema } from '../src/result/tool-data.ts';
import { loadCatalog } from '../src/schema/catalog-cache.ts';
import { pino } from 'pino';
import { useMcp, type ToolCall } from './support/mcp-harness.ts';

const mcp = useMcp();

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };
type Segment = [Json[], Json | [], Json[]];

const api = <T = Page>(path: string): Promise<T> => mcp.api<T>(path);

async function iface(device: string, name: string): Promise<Json> {
  const page = await api(`/api/dcim/interfaces/?device=${encodeURIComponent(device)}&name=${encodeURIComponent(name)}`);
  expect(page.count).toBe(1);
  return page.results[0]!;
}

/** The hop rows of a trace result: `n | from | cable | to`. */
const hopRows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((l) => /^\d+ \| /.test(l))
    .map((l) => l.split(' | '));

function traceData(call: ToolCall) {
  expect(call.isError, call.text).toBe(false);
  return CableTraceDataSchema.parse(call.meta.data);
}

/** `device name` of a nested port, as the result names a port. */
const portName = (nested: Json): string => `${String((nested.device as Json).name)} ${String(nested.name)}`;

describe('netbox_trace_cable', () => {
  it('traces a leaf uplink through both patch panels, hop for hop as NetBox’s own trace', async () => {
    const start = await iface('chi-dc1-lf01', 'Ethernet49/1');
    const expected = await api<Segment[]>(`/api/dcim/interfaces/${String(start.id)}/trace/`);
    const r = await mcp.call('netbox_trace_cable', { device: 'chi-dc1-lf01', port: 'Ethernet49/1' });
    const data = traceData(r);
    expect(r.text.split('\n')[0]).toMatch(/^Cable trace from chi-dc1-lf01 Ethernet49\/1: complete · all cables connected · 3 hops · NetBox: .*\/dcim\/interfaces\/\d+\/trace\/$/);
    const rows = hopRows(r.text);
    expect(rows).toHaveLength(expected.length);
    for (const [i, [near, cable, far]] of expected.entries()) {
      expect(rows[i]![1]).toContain(portName(near[0]!));
      expect(rows[i]![2]).toContain(String((cable as Json).label));
      expect(rows[i]![3]).toContain(portName(far[0]!));
      expect(data.paths[0]!.hops[i]!.near.map((n) => n.id)).toEqual(near.map((n) => n.id));
      expect(data.paths[0]!.hops[i]!.cable?.id).toBe((cable as Json).id);
    }
    const end = (start.connected_endpoints as Json[])[0]!;
    expect(r.text).toContain(`Far end: ${portName(end)}.`);
    expect(data).toMatchObject({ origin: { id: start.id, device: { name: 'chi-dc1-lf01' } }, paths: [{ complete: true, active: true, split: false }] });
    expect(r.meta.queries).toContain(`/api/dcim/interfaces/${String(start.id)}/trace/`);
  });

  it('says plainly where an incomplete path stops: a circuit with nothing on its other side', async () => {
    const terms = await api('/api/circuits/circuit-terminations/?cabled=true&limit=200');
    for (const term of terms.results) {
      const peer = (term.link_peers as Json[])[0];
      if (!peer || term.link_peers_type !== 'dcim.interface') continue;
      const port = await api<Json>(`/api/dcim/interfaces/${String(peer.id)}/`);
      if (port.connected_endpoints !== null) continue;
      const others = await api(`/api/circuits/circuit-terminations/?circuit_id=${String((term.circuit as Json).id)}`);
      if (others.count !== 1) continue;
      const r = await mcp.call('netbox_trace_cable', { device: (port.device as Json).name, port: port.name });
      const data = traceData(r);
      expect(data.paths[0]).toMatchObject({ complete: false, split: false });
      expect(r.text).toContain(`Incomplete: it ends at circuit ${String((term.circuit as Json).cid)} side ${String(term.term_side)}: NetBox records no termination on the circuit's other side.`);
      return;
    }
    throw new Error('no one-sided circuit in the data');
  });

  it('crosses a circuit into a provider network, which NetBox counts as complete', async () => {
    const nets = await api('/api/circuits/circuit-terminations/?provider_network_id__n=null&limit=100');
    for (const term of nets.results.filter((t) => t.termination_type === 'circuits.providernetwork')) {
      const other = (await api(`/api/circuits/circuit-terminations/?circuit_id=${String((term.circuit as Json).id)}&cabled=true`)).results[0];
      const peer = (other?.link_peers as Json[] | undefined)?.[0];
      if (!peer || other!.link_peers_type !== 'dcim.interface') continue;
      const port = await api<Json>(`/api/dcim/interfaces/${String(peer.id)}/`);
      const r = await mcp.call('netbox_trace_cable', { id: port.id });
      const data = traceData(r);
      expect(data.paths[0]!.complete).toBe(true);
      const last = data.paths[0]!.hops.at(-1)!;
      expect(last.cable).toBeNull();
      expect(last.far[0]).toMatchObject({ type: 'circuits.providernetwork', name: (term.termination as Json).name });
      expect(r.text).toContain(`— (attached, no cable) | provider network ${String((term.termination as Json).name)}`);
      return;
    }
    throw new Error('no circuit into a provider network in the data');
  });

  it('shows each run through a pass-through port once, though NetBox stores it from both ends', async () => {
    const port = (await api('/api/dcim/front-ports/?device=chi-dc1-pp02&name=Port 1')).results[0]!;
    const stored = await api<Json[]>(`/api/dcim/front-ports/${String(port.id)}/paths/`);
    expect(stored.length).toBe(2);
    const r = await mcp.call('netbox_trace_cable', { device: 'chi-dc1-pp02', port: 'Port 1', port_type: 'front_port' });
    const data = traceData(r);
    expect(data.paths).toHaveLength(1);
    expect(data.paths[0]!.hops).toHaveLength(3);
    expect(r.meta.queries).toContain(`/api/dcim/front-ports/${String(port.id)}/paths/`);
  });

  it('traces console and power ports and circuit terminations named by circuit ID and side', async () => {
    const console = (await api('/api/dcim/console-ports/?cabled=true&limit=1')).results[0]!;
    const c = await mcp.call('netbox_trace_cable', { device: (console.device as Json).name, port: console.name, port_type: 'console_port' });
    expect(traceData(c).paths[0]!.hops[0]!.far[0]!.id).toBe((console.link_peers as Json[])[0]!.id);
    const power = (await api('/api/dcim/power-ports/?cabled=true&limit=1')).results[0]!;
    const p = await mcp.call('netbox_trace_cable', { device: (power.device as Json).name, port: power.name, port_type: 'power_port' });
    expect(p.text).toContain(`${String((power.device as Json).name)} ${String(power.name)} (power port)`);
    const term = (await api('/api/circuits/circuit-terminations/?cabled=true&limit=1')).results[0]!;
    const t = await mcp.call('netbox_trace_cable', { device: (term.circuit as Json).cid, port: String(term.term_side).toLowerCase(), port_type: 'circuit_termination' });
    expect(traceData(t).origin).toMatchObject({ id: term.id, side: term.term_side, circuit: { name: (term.circuit as Json).cid } });
  });

  it('says an uncabled port has nothing to trace, and suggests port names it has for a wrong one', async () => {
    const bare = (await api('/api/dcim/interfaces/?device=chi-dc1-cr01&cabled=false&kind=physical&limit=1')).results[0]!;
    const r = await mcp.call('netbox_trace_cable', { device: 'chi-dc1-cr01', port: bare.name });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`chi-dc1-cr01 ${String(bare.name)} has no cable: there is nothing to trace.`);
    expect(CableTraceDataSchema.parse(r.meta.data).paths).toEqual([]);
    const wrong = await mcp.call('netbox_trace_cable', { device: 'chi-dc1-cr01', port: 'et-0/0/77' });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toMatch(/^OBJECT_NOT_FOUND: device chi-dc1-cr01 .* has no dcim\.interface named 'et-0\/0\/77'/);
    expect(wrong.text).toMatch(/Hint: Did you mean 'et-0\/0\/\d'/);
    const nothing = await mcp.call('netbox_trace_cable', { port: 'Ethernet1' });
    expect(nothing.text).toMatch(/^INVALID_ARGUMENT: Name the port/);
  });
});

describe('cable path reading, for shapes the generated data has none of', () => {
  /** A tool context on the sandbox, to read bodies in NetBox's forms. */
  async function context(): Promise<ToolContext> {
    const client = new NetboxClient({ url: mcp.sandbox.url, token: mcp.sandbox.token });
    return { client, catalog: () => loadCatalog(client), limits: DEFAULT_LIMITS, resolveCache: new ResolveCache(), logger: pino({ level: 'silent' }) };
  }

  it('reads a split path (CablePathSerializer, is_split) and a trace that stops at a cabled rear port as split', async () => {
    const ctx = await context();
    const catalog = await ctx.catalog();
    const rear = (await api('/api/dcim/rear-ports/?limit=1&brief=true')).results[0]!;
    const iface = (await api('/api/dcim/interfaces/?cabled=true&limit=1&brief=true')).results[0]!;
    const cable = await api<Json>(`/api/dcim/cables/${String((iface.cable as Json).id)}/?brief=true`);
    const [path] = pathsFromCablePaths(ctx, catalog, [{ id: 1, path: [[iface], [cable], [rear]], is_active: true, is_complete: false, is_split: true }]);
    expect(path).toMatchObject({ complete: false, split: true });
    expect(path!.stops).toMatch(/^NetBox cannot follow the path past .* \(rear port\): it fans out there/);
    const traced = await api<Json>(`/api/dcim/cables/${String(cable.id)}/`);
    const fromTrace = pathFromTrace(ctx, catalog, [
      [[iface], { id: traced.id, url: traced.url, status: 'connected', label: traced.label }, [rear]],
      [[rear], [], []],
    ]);
    expect(fromTrace).toMatchObject({ complete: false, split: true });
  });

  it('refuses a body that is not NetBox 4 trace, rather than guessing', async () => {
    const ctx = await context();
    expect(() => pathFromTrace(ctx, {} as never, { detail: 'x' })).toThrow(/not in the form NetBox 4\.x gives it/);
  });
});
