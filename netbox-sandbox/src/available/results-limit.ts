/** NetBox's PAGINATE_COUNT and MAX_PAGE_SIZE defaults. */
const PAGINATE_COUNT = 50;
const MAX_PAGE_SIZE = 1000;

/**
 * `get_results_limit` of NetBox's available-objects views: `limit` or 50, 0 meaning the most, never above
 * MAX_PAGE_SIZE; a limit that is not a whole number is the default.
 */
export function resultsLimit(search: URLSearchParams): number {
  const raw = search.get('limit');
  if (raw === null) return PAGINATE_COUNT;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) return PAGINATE_COUNT;
  const limit = Number(raw) || MAX_PAGE_SIZE;
  // Python slices with a negative stop count from the end; a negative limit is no sane request, so none here.
  return Math.max(0, Math.min(limit, MAX_PAGE_SIZE));
}
