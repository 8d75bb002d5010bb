import type { Database } from '../db/database.ts';
import type { Row } from '../db/dataset.ts';
import type { ApiContext, ModelKey } from '../models/model-def.ts';
import { nestedStep, nodeOf, pathObjects } from './path-nodes.ts';

const byNode = new WeakMap<Database, Map<string, Row[]>>();

/** Cable paths by each node they hold (`_nodes`), built once per data set: `_nodes__contains` as an index. */
function pathIndex(db: Database): Map<string, Row[]> {
  let index = byNode.get(db);
  if (!index) {
    index = new Map();
    for (const path of db.rows('dcim_cablepath')) {
      const nodes = Array.isArray(path._nodes) ? path._nodes : (Array.isArray(path.path) ? (path.path as unknown[]) : []).flat();
      for (const node of new Set(nodes.map(String))) {
        const list = index.get(node);
        if (list) list.push(path);
        else index.set(node, [path]);
      }
    }
    byNode.set(db, index);
  }
  return index;
}

/**
 * `GET …/{id}/paths/` (PassThroughPortMixin.paths) for a front port, rear port or circuit termination: every
 * cable path through it, as CablePathSerializer writes them. A path with a step that lost all its objects
 * shows an empty `path`, as NetBox's does.
 */
export function pathsThrough(ctx: ApiContext, key: ModelKey, id: unknown): Record<string, unknown>[] {
  const node = nodeOf(ctx, key, id);
  const paths = node === undefined ? [] : (pathIndex(ctx.db).get(node) ?? []);
  return [...paths]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((path) => {
      const steps = pathObjects(ctx, path.path);
      return {
        id: Number(path.id),
        path: steps.some((step) => step.length === 0) ? [] : steps.map((step) => nestedStep(ctx, step)),
        is_active: Boolean(path.is_active),
        is_complete: Boolean(path.is_complete),
        is_split: Boolean(path.is_split),
      };
    });
}
