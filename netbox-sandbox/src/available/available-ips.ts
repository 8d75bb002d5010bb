import type { Row } from '../db/dataset.ts';
import { parseCidr, type Cidr, type IpFamily } from '../models/ipam/cidr.ts';
import type { ApiContext } from '../models/model-def.ts';
import { formatAddress, freeIntervals, type Interval } from './ip-intervals.ts';

/** `vrf_id` as the index keys it: the global table is null. */
const vrfKey = (row: Row): unknown => row.vrf_id ?? null;

function hostsOf(ctx: ApiContext, vrf: unknown, anyVrf: boolean, first: bigint, last: bigint, family: IpFamily): Interval[] {
  const rows = anyVrf ? ctx.db.rows('ipam_ipaddress') : ctx.db.where('ipam_ipaddress', 'vrf_id', vrf);
  const hosts: Interval[] = [];
  for (const ip of rows) {
    const cidr = parseCidr(String(ip.address ?? ''));
    if (cidr && cidr.family === family && cidr.value >= first && cidr.value <= last) hosts.push([cidr.value, cidr.value]);
  }
  return hosts;
}

/** Prefix.usable_ip_bounds: pools and /31–/32 (/127–/128) whole; IPv4 without network and broadcast; IPv6 without the subnet-router anycast. */
function usableBounds(prefix: Row, net: Cidr): Interval {
  const bits = net.family === 4 ? 32 : 128;
  const first = net.network;
  const last = net.network + (1n << BigInt(bits - net.prefixLength)) - 1n;
  if (prefix.is_pool === true || net.prefixLength >= bits - 1) return [first, last];
  return net.family === 4 ? [first + 1n, last - 1n] : [first + 1n, last];
}

/** Child IP ranges marked populated (Prefix.get_child_ranges(mark_populated=True)): their addresses count as used. */
function populatedRanges(ctx: ApiContext, prefix: Row, net: Cidr, [first, last]: Interval): Interval[] {
  const span: Interval = [net.network, net.network + (1n << BigInt((net.family === 4 ? 32 : 128) - net.prefixLength)) - 1n];
  const ranges: Interval[] = [];
  for (const range of ctx.db.where('ipam_iprange', 'vrf_id', vrfKey(prefix))) {
    if (range.mark_populated !== true) continue;
    const start = parseCidr(String(range.start_address ?? ''));
    const end = parseCidr(String(range.end_address ?? ''));
    if (!start || !end || start.family !== net.family) continue;
    if (start.value < span[0] || end.value > span[1]) continue;
    const a = start.value > first ? start.value : first;
    const b = end.value < last ? end.value : last;
    if (a <= b) ranges.push([a, b]);
  }
  return ranges;
}

function* addresses(free: readonly Interval[]): Generator<bigint> {
  for (const [a, b] of free) for (let v = a; v <= b; v++) yield v;
}

function take(free: readonly Interval[], limit: number): bigint[] {
  const out: bigint[] = [];
  if (limit <= 0) return out;
  for (const value of addresses(free)) {
    out.push(value);
    if (out.length >= limit) break;
  }
  return out;
}

/** AvailableIPSerializer: `{family, address, vrf}`, the address with the parent's mask length. */
function availableIp(ctx: ApiContext, family: IpFamily, value: bigint, maskLength: number, vrfId: unknown): Record<string, unknown> {
  return { family, address: `${formatAddress(family, value)}/${maskLength}`, vrf: ctx.nested('ipam.vrf', vrfId as number | null) };
}

/**
 * `GET /api/ipam/prefixes/{id}/available-ips/`: the first free addresses of a prefix (Prefix.iter_available_ips),
 * skipping recorded IPs of its VRF (of any VRF for a global container) and ranges marked populated.
 */
export function prefixAvailableIps(ctx: ApiContext, prefix: Row, limit: number): Record<string, unknown>[] {
  const net = parseCidr(String(prefix.prefix ?? ''));
  if (!net) return [];
  const bounds = usableBounds(prefix, net);
  const anyVrf = prefix.vrf_id == null && prefix.status === 'container';
  const span = [net.network, net.network + (1n << BigInt((net.family === 4 ? 32 : 128) - net.prefixLength)) - 1n] as const;
  const used = [...hostsOf(ctx, vrfKey(prefix), anyVrf, span[0], span[1], net.family), ...populatedRanges(ctx, prefix, net, bounds)];
  return take(freeIntervals(bounds[0], bounds[1], used), limit).map((v) => availableIp(ctx, net.family, v, net.prefixLength, prefix.vrf_id));
}

/** `GET /api/ipam/ip-ranges/{id}/available-ips/`: the range's free addresses in its VRF; none when it is marked populated. */
export function rangeAvailableIps(ctx: ApiContext, range: Row, limit: number): Record<string, unknown>[] {
  if (range.mark_populated === true) return [];
  const start = parseCidr(String(range.start_address ?? ''));
  const end = parseCidr(String(range.end_address ?? ''));
  if (!start || !end || start.family !== end.family) return [];
  const used = hostsOf(ctx, vrfKey(range), false, start.value, end.value, start.family);
  return take(freeIntervals(start.value, end.value, used), limit).map((v) => availableIp(ctx, start.family, v, start.prefixLength, range.vrf_id));
}
