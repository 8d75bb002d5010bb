import type { Row } from '../db/dataset.ts';
import { vidRanges } from '../models/ipam/vid-ranges.ts';
import type { ApiContext } from '../models/model-def.ts';

/** The first `limit` whole numbers of the inclusive ranges that are not taken, ascending. */
function firstFree(ranges: readonly (readonly [number, number])[], taken: ReadonlySet<number>, limit: number): number[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let next = -Infinity;
  for (const [lo, hi] of sorted) {
    for (let n = Math.max(lo, next); n <= hi && out.length < limit; n++) if (!taken.has(n)) out.push(n);
    next = Math.max(next, hi + 1);
    if (out.length >= limit) break;
  }
  return out;
}

/** `GET /api/ipam/vlan-groups/{id}/available-vlans/`: VIDs of the group's ranges no VLAN of the group uses. */
export function availableVlans(ctx: ApiContext, group: Row, limit: number): Record<string, unknown>[] {
  const taken = new Set(ctx.db.where('ipam_vlan', 'group_id', group.id).map((v) => Number(v.vid)));
  const nested = ctx.nested('ipam.vlangroup', group.id as number);
  return firstFree(vidRanges(group), taken, limit).map((vid) => ({ vid, group: nested }));
}

/**
 * `GET /api/ipam/asn-ranges/{id}/available-asns/`: numbers of the range no ASN has, whatever its RIR
 * (ASNRange.get_child_asns filters by number alone), each with the range's RIR first, as
 * AvailableASNSerializer.to_representation writes it.
 */
export function availableAsns(ctx: ApiContext, range: Row, limit: number): Record<string, unknown>[] {
  const start = Number(range.start);
  const end = Number(range.end);
  const taken = new Set(ctx.db.rows('ipam_asn').map((a) => Number(a.asn)).filter((n) => n >= start && n <= end));
  const rir = ctx.nested('ipam.rir', range.rir_id as number | null);
  return firstFree([[start, end]], taken, limit).map((asn) => ({ rir, asn }));
}
