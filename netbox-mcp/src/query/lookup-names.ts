import { NetboxMcpError } from '../errors.ts';
import { compactValue } from '../format/compact-value.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ToolContext } from './tool-context.ts';
import { fanOut } from './fan-out.ts';
import { pathOf } from '../client/api-path.ts';

export interface LookedUpNames {
  /** `dcim.site#3` → `CHI-DC1` */
  readonly names: ReadonlyMap<string, string>;
  /** The NetBox API requests made. */
  readonly queries: string[];
  /** Types whose names could not be fetched, with the error code: shown to the model, never hidden. */
  readonly failures: string[];
}

/** Ids per request; more than a page of changes can reference is never needed. */
const MAX_IDS = 200;

export const nameKey = (target: string, id: number): string => `${target}#${id}`;

/**
 * Names for objects that change records refer to by id only, one request per object type, in parallel.
 * Objects deleted since simply stay ids.
 */
export async function lookupNames(ctx: ToolContext, catalog: Catalog, wanted: ReadonlyMap<string, ReadonlySet<number>>): Promise<LookedUpNames> {
  const jobs = [...wanted]
    .map(([target, ids]) => ({ type: catalog.find(target), target, ids: [...ids].slice(0, MAX_IDS) }))
    .filter((job) => job.type !== undefined && job.ids.length > 0);
  const names = new Map<string, string>();
  const queries: string[] = [];
  const failures: string[] = [];
  const settled = await fanOut(jobs, ctx.limits.fanOut, async (job) => {
    const params = { id: job.ids, brief: true, limit: job.ids.length };
    queries.push(pathOf(ctx.client.apiUrl(job.type!.listPath, params)));
    return ctx.client.list(job.type!.listPath, params);
  });
  for (const [i, outcome] of settled.entries()) {
    const job = jobs[i]!;
    if (!outcome.ok) {
      const code = outcome.error instanceof NetboxMcpError ? outcome.error.code : 'INTERNAL_ERROR';
      failures.push(`${job.target} names not looked up (${code})`);
      continue;
    }
    for (const row of outcome.value.results) {
      const label = compactValue(row);
      if (typeof row.id === 'number' && label !== undefined) names.set(nameKey(job.target, row.id), String(label));
    }
  }
  return { names, queries, failures };
}
