import type { QueryParams } from '../client/query-string.ts';
import { NetboxMcpError } from '../errors.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { fanOut } from './fan-out.ts';

/** NetBox's default MAX_PAGE_SIZE. */
const PAGE_SIZE = 1000;

/**
 * Every object a filter selects, for aggregates NetBox cannot compute (group counts, utilization): the first
 * page says how many there are, the rest are fetched in parallel. Ask for few `fields` to keep it light.
 */
export async function listAll<T = Record<string, unknown>>(ctx: ToolContext, type: ObjectType, params: QueryParams, max = 100_000): Promise<{ results: T[]; requests: number }> {
  const first = await ctx.client.list<T>(type.listPath, { ...params, limit: PAGE_SIZE, offset: 0 });
  if (first.count > max) {
    throw new NetboxMcpError('TOO_MANY_MATCHES', `${first.count} ${type.key} objects match; at most ${max} can be aggregated in one call.`, {
      hint: 'Add filters to narrow the set.',
    });
  }
  // NetBox may cap pages below what we ask (MAX_PAGE_SIZE): step by what it actually returned.
  const pageSize = Math.max(1, first.results.length);
  const offsets: number[] = [];
  for (let offset = first.results.length; offset < first.count; offset += pageSize) offsets.push(offset);
  const pages = await fanOut(offsets, ctx.limits.fanOut, (offset) => ctx.client.list<T>(type.listPath, { ...params, limit: pageSize, offset }));
  const results = [...first.results];
  for (const page of pages) {
    if (!page.ok) throw page.error;
    results.push(...page.value.results);
  }
  return { results, requests: 1 + offsets.length };
}
