import { describe, expect, it } from 'vitest';
import { describeToolUse } from '../../src/chat/tool-summary.ts';

describe('describeToolUse for the cable, availability, neighbor and impact tools', () => {
  it('says what each asks for, as the tool card shows it', () => {
    expect(describeToolUse('mcp__netbox__netbox_trace_cable', { device: 'sw-01', port: 'Ethernet1' })).toBe('Cable trace from sw-01 Ethernet1');
    expect(describeToolUse('mcp__netbox__netbox_trace_cable', { id: 7, port_type: 'front_port' })).toBe('Cable trace from front_port #7');
    expect(describeToolUse('mcp__netbox__netbox_available', { kind: 'prefix', within: '10.1.0.0/16', prefix_length: 24 })).toBe('Free prefixes in 10.1.0.0/16 (/24)');
    expect(describeToolUse('mcp__netbox__netbox_available', { kind: 'vlan', within: 'CHI-DC1 VLANs' })).toBe('Free VLAN IDs in CHI-DC1 VLANs');
    expect(describeToolUse('mcp__netbox__netbox_neighbors', { device: 'core-rtr-01', depth: 2 })).toBe('Neighbors of core-rtr-01, two hops');
    expect(describeToolUse('mcp__netbox__netbox_impact', { object_type: 'circuits.circuit', name: 'LMN-1' })).toBe('What depends on circuits.circuit LMN-1');
  });
});
