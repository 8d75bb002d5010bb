/** A NetBox API URL as path and query, decoded: what a result's `queries` and the tool card show. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return decodeURIComponent(`${parsed.pathname}${parsed.search}`);
}
