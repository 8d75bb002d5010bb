import type { Row } from '../dataset.ts';
import { parseCidr } from './ip.ts';

/**
 * NetBox's cached `_depth` and `_children` of prefixes (`ipam.utils.rebuild_prefixes`): per VRF, walk the
 * prefixes in network order with a stack of open parents.
 */
export function computePrefixTree(rows: readonly Row[]): void {
  const byVrf = new Map<unknown, { row: Row; family: number; network: bigint; length: number; last: bigint }[]>();
  for (const row of rows) {
    const p = parseCidr(String(row.prefix));
    const bits = p.family === 4 ? 32 : 128;
    const last = p.network + (1n << BigInt(bits - p.length)) - 1n;
    const list = byVrf.get(row.vrf_id ?? null) ?? [];
    list.push({ row, family: p.family, network: p.network, length: p.length, last });
    byVrf.set(row.vrf_id ?? null, list);
  }
  for (const list of byVrf.values()) {
    list.sort((a, b) => a.family - b.family || (a.network < b.network ? -1 : a.network > b.network ? 1 : 0) || a.length - b.length);
    const stack: { rows: Row[]; family: number; network: bigint; length: number; last: bigint; children: number }[] = [];
    const contains = (parent: { family: number; network: bigint; length: number; last: bigint }, child: { family: number; network: bigint; length: number }): boolean =>
      parent.family === child.family && child.length > parent.length && child.network >= parent.network && child.network <= parent.last;
    const close = (): void => {
      const node = stack.pop();
      if (!node) return;
      for (const r of node.rows) {
        r._depth = stack.length;
        r._children = node.children;
      }
    };
    for (const p of list) {
      const top = stack[stack.length - 1];
      if (top && top.family === p.family && top.network === p.network && top.length === p.length) {
        top.rows.push(p.row);
        continue;
      }
      while (stack.length > 0 && !contains(stack[stack.length - 1] as (typeof stack)[number], p)) close();
      for (const node of stack) node.children += 1;
      stack.push({ rows: [p.row], family: p.family, network: p.network, length: p.length, last: p.last, children: 0 });
    }
    while (stack.length > 0) close();
  }
}
