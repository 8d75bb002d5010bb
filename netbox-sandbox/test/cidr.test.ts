import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  cidrContainsOrEquals,
  hostWithin,
  inetSortKey,
  parseCidr,
  parseIp,
  sameNetwork,
} from '../src/models/ipam/cidr.ts';

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`test data: ${text} does not parse`);
  return parsed;
}

describe('parseIp', () => {
  it('reads IPv4 dotted quads', () => {
    expect(parseIp('10.1.2.3')).toEqual({ family: 4, value: 0x0a010203n });
    expect(parseIp('255.255.255.255')?.value).toBe(0xffffffffn);
  });

  it('refuses what netaddr refuses', () => {
    for (const bad of ['10.1.2', '10.1.2.256', '010.1.2.3', '1.2.3.4.5', 'a.b.c.d', '', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1']) {
      expect(parseIp(bad), bad).toBeNull();
    }
  });

  it('reads IPv6 with compression and an embedded IPv4 tail', () => {
    expect(parseIp('::')).toEqual({ family: 6, value: 0n });
    expect(parseIp('::1')?.value).toBe(1n);
    expect(parseIp('2001:db8::1')?.value).toBe((0x20010db8n << 96n) | 1n);
    expect(parseIp('::ffff:192.0.2.1')?.value).toBe((0xffffn << 32n) | 0xc0000201n);
    expect(parseIp('1:2:3:4:5:6:7:8')?.family).toBe(6);
  });
});

describe('parseCidr', () => {
  it('keeps host bits in value and clears them in network', () => {
    const c = cidr('192.168.1.77/24');
    expect(c.prefixLength).toBe(24);
    expect(c.network).toBe(0xc0a80100n);
    expect(c.value).toBe(0xc0a8014dn);
  });

  it('reads a bare address as a host route', () => {
    expect(cidr('10.0.0.1').prefixLength).toBe(32);
    expect(cidr('2001:db8::1').prefixLength).toBe(128);
  });

  it('refuses bad masks', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0.0/x', '10.0.0.0/', '2001:db8::/129', '10.0.0.0/8/8']) expect(parseCidr(bad), bad).toBeNull();
  });
});

describe('containment', () => {
  it('tells strict from non-strict containment', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContainsOrEquals(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrContainsOrEquals(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContainsOrEquals(cidr('10.0.0.0/8'), cidr('11.0.0.0/16'))).toBe(false);
  });

  it('never mixes families', () => {
    expect(cidrContainsOrEquals(cidr('::/0'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContainsOrEquals(cidr('0.0.0.0/0'), cidr('2001:db8::/32'))).toBe(false);
  });

  it('works for IPv6', () => {
    expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db8:1::/48'))).toBe(true);
    expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db9::/48'))).toBe(false);
  });

  it('places hosts by their address, not their mask', () => {
    const host = parseCidr('10.1.2.3/8')!;
    expect(hostWithin(cidr('10.1.2.0/24'), host)).toBe(true);
    expect(hostWithin(cidr('10.1.3.0/24'), host)).toBe(false);
  });

  it('compares networks as cidr values', () => {
    expect(sameNetwork(cidr('10.1.2.3/24'), cidr('10.1.2.0/24'))).toBe(true);
    expect(sameNetwork(cidr('10.1.2.0/24'), cidr('10.1.2.0/25'))).toBe(false);
  });
});

describe('inetSortKey', () => {
  it('sorts as PostgreSQL sorts inet', () => {
    const sorted = ['2001:db8::/32', '10.10.0.0/16', '10.2.0.0/16', '10.0.0.0/8', '10.0.0.0/16', '9.255.0.0/16', '10.0.0.5/8'];
    sorted.sort((a, b) => (inetSortKey(a) < inetSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['9.255.0.0/16', '10.0.0.0/8', '10.0.0.5/8', '10.0.0.0/16', '10.2.0.0/16', '10.10.0.0/16', '2001:db8::/32']);
  });
});
