import {
  cidrInterval,
  cidrSize,
  gaps,
  mergeIntervals,
  unionSize,
  type Cidr,
  type Interval,
  type IpAddr,
  type IpVersion,
} from './prefix-math.ts';

/** What utilization needs of a prefix, IP address or IP range; `vrfId` null is the global table. */
export interface PrefixFacts {
  readonly cidr: Cidr;
  readonly vrfId: number | null;
  readonly status: string;
  readonly isPool: boolean;
  readonly markUtilized: boolean;
}

export interface IpFacts {
  readonly addr: IpAddr;
  readonly vrfId: number | null;
}

export interface RangeFacts {
  readonly version: IpVersion;
  readonly start: bigint;
  readonly end: bigint;
  readonly vrfId: number | null;
  readonly markUtilized: boolean;
  readonly markPopulated: boolean;
}

export interface Utilization {
  /** 0–100, as NetBox's Prefix.get_utilization returns it. */
  readonly percent: number;
  /** Addresses counted as used, and the size they are counted against. */
  readonly used: bigint;
  readonly size: bigint;
  readonly basis: 'marked' | 'child prefixes' | 'addresses';
  /** Non-containers: IP addresses and addresses of ranges marked utilized that were counted. */
  readonly ips?: number;
  readonly rangeAddresses?: bigint;
}

export interface FreeAddresses {
  readonly count: bigint;
  readonly first: bigint | undefined;
}

const keyOf = (vrfId: number | null, version: IpVersion): string => `${vrfId ?? 'global'}|${version}`;

/**
 * Computes utilization the way NetBox's Prefix.get_utilization does (ipam/models/ip.py), locally over
 * prefixes, IPs and ranges fetched once, so a whole table of prefixes costs a few list requests:
 * - mark_utilized → 100%;
 * - container → share of its space covered by strictly contained prefixes of the same VRF;
 * - otherwise → distinct IPs of the same VRF plus the addresses of same-VRF ranges marked utilized, over the
 *   size (IPv4 non-pool prefixes shorter than /31 lose network and broadcast).
 */
export class UtilizationIndex {
  readonly #prefixes = new Map<string, Interval[]>();
  readonly #ips = new Map<string, bigint[]>();
  readonly #ranges = new Map<string, RangeFacts[]>();

  constructor(prefixes: readonly PrefixFacts[], ips: readonly IpFacts[], ranges: readonly RangeFacts[]) {
    for (const p of prefixes) push(this.#prefixes, keyOf(p.vrfId, p.cidr.version), cidrInterval(p.cidr));
    for (const ip of ips) push(this.#ips, keyOf(ip.vrfId, ip.addr.version), ip.addr.value);
    for (const r of ranges) push(this.#ranges, keyOf(r.vrfId, r.version), r);
    for (const list of this.#prefixes.values()) list.sort((a, b) => cmp(a.start, b.start) || cmp(b.end, a.end));
    for (const [key, list] of this.#ips) this.#ips.set(key, [...new Set(list)].sort(cmp));
  }

  utilization(prefix: PrefixFacts): Utilization {
    const whole = cidrSize(prefix.cidr);
    if (prefix.markUtilized) return { percent: 100, used: whole, size: whole, basis: 'marked' };
    const key = keyOf(prefix.vrfId, prefix.cidr.version);
    const span = cidrInterval(prefix.cidr);
    if (prefix.status === 'container') {
      const used = unionSize(this.#childPrefixes(key, span));
      return { percent: percent(used, whole), used, size: whole, basis: 'child prefixes' };
    }
    const ranges = this.#childRanges(key, span)
      .filter((r) => r.markUtilized)
      .map((r) => ({ start: r.start, end: r.end }));
    const merged = mergeIntervals(ranges);
    const ips = this.#childIps(key, span);
    const outside = ips.filter((ip) => !inside(merged, ip)).length;
    const rangeAddresses = unionSize(merged);
    const used = rangeAddresses + BigInt(outside);
    const size = prefix.cidr.version === 4 && prefix.cidr.length < 31 && !prefix.isPool ? whole - 2n : whole;
    return { percent: percent(used, size), used, size, basis: 'addresses', ips: ips.length, rangeAddresses };
  }

  /** NetBox's Prefix.get_available_ips: not an IP, not in a range marked populated, not network/broadcast/anycast. */
  freeAddresses(prefix: PrefixFacts): FreeAddresses {
    const key = keyOf(prefix.vrfId, prefix.cidr.version);
    const span = cidrInterval(prefix.cidr);
    const taken: Interval[] = this.#childIps(key, span).map((v) => ({ start: v, end: v }));
    for (const r of this.#childRanges(key, span)) if (r.markPopulated) taken.push({ start: r.start, end: r.end });
    const { version, length } = prefix.cidr;
    const fullyUsable = prefix.isPool || (version === 4 ? length >= 31 : length >= 127);
    if (!fullyUsable) {
      taken.push({ start: span.start, end: span.start });
      if (version === 4) taken.push({ start: span.end, end: span.end });
    }
    const free = gaps(span, taken);
    return { count: free.reduce((n, g) => n + (g.end - g.start + 1n), 0n), first: free[0]?.start };
  }

  /** Prefixes of the same VRF strictly inside the span (NetBox's `net_contained`). */
  #childPrefixes(key: string, span: Interval): Interval[] {
    const list = this.#prefixes.get(key) ?? [];
    const out: Interval[] = [];
    for (let i = lowerBound(list, span.start, (p) => p.start); i < list.length; i++) {
      const p = list[i]!;
      if (p.start > span.end) break;
      if (p.end <= span.end && !(p.start === span.start && p.end === span.end)) out.push(p);
    }
    return out;
  }

  #childIps(key: string, span: Interval): bigint[] {
    const list = this.#ips.get(key) ?? [];
    const from = lowerBound(list, span.start, (v) => v);
    const to = lowerBound(list, span.end + 1n, (v) => v);
    return list.slice(from, to);
  }

  /** Ranges whose start and end both lie in the span (NetBox's `get_child_ranges`). */
  #childRanges(key: string, span: Interval): RangeFacts[] {
    return (this.#ranges.get(key) ?? []).filter((r) => r.start >= span.start && r.end <= span.end);
  }
}

function percent(used: bigint, size: bigint): number {
  if (size <= 0n) return 0;
  return Math.min((Number(used) / Number(size)) * 100, 100);
}

function inside(merged: readonly Interval[], value: bigint): boolean {
  const i = lowerBound(merged, value + 1n, (m) => m.start) - 1;
  const m = merged[i];
  return !!m && value >= m.start && value <= m.end;
}

function lowerBound<T>(list: readonly T[], value: bigint, of: (item: T) => bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (of(list[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
