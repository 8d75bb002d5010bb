import { describe, expect, it } from 'vitest';
import {
  cidrSize,
  containsAddress,
  containsCidr,
  countSubnets,
  firstSubnets,
  formatCidr,
  formatIp,
  freeBlocks,
  gaps,
  hostBitsSet,
  intervalToCidrs,
  mergeIntervals,
  parseAddressWithMask,
  parseCidr,
  parseIp,
  unionSize,
  type Cidr,
} from '../src/query/prefix-math.ts';

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`bad test CIDR ${text}`);
  return parsed;
};
const span = (text: string): { start: bigint; end: bigint } => {
  const c = cidr(text);
  return { start: c.network, end: c.network + cidrSize(c) - 1n };
};
const names = (list: readonly Cidr[]): string[] => list.map(formatCidr);

describe('parse and format', () => {
  it('parses IPv4 and rejects malformed addresses', () => {
    expect(parseIp('10.1.3.5')).toEqual({ version: 4, value: (10n << 24n) | (1n << 16n) | (3n << 8n) | 5n });
    expect(parseIp('0.0.0.0')?.value).toBe(0n);
    expect(parseIp('255.255.255.255')?.value).toBe(0xffffffffn);
    for (const bad of ['10.1.3', '10.1.3.256', '10.1.3.5.6', '10.1.3.x', '', ' . . . ', '1.2.3.-4']) expect(parseIp(bad), bad).toBeUndefined();
  });

  it('parses every IPv6 form: compressed, full, embedded IPv4', () => {
    expect(parseIp('::')?.value).toBe(0n);
    expect(parseIp('::1')?.value).toBe(1n);
    expect(parseIp('1::')?.value).toBe(1n << 112n);
    expect(parseIp('2001:db8::1')).toEqual(parseIp('2001:0DB8:0000:0000:0000:0000:0000:0001'));
    expect(parseIp('::ffff:10.1.2.3')?.value).toBe((0xffffn << 32n) | (10n << 24n) | (1n << 16n) | (2n << 8n) | 3n);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', '12345::', '::1%eth0', '1:2:3:4:5:6:7::8']) expect(parseIp(bad), bad).toBeUndefined();
  });

  it('formats IPv6 as RFC 5952 says: longest zero run, first on a tie, single zero kept', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['1:0:0:0:0:0:0:0', '1::'],
      ['2001:DB8:1:FFFF:0:0:0:1', '2001:db8:1:ffff::1'],
    ];
    for (const [input, want] of cases) expect(formatIp(parseIp(input)!), input).toBe(want);
    expect(formatIp(parseIp('192.0.2.33')!)).toBe('192.0.2.33');
  });

  it('reads an address with or without its mask, and CIDR with host bits cleared', () => {
    expect(parseAddressWithMask('10.1.3.5/26')).toEqual({ addr: parseIp('10.1.3.5'), length: 26 });
    expect(parseAddressWithMask('10.1.3.5')).toEqual({ addr: parseIp('10.1.3.5'), length: undefined });
    expect(parseAddressWithMask('10.1.3.5/33')).toBeUndefined();
    expect(parseAddressWithMask('2001:db8::1/129')).toBeUndefined();
    expect(parseAddressWithMask('10.1.3.5/2/4')).toBeUndefined();
    expect(formatCidr(cidr('10.1.3.5/24'))).toBe('10.1.3.0/24');
    expect(formatCidr(cidr('10.1.3.5'))).toBe('10.1.3.5/32');
    expect(formatCidr(cidr('2001:db8:1:ffff::1/48'))).toBe('2001:db8:1::/48');
    expect(formatCidr(cidr('2001:db8::1'))).toBe('2001:db8::1/128');
    expect(formatCidr(cidr('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(hostBitsSet('10.1.3.5/24')).toBe(true);
    expect(hostBitsSet('10.1.3.0/24')).toBe(false);
  });
});

describe('containment', () => {
  it('tells addresses and prefixes inside a prefix, strictly or not, never across families', () => {
    expect(containsAddress(cidr('10.1.0.0/20'), parseIp('10.1.15.255')!)).toBe(true);
    expect(containsAddress(cidr('10.1.0.0/20'), parseIp('10.1.16.0')!)).toBe(false);
    expect(containsAddress(cidr('2001:db8::/32'), parseIp('2001:db8:ffff::1')!)).toBe(true);
    expect(containsAddress(cidr('::/0'), parseIp('10.0.0.1')!)).toBe(false);
    expect(containsCidr(cidr('10.1.0.0/20'), cidr('10.1.3.0/26'))).toBe(true);
    expect(containsCidr(cidr('10.1.0.0/20'), cidr('10.1.0.0/20'))).toBe(true);
    expect(containsCidr(cidr('10.1.0.0/20'), cidr('10.1.0.0/20'), true)).toBe(false);
    expect(containsCidr(cidr('10.1.0.0/20'), cidr('10.1.0.0/19'))).toBe(false);
    expect(containsCidr(cidr('2001:db8:1::/48'), cidr('2001:db8:1:110::/64'), true)).toBe(true);
  });
});

describe('intervals and free space', () => {
  it('merges overlapping and adjacent intervals and sizes their union', () => {
    const merged = mergeIntervals([span('10.0.0.0/25'), span('10.0.0.128/25'), span('10.0.1.0/26'), span('10.0.0.64/26')]);
    expect(merged).toEqual([{ start: span('10.0.0.0/23').start, end: span('10.0.1.0/26').end }]);
    expect(unionSize([span('10.0.0.0/24'), span('10.0.0.0/25'), span('10.0.2.0/24')])).toBe(512n);
    expect(unionSize([])).toBe(0n);
  });

  it('splits a range into the fewest CIDR blocks', () => {
    const { start } = span('10.0.0.0/32');
    expect(names(intervalToCidrs(4, { start: start + 1n, end: start + 6n }))).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(names(intervalToCidrs(4, { start: 0n, end: 0xffffffffn }))).toEqual(['0.0.0.0/0']);
    expect(names(intervalToCidrs(6, { start: 0n, end: (1n << 128n) - 1n }))).toEqual(['::/0']);
    expect(names(intervalToCidrs(6, span('2001:db8::/127')))).toEqual(['2001:db8::/127']);
  });

  it('gives free space as minimal blocks, as NetBox lists available prefixes', () => {
    const used = ['10.1.0.0/24', '10.1.1.0/24', '10.1.2.0/24', '10.1.3.0/26', '10.1.3.240/31'].map(span);
    expect(names(freeBlocks(cidr('10.1.0.0/20'), used))).toEqual([
      '10.1.3.64/26',
      '10.1.3.128/26',
      '10.1.3.192/27',
      '10.1.3.224/28',
      '10.1.3.242/31',
      '10.1.3.244/30',
      '10.1.3.248/29',
      '10.1.4.0/22',
      '10.1.8.0/21',
    ]);
    expect(names(freeBlocks(cidr('10.1.0.0/24'), [span('10.1.0.0/24')]))).toEqual([]);
    expect(names(freeBlocks(cidr('10.1.0.0/24'), []))).toEqual(['10.1.0.0/24']);
    // Children outside the prefix (other families, neighbours) do not eat into it.
    expect(names(freeBlocks(cidr('10.1.0.0/24'), [span('10.2.0.0/16'), span('10.0.255.0/24')]))).toEqual(['10.1.0.0/24']);
  });

  it('free blocks and used space tile the prefix exactly, checked address by address', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const outer = cidr('192.0.2.0/24');
    for (let round = 0; round < 50; round++) {
      const used = Array.from({ length: random(6) }, () => {
        const length = 25 + random(8);
        const size = 2 ** (32 - length);
        const offset = random(256 / size) * size;
        return span(`192.0.2.${offset}/${length}`);
      });
      const covered = new Array<boolean>(256).fill(false);
      for (const u of used) for (let a = Number(u.start & 0xffn); a <= Number(u.end & 0xffn); a++) covered[a] = true;
      const free = freeBlocks(outer, used);
      const inFree = new Array<number>(256).fill(0);
      for (const b of free) {
        const first = Number(b.network & 0xffn);
        for (let a = first; a < first + Number(cidrSize(b)); a++) inFree[a]!++;
      }
      for (let a = 0; a < 256; a++) expect(inFree[a], `round ${round} address .${a}`).toBe(covered[a] ? 0 : 1);
      // Minimal: no two neighbouring free blocks are the halves of one larger block.
      for (let i = 1; i < free.length; i++) {
        const [a, b] = [free[i - 1]!, free[i]!];
        const siblings = a.length === b.length && a.network + cidrSize(a) === b.network && (a.network & cidrSize(a) * 2n - 1n) === 0n;
        expect(siblings, `round ${round}: ${formatCidr(a)} + ${formatCidr(b)}`).toBe(false);
      }
    }
  });

  it('gaps: the uncovered parts of a span', () => {
    expect(gaps({ start: 0n, end: 9n }, [{ start: 2n, end: 3n }, { start: 3n, end: 5n }, { start: 9n, end: 20n }])).toEqual([
      { start: 0n, end: 1n },
      { start: 6n, end: 8n },
    ]);
  });
});

describe('free /N blocks', () => {
  it('counts and lists IPv4 /24s, ignoring smaller free blocks', () => {
    const free = [cidr('10.1.3.64/26'), cidr('10.1.4.0/22'), cidr('10.1.8.0/21')];
    expect(countSubnets(free, 24)).toBe(12n);
    expect(names(firstSubnets(free, 24, 3))).toEqual(['10.1.4.0/24', '10.1.5.0/24', '10.1.6.0/24']);
    expect(names(firstSubnets(free, 24, 64))).toHaveLength(12);
    expect(countSubnets(free, 26)).toBe(1n + 16n + 32n);
  });

  it('counts IPv6 /64s in a /48 beyond 2^53 safely', () => {
    const outer = cidr('2001:db8:1::/48');
    const free = freeBlocks(outer, [span('2001:db8:1:110::/64'), span('2001:db8:1:120::/64')]);
    expect(countSubnets(free, 64)).toBe(65_534n);
    expect(names(firstSubnets(free, 64, 2))).toEqual(['2001:db8:1::/64', '2001:db8:1:1::/64']);
    expect(names(firstSubnets(free, 64, 100_000)).includes('2001:db8:1:110::/64')).toBe(false);
    expect(countSubnets([cidr('2001:db8::/32')], 96)).toBe(1n << 64n);
  });
});
