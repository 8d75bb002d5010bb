import type { Row } from '../db/dataset.ts';
import type { Database } from '../db/database.ts';

/**
 * Ids of a tree node and all its descendants, for NetBox's TreeNodeMultipleChoiceFilter
 * (`region=emea` also matches sites in the countries under EMEA).
 */
export function descendantIds(db: Database, table: string, ids: Iterable<number>): Set<number> {
  const out = new Set<number>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop() as number;
    if (out.has(id)) continue;
    out.add(id);
    for (const child of db.where(table, 'parent_id', id)) queue.push(Number(child.id));
  }
  return out;
}

/** `_depth` of an MPTT node: the stored `level`, or the length of its parent chain. */
export function treeDepth(db: Database, table: string, row: Row): number {
  if (typeof row.level === 'number') return row.level;
  let depth = 0;
  let parent = db.get(table, row.parent_id);
  while (parent && depth < 100) {
    depth += 1;
    parent = db.get(table, parent.parent_id);
  }
  return depth;
}
