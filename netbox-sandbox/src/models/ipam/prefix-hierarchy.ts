import type { Row } from '../../db/dataset.ts';
import type { Database } from '../../db/database.ts';
import { cidrContains, inetSortKey, parseCidr, sameNetwork, type Cidr } from './cidr.ts';

export interface PrefixPlace {
  /** Distinct prefixes strictly containing this one in the same VRF. */
  readonly depth: number;
  /** Prefixes strictly inside this one in the same VRF. */
  readonly children: number;
}

interface Group {
  readonly cidr: Cidr;
  readonly rows: Row[];
}

const cache = new WeakMap<readonly Row[], Map<number, PrefixPlace>>();

function placeAll(rows: readonly Row[]): Map<number, PrefixPlace> {
  const depth = new Map<number, number>();
  const children = new Map<number, number>();
  const byVrf = new Map<unknown, { row: Row; cidr: Cidr }[]>();
  for (const row of rows) {
    const cidr = typeof row.prefix === 'string' ? parseCidr(row.prefix) : null;
    if (!cidr) continue;
    const vrf = row.vrf_id ?? null;
    const list = byVrf.get(vrf) ?? [];
    list.push({ row, cidr });
    byVrf.set(vrf, list);
  }
  for (const list of byVrf.values()) {
    list.sort((a, b) => (inetSortKey(a.row.prefix) < inetSortKey(b.row.prefix) ? -1 : 1));
    // Sorted by network then mask, every prefix comes after all that contain it: a stack walk finds them.
    const stack: Group[] = [];
    for (const { row, cidr } of list) {
      while (stack.length > 0 && !cidrContains(stack[stack.length - 1]!.cidr, cidr) && !sameNetwork(stack[stack.length - 1]!.cidr, cidr)) {
        stack.pop();
      }
      const top = stack[stack.length - 1];
      const duplicate = top !== undefined && sameNetwork(top.cidr, cidr);
      const ancestors = duplicate ? stack.slice(0, -1) : stack;
      depth.set(Number(row.id), ancestors.length);
      for (const group of ancestors) for (const r of group.rows) children.set(Number(r.id), (children.get(Number(r.id)) ?? 0) + 1);
      if (duplicate) top.rows.push(row);
      else stack.push({ cidr, rows: [row] });
    }
  }
  const out = new Map<number, PrefixPlace>();
  for (const row of rows) out.set(Number(row.id), { depth: depth.get(Number(row.id)) ?? 0, children: children.get(Number(row.id)) ?? 0 });
  return out;
}

/**
 * A prefix's `_depth` and `_children`. NetBox stores both on the row; data that lacks them gets them computed
 * the way NetBox's rebuild does (same VRF, strict containment).
 */
export function prefixPlace(db: Database, row: Row): PrefixPlace {
  if (typeof row._depth === 'number' && typeof row._children === 'number') return { depth: row._depth, children: row._children };
  const rows = db.rows('ipam_prefix');
  let places = cache.get(rows);
  if (!places) {
    places = placeAll(rows);
    cache.set(rows, places);
  }
  return places.get(Number(row.id)) ?? { depth: 0, children: 0 };
}
