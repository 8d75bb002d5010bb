/**
 * Just enough IPv4/IPv6 arithmetic for NetBox's IPAM filters (`within`, `contains`, `parent`, `mask_length`)
 * and for sorting as PostgreSQL sorts `inet`/`cidr`. Addresses are BigInts so both families share one path.
 * Parsing is as strict as netaddr's: dotted quads without leading zeros, RFC 4291 IPv6 text.
 */

export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

export interface Cidr extends IpAddress {
  /** `value` with the host bits cleared. */
  readonly network: bigint;
  readonly prefixLength: number;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

export function familyBits(family: IpFamily): number {
  return BITS[family];
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseGroups(text: string): bigint[] | null {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    // An embedded IPv4 address may end the text (::ffff:192.0.2.1).
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return null;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An address without mask, or null when it is not one. */
export function parseIp(text: string): IpAddress | null {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const value = parseIpv6(trimmed);
    return value === null ? null : { family: 6, value };
  }
  const value = parseIpv4(trimmed);
  return value === null ? null : { family: 4, value };
}

function maskOf(family: IpFamily, prefixLength: number): bigint {
  const bits = BigInt(BITS[family]);
  const host = bits - BigInt(prefixLength);
  return ((1n << bits) - 1n) ^ ((1n << host) - 1n);
}

/**
 * `10.1.2.3/24`, `2001:db8::/32`, or a bare address (a host route: /32 or /128). Host bits are kept in
 * `value`, as an `inet` column keeps them; `network` is what netaddr's `.cidr` gives.
 */
export function parseCidr(text: string): Cidr | null {
  const [addressText, lengthText, ...rest] = text.trim().split('/');
  if (addressText === undefined || rest.length > 0) return null;
  const ip = parseIp(addressText);
  if (!ip) return null;
  let prefixLength = BITS[ip.family];
  if (lengthText !== undefined) {
    if (!/^\d{1,3}$/.test(lengthText)) return null;
    prefixLength = Number(lengthText);
    if (prefixLength > BITS[ip.family]) return null;
  }
  return { ...ip, prefixLength, network: ip.value & maskOf(ip.family, prefixLength) };
}

/** Whether `inner` lies inside `outer` or equals it (PostgreSQL's `<<=`). */
export function cidrContainsOrEquals(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefixLength < outer.prefixLength) return false;
  return (inner.network & maskOf(outer.family, outer.prefixLength)) === outer.network;
}

/** Whether `inner` lies strictly inside `outer` (PostgreSQL's `<<`). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return cidrContainsOrEquals(outer, inner) && !(inner.prefixLength === outer.prefixLength && inner.network === outer.network);
}

/** Whether the host part of an address lies in a network, whatever the address's own mask. */
export function hostWithin(network: Cidr, address: IpAddress): boolean {
  return address.family === network.family && (address.value & maskOf(network.family, network.prefixLength)) === network.network;
}

/** Two networks are the same `cidr` value. */
export function sameNetwork(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.prefixLength === b.prefixLength && a.network === b.network;
}

/**
 * A text key that sorts as PostgreSQL sorts `inet`: family, then the network bits both sides share, then
 * mask length, then the whole address. Comparing the masked network first gives the same order as comparing
 * only the common bits, because a longer mask only adds bits after them. Unparseable text sorts last.
 */
export function inetSortKey(text: unknown): string {
  const cidr = typeof text === 'string' ? parseCidr(text) : null;
  if (!cidr) return `9:${String(text)}`;
  // Fixed-width decimal digits compare the same under any collation.
  const digits = (v: bigint): string => v.toString().padStart(39, '0');
  return `${cidr.family}:${digits(cidr.network)}:${String(cidr.prefixLength).padStart(3, '0')}:${digits(cidr.value)}`;
}
