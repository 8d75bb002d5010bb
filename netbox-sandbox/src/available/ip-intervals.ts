import { familyBits, type IpFamily } from '../models/ipam/cidr.ts';

/** Inclusive `[first, last]` address range. */
export type Interval = readonly [bigint, bigint];

/** What is left of `[first, last]` once `used` is taken out, in ascending order. */
export function freeIntervals(first: bigint, last: bigint, used: readonly Interval[]): Interval[] {
  const sorted = used.filter(([a, b]) => b >= first && a <= last).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const free: Interval[] = [];
  let next = first;
  for (const [a, b] of sorted) {
    if (a > next) free.push([next, a - 1n]);
    if (b + 1n > next) next = b + 1n;
    if (next > last) return free;
  }
  if (next <= last) free.push([next, last]);
  return free;
}

/** The fewest CIDR blocks covering an interval exactly, in order (netaddr's `iprange_to_cidrs`). */
export function intervalCidrs(family: IpFamily, [first, last]: Interval): { network: bigint; prefixLength: number }[] {
  const bits = familyBits(family);
  const out: { network: bigint; prefixLength: number }[] = [];
  let start = first;
  while (start <= last) {
    let size = 0;
    // Grow the block while it stays aligned at `start` and inside the interval.
    while (size < bits && (start & ((1n << BigInt(size + 1)) - 1n)) === 0n && start + (1n << BigInt(size + 1)) - 1n <= last) size++;
    out.push({ network: start, prefixLength: bits - size });
    start += 1n << BigInt(size);
  }
  return out;
}

/** An address as netaddr writes it: dotted quad, or RFC 5952 IPv6 with the longest zero run as `::`. */
export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - i * 16)) & 0xffffn));
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { at: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}
