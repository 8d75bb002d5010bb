import type { Row } from '../../db/dataset.ts';

/**
 * A VLAN group's `vid_ranges` as inclusive `[first, last]` pairs. PostgreSQL stores int4range values as
 * half-open text (`[1,4095)`); generated data may already hold pairs.
 */
export function vidRanges(row: Row): [number, number][] {
  const raw = Array.isArray(row.vid_ranges) ? (row.vid_ranges as unknown[]) : [];
  return raw.flatMap((r): [number, number][] => {
    if (Array.isArray(r) && r.length === 2) return [[Number(r[0]), Number(r[1])]];
    const m = typeof r === 'string' ? /^([[(])\s*(\d+)\s*,\s*(\d+)\s*([\])])$/.exec(r) : null;
    if (!m) return [];
    const lower = Number(m[2]) + (m[1] === '(' ? 1 : 0);
    const upper = Number(m[3]) - (m[4] === ')' ? 1 : 0);
    return [[lower, upper]];
  });
}

export function totalVlanIds(row: Row): number {
  const stored = row.total_vlan_ids ?? row._total_vlan_ids;
  if (typeof stored === 'number') return stored;
  return vidRanges(row).reduce((sum, [lo, hi]) => sum + (hi - lo + 1), 0);
}
