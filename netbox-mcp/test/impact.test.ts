import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../netbox-sandbox/src/db/dataset.ts';
import { generatedDataset } from '../../netbox-sandbox/test/support/test-sandbox.ts';
import { ImpactDataSchema, type ImpactData } from '../src/result/tool-data.ts';
import { useMcp, type ToolCall } from './support/mcp-harness.ts';

const mcp = useMcp();

type Json = Record<string, unknown>;
type Page = { count: number; results: Json[] };

const api = <T = Page>(path: string): Promise<T> => mcp.api<T>(path);
const count = async (path: string): Promise<number> => (await api(`${path}${path.includes('?') ? '&' : '?'}limit=1`)).count;

function impactData(call: ToolCall): ImpactData {
  expect(call.isError, call.text).toBe(false);
  return ImpactDataSchema.parse(call.meta.data);
}
const group = (data: ImpactData, key: string) => data.groups.find((g) => g.key === key);

describe('netbox_impact', () => {
  it('for a device: cabled neighbors, circuits on it, its IPs and their prefixes, in one call', async () => {
    const device = (await api('/api/dcim/devices/?name=chi-dc1-cr01')).results[0]!;
    const r = await mcp.call('netbox_impact', { object_type: 'dcim.device', name: 'chi-dc1-cr01' });
    const data = impactData(r);
    const ifaces = await api(`/api/dcim/interfaces/?device_id=${String(device.id)}&cabled=true&limit=1000`);
    const circuits = new Set(ifaces.results.flatMap((i) => (i.link_peers as Json[]).flatMap((p) => (p.circuit ? [(p.circuit as Json).cid] : []))));
    expect(group(data, 'circuits')).toMatchObject({ count: circuits.size });
    expect(group(data, 'circuits')!.shown.map((c) => c.name).sort()).toEqual([...circuits].sort());
    expect(group(data, 'ip_addresses')!.count).toBe(await count(`/api/ipam/ip-addresses/?device_id=${String(device.id)}`));
    const ips = await api(`/api/ipam/ip-addresses/?device_id=${String(device.id)}&limit=100`);
    for (const prefix of group(data, 'prefixes')!.shown) {
      expect(ips.results.some((ip) => String(ip.address).split('/')[1] === prefix.name.split('/')[1])).toBe(true);
    }
    expect(group(data, 'neighbors')!.count).toBeGreaterThan(3);
    expect(r.text.split('\n')[0]).toMatch(/^What depends on dcim\.device chi-dc1-cr01 .*\(#\d+\) · NetBox: /);
    expect(r.text).toMatch(/^devices cabled to it \(dcim\.device\): \d+, first 5$/m);
    expect(r.text).toMatch(/^None: .*VMs pinned to it/m);
  });

  it('for a device in a virtual chassis: the chassis members', async () => {
    const chassis = (await api('/api/dcim/virtual-chassis/?limit=1')).results[0]!;
    const master = (chassis.master as Json).name as string;
    const data = impactData(await mcp.call('netbox_impact', { object_type: 'dcim.device', name: master }));
    expect(group(data, 'virtual_chassis')!.count).toBe(await count(`/api/dcim/devices/?virtual_chassis_id=${String(chassis.id)}`));
    expect(group(data, 'virtual_chassis')!.label).toBe(`members of its virtual chassis ${String(chassis.name)} (it included)`);
  });

  it('for a circuit: both ends, the device ports cabled to them, and what hangs off those devices', async () => {
    const r = await mcp.call('netbox_impact', { object_type: 'circuits.circuit', name: 'ZYO/IDIA/8936436' });
    const data = impactData(r);
    const circuit = (await api('/api/circuits/circuits/?cid=ZYO/IDIA/8936436')).results[0]!;
    const terms = await api(`/api/circuits/circuit-terminations/?circuit_id=${String(circuit.id)}`);
    expect(group(data, 'ends')!.count).toBe(terms.count);
    const ports = terms.results.flatMap((t) => (t.link_peers as Json[]).map((p) => `${String((p.device as Json).name)} ${String(p.name)}`));
    expect(group(data, 'end_ports')!.shown.map((p) => p.name).sort()).toEqual(ports.sort());
    expect(group(data, 'end_devices')!.shown.map((d) => d.name).sort()).toEqual(['chi-dc1-cr01', 'fra-dc1-cr01']);
    const behind = group(data, 'behind')!;
    expect(behind.count).toBeGreaterThan(2);
    expect(behind.shown.map((d) => d.name)).not.toContain('chi-dc1-cr01');
    expect(r.text).toContain('its ends and where they land (circuits.circuittermination): 2');
  });

  it('for a site, a rack, a prefix and a VLAN: the counts NetBox’s own lists give', async () => {
    const site = (await api('/api/dcim/sites/?name=CHI-DC1')).results[0]!;
    const s = impactData(await mcp.call('netbox_impact', { object_type: 'dcim.site', name: 'CHI-DC1' }));
    expect(group(s, 'devices')!.count).toBe(await count(`/api/dcim/devices/?site_id=${String(site.id)}`));
    expect(group(s, 'virtual_machines')!.count).toBe(await count(`/api/virtualization/virtual-machines/?site_id=${String(site.id)}`));
    expect(group(s, 'circuits')!.count).toBe(await count(`/api/circuits/circuits/?site_id=${String(site.id)}`));

    const rack = (await api(`/api/dcim/racks/?site_id=${String(site.id)}&name=R01`)).results[0]!;
    const rk = impactData(await mcp.call('netbox_impact', { object_type: 'dcim.rack', id: rack.id }));
    expect(group(rk, 'devices')!.count).toBe(await count(`/api/dcim/devices/?rack_id=${String(rack.id)}`));
    const inRack = new Set((await api(`/api/dcim/devices/?rack_id=${String(rack.id)}&limit=100`)).results.map((d) => d.name));
    for (const outside of group(rk, 'outside')!.shown) expect(inRack.has(outside.name)).toBe(false);

    const p = impactData(await mcp.call('netbox_impact', { object_type: 'ipam.prefix', name: '10.1.0.0/20' }));
    expect(group(p, 'ip_addresses')!.count).toBe(await count('/api/ipam/ip-addresses/?parent=10.1.0.0/20&vrf_id=null'));
    expect(group(p, 'child_prefixes')!.count).toBe(await count('/api/ipam/prefixes/?within=10.1.0.0/20&vrf_id=null'));

    const vlan = (await api('/api/ipam/vlans/?limit=1&site_id=' + String(site.id))).results[0]!;
    const v = impactData(await mcp.call('netbox_impact', { object_type: 'ipam.vlan', id: vlan.id }));
    expect(group(v, 'prefixes')!.count).toBe(await count(`/api/ipam/prefixes/?vlan_id=${String(vlan.id)}`));
    const vmIfaces = await api(`/api/virtualization/interfaces/?vlan_id=${String(vlan.id)}&limit=1000`);
    expect(group(v, 'virtual_machines')!.count).toBe(new Set(vmIfaces.results.map((i) => (i.virtual_machine as Json).id)).size);
  });

  it('asks for the id of a name several share, and refuses a type it does not know', async () => {
    const r = await mcp.call('netbox_impact', { object_type: 'dcim.rack', name: 'R01' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^AMBIGUOUS_NAME: 'R01' matches \d+ dcim\.rack objects/);
    expect(r.text).toContain('Hint: Call again with the id of the one you mean, e.g. name: ');
    const tag = await mcp.call('netbox_impact', { object_type: 'extras.tag', name: 'Monitored' });
    expect(tag.text).toMatch(/^INVALID_ARGUMENT: netbox_impact knows dcim\.device, circuits\.circuit/);
    expect(tag.text).toContain('netbox_related_objects');
  });
});

/**
 * Neither the generated data nor NetBox's demo data has a device that hosts a cluster; an admin records one by
 * setting the device's cluster. The same data, with that done for one core router.
 */
function withClusterHost(dataset: Dataset): { dataset: Dataset; device: string; cluster: number } {
  const clusters = dataset.tables.virtualization_cluster!;
  const vms = dataset.tables.virtualization_virtualmachine!;
  const cluster = clusters.find((c) => vms.filter((vm) => vm.cluster_id === c.id).length > 2)!;
  const devices = dataset.tables.dcim_device!.map((d) => (d.name === 'chi-dc1-cr02' ? { ...d, cluster_id: cluster.id } : d));
  return { dataset: { ...dataset, tables: { ...dataset.tables, dcim_device: devices } }, device: 'chi-dc1-cr02', cluster: Number(cluster.id) };
}

describe('netbox_impact for a device that hosts a cluster', () => {
  const host = withClusterHost(generatedDataset());
  const hosted = useMcp(() => ({ dataset: host.dataset }));

  it('names the cluster and counts its VMs', async () => {
    const data = impactData(await hosted.call('netbox_impact', { object_type: 'dcim.device', name: host.device }));
    const response = await fetch(`${hosted.sandbox.url}/api/virtualization/clusters/${host.cluster}/`, { headers: { authorization: hosted.sandbox.authorization } });
    const cluster = (await response.json()) as Json;
    expect(group(data, 'cluster')!.shown.map((c) => c.name)).toEqual([cluster.name]);
    expect(group(data, 'cluster_vms')!.count).toBe(cluster.virtualmachine_count);
  });
});
