import type { Row } from '../db/dataset.ts';
import { cidrContains, familyBits, parseCidr } from '../models/ipam/cidr.ts';
import type { ApiContext } from '../models/model-def.ts';
import { formatAddress, freeIntervals, intervalCidrs, type Interval } from './ip-intervals.ts';

/**
 * `GET /api/ipam/prefixes/{id}/available-prefixes/`: the prefix minus its child prefixes of the same VRF
 * (the global table for a global prefix, containers included), as the fewest CIDR blocks in address order
 * (`IPSet(prefix) - IPSet(children)`, `iter_cidrs()`). NetBox applies no limit here.
 */
export function availablePrefixes(ctx: ApiContext, prefix: Row): Record<string, unknown>[] {
  const net = parseCidr(String(prefix.prefix ?? ''));
  if (!net) return [];
  const size = 1n << BigInt(familyBits(net.family) - net.prefixLength);
  const children: Interval[] = [];
  for (const child of ctx.db.where('ipam_prefix', 'vrf_id', prefix.vrf_id ?? null)) {
    const c = parseCidr(String(child.prefix ?? ''));
    if (!c || !cidrContains(net, c)) continue;
    children.push([c.network, c.network + (1n << BigInt(familyBits(c.family) - c.prefixLength)) - 1n]);
  }
  const vrf = ctx.nested('ipam.vrf', prefix.vrf_id as number | null);
  return freeIntervals(net.network, net.network + size - 1n, children)
    .flatMap((interval) => intervalCidrs(net.family, interval))
    .map((block) => ({ family: net.family, prefix: `${formatAddress(net.family, block.network)}/${block.prefixLength}`, vrf }));
}
