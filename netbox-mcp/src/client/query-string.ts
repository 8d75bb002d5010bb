export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[];
export type QueryParams = Readonly<Record<string, QueryValue | undefined>>;

/** NetBox reads several values of a filter as repeated keys (`?site=a&site=b`), never as a comma list. */
export function toSearchParams(params: QueryParams = {}): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? (value as readonly QueryScalar[]) : [value as QueryScalar];
    for (const v of values) search.append(key, String(v));
  }
  return search;
}
