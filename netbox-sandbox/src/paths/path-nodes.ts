import type { Row } from '../db/dataset.ts';
import type { ApiContext, ModelKey } from '../models/model-def.ts';

/** One object of a cable path: its model and id. */
export interface PathObject {
  readonly key: ModelKey;
  readonly id: number;
}

/** A CablePath node, `"<content type id>:<object id>"`, split in its two parts. */
export function nodeParts(node: unknown): [string, string] {
  const [typeId = '', id = ''] = String(node).split(':');
  return [typeId, id];
}

/** `"<content type id>:<object id>"` of an object: how CablePath names it in `path` and `_nodes`. */
export function nodeOf(ctx: ApiContext, key: ModelKey, id: unknown): string | undefined {
  const typeId = ctx.db.contentTypeId(key);
  return typeId === undefined ? undefined : `${typeId}:${String(id)}`;
}

/**
 * The objects of each step of a path (CablePath.path_objects): nodes whose object is gone, or of a model the
 * sandbox does not serve, are left out of their step, as NetBox's GenericArrayForeignKey leaves out what it
 * cannot load.
 */
export function pathObjects(ctx: ApiContext, path: Row['path']): PathObject[][] {
  const steps = Array.isArray(path) ? (path as unknown[]) : [];
  return steps.map((step) =>
    (Array.isArray(step) ? step : []).flatMap((node): PathObject[] => {
      const [typeId, id] = nodeParts(node);
      const key = ctx.db.contentTypeKey(typeId) as ModelKey | undefined;
      if (!key || !/^\d+$/.test(id)) return [];
      return ctx.nested(key, Number(id)) === null ? [] : [{ key, id: Number(id) }];
    }),
  );
}

/** Each object of a step in its nested (brief) form, as `serializer(nodes, nested=True, many=True)` writes them. */
export function nestedStep(ctx: ApiContext, step: readonly PathObject[]): Record<string, unknown>[] {
  return step.flatMap((o) => {
    const nested = ctx.nested(o.key, o.id);
    return nested ? [nested] : [];
  });
}
