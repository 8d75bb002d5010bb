import { describe, expect, it } from 'vitest';
import type { ToolPart } from '../../app/utils/chat/thread-state.ts';
import { describeTool, filtersInWords, objectTypeLabel, rowCount } from '../../app/utils/chat/tool-wording.ts';

function part(name: string, input: Record<string, unknown>, result: Partial<ToolPart> = {}): ToolPart {
  return { kind: 'tool', toolUseId: 't1', name: `mcp__netbox__${name}`, input, summary: 'server summary', status: 'done', queries: [], links: {}, ...result };
}

describe('tool card wording', () => {
  it('names object types in plural words, keeping acronyms', () => {
    expect(objectTypeLabel('dcim.device')).toBe('Devices');
    expect(objectTypeLabel('ipam.ipaddress')).toBe('IP addresses');
    expect(objectTypeLabel('ipam.prefix')).toBe('Prefixes');
    expect(objectTypeLabel('ipam.vlan')).toBe('VLANs');
    expect(objectTypeLabel('virtualization.virtualmachine')).toBe('Virtual machines');
    expect(objectTypeLabel('dcim.virtualchassis')).toBe('Virtual chassis');
    expect(objectTypeLabel('extras.journalentry')).toBe('Journal entries');
    expect(objectTypeLabel('dcim.device', false)).toBe('Device');
    expect(objectTypeLabel('plugins.bgp_session')).toBe('Bgp sessions');
  });

  it('puts filters in words: names, lookups, ids, lists, booleans', () => {
    expect(filtersInWords({ site: 'dc1', status: 'active' })).toBe('site dc1, status active');
    expect(filtersInWords({ status: ['active', 'planned'], name__ic: 'core' })).toBe('status active or planned, name contains core');
    expect(filtersInWords({ site_id: 3, device__site: 'dc2' })).toBe('site #3, device site dc2');
    expect(filtersInWords({ cabled: false, mgmt_only: true })).toBe('not cabled, mgmt only');
    expect(filtersInWords({ description__empty: true, vid__gte: 100 })).toBe('description is empty, vid ≥ 100');
    expect(filtersInWords({ q: 'rtr', tenant: null })).toBe('matching “rtr”, tenant none');
    expect(filtersInWords(undefined)).toBe('');
    expect(filtersInWords(['not', 'an', 'object'])).toBe('');
  });

  it('counts rows shown of rows found, and says when the model saw only part', () => {
    expect(rowCount(12, 12, false)).toBe('12 of 12');
    expect(rowCount(50, 1312, true)).toBe('50 of 1,312, truncated');
    expect(rowCount(1, undefined, false)).toBe('1 row');
    expect(rowCount(undefined, 7, undefined)).toBe('7 found');
    expect(rowCount(undefined, undefined, true)).toBe('');
  });

  it('describes each NetBox tool by what it asked', () => {
    const devices = describeTool(part('netbox_get_objects', { object_type: 'dcim.device', filters: { site: 'dc1', status: 'active' } }, { rows: 12, total: 12 }));
    expect(devices).toEqual({ title: 'Devices', filters: 'site dc1, status active', count: '12 of 12', status: 'Done' });
    expect(describeTool(part('netbox_count_objects', { object_type: 'dcim.device', group_by: 'site' }, { rows: 24, total: 79 }))).toMatchObject({ title: 'Count of devices by site', count: '79 in 24 groups' });
    expect(describeTool(part('netbox_count_objects', { object_type: 'dcim.device', filters: { status: 'active' } }, { rows: 1, total: 61 }))).toMatchObject({ filters: 'status active', count: '61 counted' });
    expect(describeTool(part('netbox_get_object_by_id', { object_type: 'dcim.site', object_id: 4 })).title).toBe('Site #4');
    expect(describeTool(part('netbox_search_objects', { query: 'cr01', object_types: ['dcim.device'] }))).toMatchObject({ title: 'Search for “cr01”', filters: 'in devices' });
    expect(describeTool(part('netbox_ip_profile', { address: '10.1.3.4', vrf: 'blue' }))).toMatchObject({ title: 'IP address 10.1.3.4', filters: 'VRF blue' });
    expect(describeTool(part('netbox_prefix_usage', { prefix: '10.0.0.0/16', free_size: 24 }))).toMatchObject({ title: 'Usage of prefix 10.0.0.0/16', filters: 'free /24 blocks' });
    expect(describeTool(part('netbox_get_changelogs', { user: 'alice', since: '7d' }))).toMatchObject({ title: 'Changes', filters: 'by alice, since 7d' });
    expect(describeTool(part('netbox_device_profile', { device: 'chi-dc1-cr01' })).title).toBe('Device chi-dc1-cr01');
  });

  it('shows no count while running, and says so when it failed', () => {
    expect(describeTool(part('netbox_get_objects', { object_type: 'dcim.site' }, { status: 'running', rows: 3 }))).toMatchObject({ count: '', status: 'Running' });
    expect(describeTool(part('netbox_get_objects', { object_type: 'dcim.site' }, { status: 'error' })).status).toBe('Failed');
  });

  it("falls back to the server's summary for a tool it does not know", () => {
    const other: ToolPart = { ...part('x', {}), name: 'mcp__inventory__list_racks', summary: 'list_racks {"room":"A"}' };
    expect(describeTool(other)).toMatchObject({ title: 'list_racks {"room":"A"}', filters: '' });
  });
});
