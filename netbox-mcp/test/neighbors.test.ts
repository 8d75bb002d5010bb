import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../netbox-sandbox/src/db/dataset.ts';
import { generatedDataset } from '../../netbox-sandbox/test/support/test-sandbox.ts';
import { NeighborsDataSchema } from '../src/result/tool-data.ts';
import { useMcp, type ToolCall } from './support/mcp-harness.ts';

const mcp = useMcp();

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };

const api = <T = Page>(path: string): Promise<T> => mcp.api<T>(path);

function neighborsData(call: ToolCall) {
  expect(call.isError, call.text).toBe(false);
  return NeighborsDataSchema.parse(call.meta.data);
}

const PORT_ENDPOINTS = ['interfaces', 'console-ports', 'console-server-ports', 'power-ports', 'power-outlets', 'front-ports', 'rear-ports'];

/** Every cabled port of a device and the device at its far end (else at its cable's end), from the REST API. */
async function cabledPorts(device: string): Promise<{ port: string; far: string | undefined }[]> {
  const out: { port: string; far: string | undefined }[] = [];
  for (const endpoint of PORT_ENDPOINTS) {
    const page = await api(`/api/dcim/${endpoint}/?device=${encodeURIComponent(device)}&cabled=true&limit=1000`);
    for (const port of page.results) {
      const end = ((port.connected_endpoints as Json[] | null | undefined) ?? [])[0] ?? (port.link_peers as Json[])[0];
      out.push({ port: String(port.name), far: (end?.device as Json | undefined)?.name as string | undefined });
    }
  }
  return out;
}

describe('netbox_neighbors', () => {
  it('answers "what is chi-dc1-cr01 connected to": every cabled port, its far device and port, what is in between', async () => {
    const expected = await cabledPorts('chi-dc1-cr01');
    expect(expected.length).toBeGreaterThan(5);
    const r = await mcp.call('netbox_neighbors', { device: 'chi-dc1-cr01' });
    const data = neighborsData(r);
    expect(data.links.map((l) => l.from.name).sort()).toEqual(expected.map((e) => e.port).sort());
    const devices = [...new Set(expected.flatMap((e) => (e.far ? [e.far] : [])))];
    expect(data.devices.filter((d) => d.hop === 1).map((d) => d.name).sort()).toEqual(devices.sort());
    expect(r.text.split('\n')[0]).toMatch(new RegExp(`^chi-dc1-cr01: ${expected.length} cabled ports \\(interfaces \\d+, console ports 1, power ports 2\\) to ${devices.length} devices`));
    // Ports other than interfaces carry their kind: `power port PSU0 | chi-dc1-pdu01 | Outlet 3`.
    for (const e of expected.filter((x) => x.far)) expect(r.text).toMatch(new RegExp(`^(?:[a-z ]+ )?${e.port.replace(/[/.]/g, '\\$&')} \\| ${e.far} \\| `, 'm'));
    // A circuit in between is named; one with no far end says so.
    const viaCircuit = data.links.filter((l) => l.circuit);
    expect(viaCircuit.length).toBeGreaterThan(0);
    for (const link of viaCircuit) expect(r.text).toContain(`circuit ${link.circuit!.name} side `);
  });

  it('names the patch panel between a leaf and its spine', async () => {
    const r = await mcp.call('netbox_neighbors', { device: 'chi-dc1-lf01' });
    const data = neighborsData(r);
    const uplink = data.links.find((l) => l.from.name === 'Ethernet49/1')!;
    expect(uplink.to).toMatchObject({ name: 'Ethernet1', device: { name: 'chi-dc1-ds01' } });
    expect(uplink.via.map((v) => `${v.device?.name} ${v.name}`)).toEqual(['chi-dc1-pp02 Port 1']);
    expect(r.text).toMatch(/^Ethernet49\/1 \| chi-dc1-ds01 \| Ethernet1 \| chi-dc1-pp02 Port 1 \(front port\) \| /m);
  });

  it('goes one hop further at depth 2, each link once, and not back to the device', async () => {
    const one = neighborsData(await mcp.call('netbox_neighbors', { device: 'chi-dc1-cr01' }));
    const r = await mcp.call('netbox_neighbors', { device: 'chi-dc1-cr01', depth: 2 });
    const data = neighborsData(r);
    const hop2 = data.links.filter((l) => l.hop === 2);
    expect(hop2.length).toBeGreaterThan(0);
    expect(new Set(hop2.map((l) => l.from.device?.name))).toEqual(new Set(one.devices.filter((d) => d.hop === 1).map((d) => d.name).filter((n) => hop2.some((l) => l.from.device?.name === n))));
    expect(hop2.some((l) => l.to?.device?.name === 'chi-dc1-cr01')).toBe(false);
    const cables = hop2.flatMap((l) => (l.cable ? [l.cable.id] : []));
    expect(new Set(cables).size).toBe(cables.length);
    // The second-hop devices are the neighbors' neighbors that are neither the device nor a first-hop neighbor.
    const ds01 = await cabledPorts('chi-dc1-ds01');
    for (const far of ds01.flatMap((e) => (e.far ? [e.far] : []))) {
      if (far === 'chi-dc1-cr01') continue;
      expect(data.devices.map((d) => d.name)).toContain(far);
    }
    expect(r.text).toMatch(/^Depth 2: their neighbors, \d+ more devices: /m);
  });

  it('takes device_id as well as a name', async () => {
    const device = (await api('/api/dcim/devices/?name=chi-dc1-fw01')).results[0]!;
    const byId = await mcp.call('netbox_neighbors', { device_id: device.id });
    const byName = await mcp.call('netbox_neighbors', { device: 'chi-dc1-fw01' });
    expect(byId.text).toBe(byName.text);
    const neither = await mcp.call('netbox_neighbors', {});
    expect(neither.text).toMatch(/^INVALID_ARGUMENT: Name the device/);
  });
});

/** The generated data with one more device, just racked: no ports cabled yet (every generated device has some). */
function withNewDevice(dataset: Dataset): Dataset {
  const devices = dataset.tables.dcim_device!;
  const model = devices.find((d) => d.name === 'chi-dc1-fw01')!;
  const id = Math.max(...devices.map((d) => Number(d.id))) + 1;
  const added = { ...model, id, name: 'chi-dc1-fw09', serial: 'NEW0001', asset_tag: null, primary_ip4_id: null, primary_ip6_id: null, oob_ip_id: null, virtual_chassis_id: null };
  return { ...dataset, tables: { ...dataset.tables, dcim_device: [...devices, added] } };
}

describe('netbox_neighbors for a device with no cable yet', () => {
  const fresh = useMcp(() => ({ dataset: withNewDevice(generatedDataset()) }));

  it('says it has no neighbors recorded, rather than an empty table', async () => {
    const r = await fresh.call('netbox_neighbors', { device: 'chi-dc1-fw09' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toMatch(/^chi-dc1-fw09 has no cabled ports: it has no neighbors recorded in NetBox · NetBox: /);
    expect(NeighborsDataSchema.parse(r.meta.data)).toMatchObject({ links: [], devices: [{ name: 'chi-dc1-fw09', hop: 0 }] });
  });
});
