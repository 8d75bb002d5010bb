import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();
const small = useMcp(undefined, () => ({ limits: { maxResultChars: 2000 } }));

interface Page<T> {
  count: number;
  results: T[];
}
interface Named {
  id: number;
  name: string;
}
interface Peer {
  name?: string;
  display: string;
  device?: Named;
  circuit?: { cid: string };
}
interface InterfaceRow {
  id: number;
  name: string;
  type: { value: string };
  enabled: boolean;
  cable: { id: number } | null;
  link_peers: Peer[];
  untagged_vlan: { vid: number } | null;
  tagged_vlans: { vid: number }[];
}
interface IpRow {
  id: number;
  address: string;
  assigned_object_id: number | null;
}
interface ChangeRow {
  id: number;
  time: string;
  user_name: string;
  action: { value: string };
  prechange_data: Record<string, unknown> | null;
  postchange_data: Record<string, unknown> | null;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${mcp.sandbox.url}${path}`, { headers: { authorization: `Token ${mcp.sandbox.token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}
async function deviceNamed(name: string): Promise<Record<string, unknown> & { id: number; name: string }> {
  const page = await api<Page<Record<string, unknown> & { id: number; name: string }>>(`/api/dcim/devices/?name=${name}&exclude=config_context`);
  expect(page.count).toBe(1);
  return page.results[0]!;
}
/** Table rows under the header that starts with `name | type`, keyed by column. */
function interfaceRows(text: string): Record<string, string>[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('name | type'));
  if (at < 0) return [];
  const header = lines[at]!.split(' | ');
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith('(cut ') || line.startsWith('IP addresses') || line.startsWith('Changes')) break;
    const cells = line.split(' | ');
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  }
  return rows;
}

describe('netbox_device_profile', () => {
  it('answers "which interfaces are on device D, and which have no cable" in one call', async () => {
    const device = await deviceNamed('chi-dc1-cr01');
    const interfaces = (await api<Page<InterfaceRow>>(`/api/dcim/interfaces/?device_id=${device.id}&limit=1000`)).results;
    const ips = (await api<Page<IpRow>>(`/api/ipam/ip-addresses/?device_id=${device.id}&limit=1000`)).results;
    const r = await mcp.call('netbox_device_profile', { device: 'chi-dc1-cr01' });
    expect(r.isError, r.text).toBe(false);

    expect(r.text.split('\n')[0]).toBe(`dcim.device #${device.id} chi-dc1-cr01 · NetBox: ${mcp.sandbox.url}/dcim/devices/${device.id}/`);
    const site = (device.site as Named).name;
    const rack = (device.rack as Named).name;
    expect(r.text).toContain(`site: ${site}`);
    expect(r.text).toContain(`rack: ${rack} U${device.position as number}`);
    expect(r.text).toContain(`role: ${(device.role as Named).name}`);
    expect(r.text).toContain(`serial: ${device.serial as string}`);
    expect(r.text).toContain(`primary IPv4: ${(device.primary_ip4 as { address: string }).address}`);

    const uncabled = interfaces.filter((i) => i.cable === null);
    expect(uncabled.length).toBeGreaterThan(0);
    expect(uncabled.length).toBeLessThan(interfaces.length);
    expect(r.text).toContain(
      `${interfaces.length} interfaces: ${interfaces.length - uncabled.length} cabled, ${uncabled.length} without cable: ${uncabled.map((i) => i.name).join(', ')}`,
    );
    const virtual = uncabled.filter((i) => i.type.value === 'virtual').map((i) => i.name);
    if (virtual.length) expect(r.text).toContain(`(cannot take a cable: ${virtual.join(', ')})`);

    const rows = interfaceRows(r.text);
    expect(rows.map((row) => row.name)).toEqual(interfaces.map((i) => i.name));
    for (const [k, i] of interfaces.entries()) {
      const row = rows[k]!;
      const peer = i.link_peers[0];
      if (!i.cable) expect(row['cable peer'], i.name).toBe('no cable');
      else if (peer?.device) expect(row['cable peer'], i.name).toMatch(new RegExp(`^${peer.device.name} ${peer.name!.replace(/\//g, '\\/')}`));
      else if (peer?.circuit) expect(row['cable peer'], i.name).toContain(`circuit ${peer.circuit.cid}`);
      const mine = ips.filter((ip) => ip.assigned_object_id === i.id).map((ip) => ip.address);
      expect(row.IPs ?? '', i.name).toBe(mine.join(', '));
      expect(row.enabled).toBe(i.enabled ? 'yes' : 'no');
    }
    expect(r.text).toContain(`IP addresses (${ips.length}):`);
    expect(r.meta.links?.list).toBe(`${mcp.sandbox.url}/dcim/interfaces/?device_id=${device.id}`);
    expect(r.meta.links?.objects?.[`dcim.interface:${interfaces[0]!.id}`]).toBe(`${mcp.sandbox.url}/dcim/interfaces/${interfaces[0]!.id}/`);
    expect(r.meta.queries).toContain(`/api/dcim/devices/${device.id}/?exclude=config_context`);
  });

  it('shows access and trunk VLANs of a switch', async () => {
    const access = (await api<Page<InterfaceRow & { device: Named }>>('/api/dcim/interfaces/?mode=tagged&limit=1')).results[0]!;
    const r = await mcp.call('netbox_device_profile', { device: access.device.id, sections: ['interfaces'] });
    expect(r.isError, r.text).toBe(false);
    const row = interfaceRows(r.text).find((x) => x.name === access.name)!;
    expect(row.mode).toBe('tagged');
    expect(row.vlans).toContain(`T:${access.tagged_vlans.map((v) => v.vid).join(',')}`);
    if (access.untagged_vlan) expect(row.vlans).toContain(`U:${access.untagged_vlan.vid}`);
    expect(r.text).not.toContain('IP addresses (');
    expect(r.text).not.toContain('Changes in the last');
  });

  it('lists recent changes with the fields each one changed', async () => {
    const device = await deviceNamed('chi-dc1-cr01');
    const r = await mcp.call('netbox_device_profile', { device: 'chi-dc1-cr01', sections: ['changes'], changes_days: 400 });
    expect(r.isError, r.text).toBe(false);
    const query = r.meta.queries!.find((q) => q.startsWith('/api/core/object-changes/'))!;
    const since = new URL(`http://x${query}`).searchParams.get('time_after')!;
    expect(Date.now() - Date.parse(since)).toBeGreaterThanOrEqual(400 * 86_400_000);
    expect(Date.now() - Date.parse(since)).toBeLessThan(400 * 86_400_000 + 60_000);
    const changes = await api<Page<ChangeRow>>(`/api/core/object-changes/?changed_object_type=dcim.device&changed_object_id=${device.id}&time_after=${since}&ordering=-time&limit=10`);
    expect(changes.count).toBeGreaterThan(0);
    expect(r.text).toContain(`Changes in the last 400 days (since ${since.slice(0, 10)}): ${changes.count}`);
    const lines = r.text.split('\n');
    const at = lines.indexOf('time | user | action | changed');
    for (const [k, c] of changes.results.entries()) {
      const line = lines[at + 1 + k]!;
      expect(line.startsWith(`${c.time.replace('T', ' ').slice(0, 16)} | ${c.user_name} | ${c.action.value}`), line).toBe(true);
      const pre = c.prechange_data ?? {};
      const post = c.postchange_data ?? {};
      if (c.action.value !== 'update') continue;
      for (const key of new Set([...Object.keys(pre), ...Object.keys(post)])) {
        if (key === 'last_updated' || JSON.stringify(pre[key]) === JSON.stringify(post[key])) continue;
        if (key === 'custom_fields') {
          const b = pre[key] as Record<string, unknown>;
          const a = post[key] as Record<string, unknown>;
          for (const cf of Object.keys({ ...b, ...a })) {
            if (JSON.stringify(b[cf]) === JSON.stringify(a[cf])) continue;
            expect(line).toContain(`cf_${cf}`);
            if (typeof b[cf] === 'string' && typeof a[cf] === 'string') expect(line).toContain(`cf_${cf}: ${b[cf]}→${a[cf]}`);
          }
        } else {
          expect(line).toContain(key);
        }
      }
    }
    expect(r.text).not.toContain('name | type');
  });

  it('reports no changes in the window when there are none', async () => {
    const r = await mcp.call('netbox_device_profile', { device: 'chi-dc1-cr01', sections: ['changes'], changes_days: 1 });
    const query = r.meta.queries!.find((q) => q.startsWith('/api/core/object-changes/'))!;
    const since = new URL(`http://x${query}`).searchParams.get('time_after')!;
    const device = await deviceNamed('chi-dc1-cr01');
    const changes = await api<Page<ChangeRow>>(`/api/core/object-changes/?changed_object_type=dcim.device&changed_object_id=${device.id}&time_after=${since}`);
    expect(r.text).toContain(changes.count === 0 ? 'Changes in the last 1 days' : `: ${changes.count}`);
    if (changes.count === 0) expect(r.text).toMatch(/Changes in the last 1 days \(since [\d-]+\): none/);
  });

  it('keeps the summary and cuts whole rows to the budget, saying so', async () => {
    const device = await deviceNamed('atl-br1-as01');
    const interfaces = (await api<Page<InterfaceRow>>(`/api/dcim/interfaces/?device_id=${device.id}&limit=1000`)).results;
    const r = await small.call('netbox_device_profile', { device: 'atl-br1-as01' });
    expect(r.isError).toBe(false);
    expect(r.text.length).toBeLessThanOrEqual(2000 + 200);
    expect(r.text).toContain(`${interfaces.length} interfaces: `);
    expect(r.text).toMatch(/\(cut \d+ of \d+ rows to stay within 2000 characters/);
    expect(r.meta.truncated).toBe(true);
    for (const row of interfaceRows(r.text)) expect(row['cable peer']).toBeDefined();
  });

  it('reports unknown devices and bad ids clearly', async () => {
    const missing = await mcp.call('netbox_device_profile', { device: 'chi-dc1-cr99' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/^OBJECT_NOT_FOUND: No dcim.device is named 'chi-dc1-cr99'/);
    expect(missing.text).toContain('chi-dc1-cr0');
    const badId = await mcp.call('netbox_device_profile', { device: 999_999 });
    expect(badId.text).toMatch(/^OBJECT_NOT_FOUND: No dcim.device is named '999999'/);
    const badSection = await mcp.call('netbox_device_profile', { device: 'chi-dc1-cr01', sections: ['cables'] });
    expect(badSection.isError).toBe(true);
  });
});
