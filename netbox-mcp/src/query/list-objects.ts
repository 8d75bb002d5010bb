import { pathOf } from '../client/api-path.ts';
import type { Page } from '../client/netbox-client.ts';
import type { QueryScalar } from '../client/query-string.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { planFilters, type PlannedQuery } from './plan-filters.ts';

export interface ListOptions {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  readonly ordering?: string | readonly string[] | undefined;
  readonly fields?: readonly string[] | undefined;
  readonly brief?: boolean | undefined;
}

export interface ListedObjects {
  readonly plan: PlannedQuery;
  readonly page: Page;
  readonly limit: number;
  readonly offset: number;
  /** The filters as sent, for the UI link and the tool card. */
  readonly filterParams: Record<string, QueryScalar[]>;
  /** The NetBox API request made (path and query), or null when the plan was empty. */
  readonly query: string | null;
}

/** Types whose lists carry the rendered config context unless told not to: big, and never what was asked. */
const CONFIG_CONTEXT_TYPES = new Set(['dcim.device', 'virtualization.virtualmachine']);

/** One validated list request: filters planned against the schema, then one GET. */
export async function listObjects(ctx: ToolContext, type: ObjectType, filters: Readonly<Record<string, unknown>> | undefined, options: ListOptions): Promise<ListedObjects> {
  const plan = await planFilters(ctx, type, filters);
  const limit = clampInt(options.limit ?? plan.control.limit, 1, 1000, ctx.limits.defaultLimit);
  const offset = clampInt(options.offset ?? plan.control.offset, 0, Number.MAX_SAFE_INTEGER, 0);
  const orderingOption = options.ordering ?? plan.control.ordering;
  const ordering = Array.isArray(orderingOption) ? orderingOption.join(',') : (orderingOption as string | undefined);
  if (plan.empty) return { plan, page: { count: 0, next: null, previous: null, results: [] }, limit, offset, filterParams: plan.params, query: null };

  const fields = options.fields?.length ? [...new Set(['id', ...options.fields])].join(',') : undefined;
  const params = {
    ...plan.params,
    limit,
    offset,
    ordering: ordering?.trim() || undefined,
    fields,
    brief: options.brief ? true : undefined,
    exclude: CONFIG_CONTEXT_TYPES.has(type.key) && !options.fields?.includes('config_context') ? 'config_context' : undefined,
  };
  const page = await ctx.client.list(type.listPath, params);
  return { plan, page, limit, offset, filterParams: plan.params, query: pathOf(ctx.client.apiUrl(type.listPath, params)) };
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === undefined || value === null || value === '' || !Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}
