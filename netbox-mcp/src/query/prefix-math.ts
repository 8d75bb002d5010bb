/**
 * IPv4 and IPv6 address arithmetic on BigInt, so one code path serves a /8 and a /48 alike and nothing
 * overflows. Intervals are inclusive [start, end] address values.
 */

export type IpVersion = 4 | 6;

export interface IpAddr {
  readonly version: IpVersion;
  readonly value: bigint;
}

export interface Cidr {
  readonly version: IpVersion;
  /** The network address: host bits are always zero. */
  readonly network: bigint;
  readonly length: number;
}

export interface Interval {
  readonly start: bigint;
  readonly end: bigint;
}

export const bitsOf = (version: IpVersion): number => (version === 4 ? 32 : 128);

export function parseIp(text: string): IpAddr | undefined {
  const s = text.trim();
  if (s.includes(':')) {
    const value = parseIpv6(s);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4(s);
  return value === undefined ? undefined : { version: 4, value };
}

/** `10.1.3.5/26` → the address and its mask length; a bare address has no length. */
export function parseAddressWithMask(text: string): { readonly addr: IpAddr; readonly length: number | undefined } | undefined {
  const [host = '', mask, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const addr = parseIp(host);
  if (!addr) return undefined;
  if (mask === undefined) return { addr, length: undefined };
  const length = parseLength(mask, addr.version);
  return length === undefined ? undefined : { addr, length };
}

/** A prefix in CIDR form; host bits are cleared (as NetBox does), a bare address is a host route. */
export function parseCidr(text: string): Cidr | undefined {
  const parsed = parseAddressWithMask(text);
  if (!parsed) return undefined;
  const { addr } = parsed;
  const length = parsed.length ?? bitsOf(addr.version);
  return { version: addr.version, network: addr.value & maskOf(addr.version, length), length };
}

export function hostBitsSet(text: string): boolean {
  const parsed = parseAddressWithMask(text);
  const cidr = parseCidr(text);
  return !!parsed && !!cidr && parsed.addr.value !== cidr.network;
}

export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt(bitsOf(cidr.version) - cidr.length);
}

export function cidrLast(cidr: Cidr): bigint {
  return cidr.network + cidrSize(cidr) - 1n;
}

export function cidrInterval(cidr: Cidr): Interval {
  return { start: cidr.network, end: cidrLast(cidr) };
}

export function containsAddress(cidr: Cidr, addr: IpAddr): boolean {
  return cidr.version === addr.version && addr.value >= cidr.network && addr.value <= cidrLast(cidr);
}

/** Whether `inner` lies within `outer`; `strict` excludes the prefix itself (NetBox's `net_contained`). */
export function containsCidr(outer: Cidr, inner: Cidr, strict = false): boolean {
  if (outer.version !== inner.version || inner.length < outer.length) return false;
  if (strict && inner.length === outer.length) return false;
  return (inner.network & maskOf(outer.version, outer.length)) === outer.network;
}

export function formatIp(addr: IpAddr): string {
  return addr.version === 4 ? formatIpv4(addr.value) : formatIpv6(addr.value);
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ version: cidr.version, value: cidr.network })}/${cidr.length}`;
}

/** Sorted, overlapping and adjacent intervals joined: an IPSet. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && next.start <= last.end + 1n) {
      if (next.end > last.end) out[out.length - 1] = { start: last.start, end: next.end };
    } else {
      out.push(next);
    }
  }
  return out;
}

/** Addresses covered by the union of the intervals. */
export function unionSize(list: readonly Interval[]): bigint {
  return mergeIntervals(list).reduce((n, i) => n + (i.end - i.start + 1n), 0n);
}

/** The parts of `outer` no interval covers, in address order. */
export function gaps(outer: Interval, used: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = outer.start;
  for (const u of mergeIntervals(used)) {
    if (u.end < outer.start || u.start > outer.end) continue;
    if (u.start > cursor) out.push({ start: cursor, end: u.start - 1n });
    if (u.end + 1n > cursor) cursor = u.end + 1n;
    if (cursor > outer.end) return out;
  }
  if (cursor <= outer.end) out.push({ start: cursor, end: outer.end });
  return out;
}

/** The fewest CIDR blocks that cover exactly [start, end]. */
export function intervalToCidrs(version: IpVersion, interval: Interval): Cidr[] {
  const bits = bitsOf(version);
  const out: Cidr[] = [];
  let start = interval.start;
  while (start <= interval.end) {
    // The largest block aligned at `start` that does not run past the end.
    let size = start === 0n ? 1n << BigInt(bits) : start & -start;
    while (start + size - 1n > interval.end) size >>= 1n;
    out.push({ version, network: start, length: bits - bitLength(size) + 1 });
    start += size;
  }
  return out;
}

/** Free space of `outer` as the minimal list of CIDR blocks (NetBox's available prefixes). */
export function freeBlocks(outer: Cidr, used: readonly Interval[]): Cidr[] {
  return gaps(cidrInterval(outer), used).flatMap((g) => intervalToCidrs(outer.version, g));
}

/** How many /`length` blocks fit in the blocks (blocks smaller than /`length` hold none). */
export function countSubnets(blocks: readonly Cidr[], length: number): bigint {
  return blocks.reduce((n, b) => (b.length <= length ? n + (1n << BigInt(length - b.length)) : n), 0n);
}

/** The first `max` /`length` blocks inside the blocks, in order. */
export function firstSubnets(blocks: readonly Cidr[], length: number, max: number): Cidr[] {
  const out: Cidr[] = [];
  for (const b of blocks) {
    if (b.length > length) continue;
    const step = 1n << BigInt(bitsOf(b.version) - length);
    for (let network = b.network; network <= cidrLast(b) && out.length < max; network += step) {
      out.push({ version: b.version, network, length });
    }
    if (out.length >= max) break;
  }
  return out;
}

export function maskOf(version: IpVersion, length: number): bigint {
  const bits = BigInt(bitsOf(version));
  const all = (1n << bits) - 1n;
  return (all << (bits - BigInt(length))) & all;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

function parseLength(text: string, version: IpVersion): number | undefined {
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= bitsOf(version) ? n : undefined;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const pieces = part.split(':');
    const out: number[] = [];
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.reduce((v, g) => (v << 16n) | BigInt(g), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** RFC 5952: lower case, no leading zeros, the longest run (two or more) of zero groups as `::`. */
function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.len < 2) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}
