import type { QueryParams } from '../../client/query-string.ts';
import type { ImpactGroup, ObjectRef } from '../../result/tool-data.ts';
import type { Catalog } from '../../schema/catalog.ts';
import { errorCode } from '../fetch-parts.ts';
import { objectRef } from '../path-ends.ts';
import type { QueryLog } from '../query-log.ts';
import type { ToolContext } from '../tool-context.ts';

/** What an impact plan needs: the user's NetBox, the request log of this call, and rows per group. */
export interface ImpactScope {
  readonly ctx: ToolContext;
  readonly catalog: Catalog;
  readonly log: QueryLog;
  readonly limit: number;
}

export interface ListGroupSpec {
  readonly key: string;
  readonly label: string;
  readonly model: string;
  readonly params: QueryParams;
}

/** One group read as NetBox lists it: its count and first rows (brief), and the same list in NetBox's UI. */
export async function listGroup(scope: ImpactScope, spec: ListGroupSpec): Promise<ImpactGroup | undefined> {
  const type = scope.catalog.find(spec.model);
  if (!type) return undefined;
  const listUrl = scope.ctx.client.uiUrl(type.listPath, spec.params);
  try {
    const page = await scope.log.list(type.listPath, { ...spec.params, brief: true, limit: Math.max(scope.limit, 1) });
    const shown = page.results.slice(0, scope.limit).flatMap((row) => objectRef(scope.ctx, scope.catalog, row, type.key) ?? []);
    return { key: spec.key, label: spec.label, type: type.key, count: page.count, shown, listUrl };
  } catch (error) {
    return { key: spec.key, label: spec.label, type: type.key, count: 0, shown: [], listUrl, failed: errorCode(error) };
  }
}

/** A group of objects found on the way (neighbors of a device, circuits on its ports), each once. */
export function refGroup(key: string, label: string, type: string, refs: readonly ObjectRef[], limit: number, listUrl?: string): ImpactGroup {
  const unique = [...new Map(refs.map((r) => [`${r.type}:${r.id}`, r])).values()];
  return { key, label, type, count: unique.length, shown: unique.slice(0, limit), ...(listUrl ? { listUrl } : {}) };
}

/** A group that could not be read at all. */
export function failedGroup(key: string, label: string, type: string, error: unknown): ImpactGroup {
  return { key, label, type, count: 0, shown: [], failed: errorCode(error) };
}
