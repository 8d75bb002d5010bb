import type { Row } from '../db/dataset.ts';
import { FilterErrors } from './filter-rows.ts';

/** NetBox's defaults: PAGINATE_COUNT and MAX_PAGE_SIZE. */
export const DEFAULT_LIMIT = 50;
export const MAX_PAGE_SIZE = 1000;

export interface Page {
  readonly count: number;
  readonly next: string | null;
  readonly previous: string | null;
  readonly rows: readonly Row[];
}

function readLimit(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null || !/^\d+$/.test(raw.trim())) return DEFAULT_LIMIT;
  const limit = Number(raw);
  return limit === 0 ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
}

function readNonNegative(params: URLSearchParams, name: string): number {
  const raw = params.get(name);
  return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : 0;
}

/**
 * DRF's replace_query_param: the query rebuilt with keys sorted, so next/previous links come out exactly as
 * NetBox writes them (`?limit=50&offset=100&site=nyc`).
 */
function withParams(url: URL, set: Record<string, string | null>): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) {
    const list = grouped.get(k);
    if (list) list.push(v);
    else grouped.set(k, [v]);
  }
  for (const [k, v] of Object.entries(set)) {
    if (v === null) grouped.delete(k);
    else grouped.set(k, [v]);
  }
  const pairs: [string, string][] = [];
  for (const k of [...grouped.keys()].sort()) for (const v of grouped.get(k)!) pairs.push([k, v]);
  const query = new URLSearchParams(pairs).toString();
  return `${url.origin}${url.pathname}${query ? `?${query}` : ''}`;
}

/** Limit/offset pagination as NetBox's OptionalLimitOffsetPagination, and 4.6's cursor form (`start`). */
export function paginate(rows: readonly Row[], url: URL): Page {
  const params = url.searchParams;
  const limit = readLimit(params);
  if (params.has('start')) {
    if (params.has('offset')) throw new FilterErrors({ start: ['The start and offset parameters are mutually exclusive.'] });
    const start = readNonNegative(params, 'start');
    const after = rows.filter((r) => Number(r.id) >= start).sort((a, b) => Number(a.id) - Number(b.id));
    const page = after.slice(0, limit);
    const last = page[page.length - 1];
    const next = after.length > limit && last ? withParams(url, { limit: String(limit), start: String(Number(last.id) + 1) }) : null;
    return { count: rows.length, next, previous: null, rows: page };
  }
  const offset = readNonNegative(params, 'offset');
  const count = rows.length;
  const next = offset + limit < count ? withParams(url, { limit: String(limit), offset: String(offset + limit) }) : null;
  let previous: string | null = null;
  if (offset > 0) {
    previous = offset - limit <= 0 ? withParams(url, { limit: String(limit), offset: null }) : withParams(url, { limit: String(limit), offset: String(offset - limit) });
  }
  return { count, next, previous, rows: rows.slice(offset, offset + limit) };
}
