import type { Page } from '../client/netbox-client.ts';

/** NetBox's own JSON for clients that want it, still cut at whole objects to respect the budget. */
export function renderJsonPage(page: Page, offset: number, budget: number): { text: string; shown: number; truncated: boolean } {
  const results: unknown[] = [];
  let used = 200;
  for (const row of page.results) {
    const size = JSON.stringify(row).length + 1;
    if (used + size > budget && results.length > 0) break;
    used += size;
    results.push(row);
  }
  const truncated = results.length < page.results.length;
  const body: Record<string, unknown> = { count: page.count, offset, results };
  if (truncated) body.truncated = `cut to ${results.length} of ${page.results.length} objects to stay within ${budget} characters; continue with offset=${offset + results.length}`;
  return { text: JSON.stringify(body), shown: results.length, truncated };
}
