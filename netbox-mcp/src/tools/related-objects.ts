import type { Page } from '../client/netbox-client.ts';
import { compactRow } from '../format/compact-row.ts';
import type { Cell } from '../format/compact-value.ts';
import { fitSections, type TextSection } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { tableLines } from '../format/render-table.ts';
import { errorCode } from '../query/fetch-parts.ts';
import { fanOut } from '../query/fan-out.ts';
import { QueryLog } from '../query/query-log.ts';
import { referenceFilters, type Reference } from '../query/reference-filters.ts';
import { resolveObject } from '../query/resolve-object.ts';
import { intArg, nameOrIdArg, objectTypeArg, stringListArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';

export const relatedObjectsTool = defineTool({
  name: 'netbox_related_objects',
  title: 'What refers to an object',
  description:
    'Everything that refers to one object, across all types in one call: what is tagged T, what tenant T has, what is in rack R or site S. ' +
    'Per type: count, first rows and the NetBox list link; types with none are named in one line.',
  input: {
    object_type: objectTypeArg,
    object: nameOrIdArg().describe('Name, slug or id of the object'),
    types: stringListArg().optional().describe('Only these referring types, e.g. ["dcim.device"]'),
    limit_per_type: intArg(0, 50).optional().describe('Rows per type (default 5; 0 = counts only)'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    const target = catalog.resolve(args.object_type);
    const only = args.types?.length ? new Set(args.types.map((t) => catalog.resolve(t).key)) : undefined;
    const ref = await resolveObject(ctx, target, args.object, { argument: 'object' });
    const { refs, skipped } = referenceFilters(catalog, target, only);
    const limit = args.limit_per_type ?? 5;
    const log = new QueryLog(ctx);
    const settled = await fanOut(refs, ctx.limits.fanOut, (r) =>
      log.list(r.type.listPath, { [r.filter]: ref.id, brief: true, limit: Math.max(limit, 1) }),
    );

    const filtersPerType = new Map<string, number>();
    for (const r of refs) filtersPerType.set(r.type.key, (filtersPerType.get(r.type.key) ?? 0) + 1);
    const label = (r: Reference): string => (filtersPerType.get(r.type.key)! > 1 ? `${r.type.key} (${r.filter})` : r.type.key);

    const found: { ref: Reference; page: Page }[] = [];
    const empty: string[] = [];
    const failed: string[] = [];
    for (const [i, r] of refs.entries()) {
      const outcome = settled[i]!;
      if (!outcome.ok) failed.push(`${label(r)} (${errorCode(outcome.error)})`);
      else if (outcome.value.count === 0) empty.push(label(r));
      else found.push({ ref: r, page: outcome.value });
    }
    found.sort((a, b) => b.page.count - a.page.count || a.ref.type.key.localeCompare(b.ref.type.key));
    const total = found.reduce((n, f) => n + f.page.count, 0);

    const targetUrl = ctx.client.uiUrl(`${target.listPath}${ref.id}/`);
    const sections: TextSection[] = [
      {
        head: [
          `Objects referring to ${target.key} #${ref.id} ${ref.display} (${targetUrl}): ${total} in ${found.length} type${found.length === 1 ? '' : 's'}, ${refs.length} types checked`,
        ],
        rows: [],
      },
    ];
    const objects: Record<string, string> = { [`${target.key}:${ref.id}`]: targetUrl };
    const shownRows: { key: string; id: number; url: string; row: Readonly<Record<string, unknown>> }[][] = [];
    for (const { ref: r, page } of found) {
      const rows = limit === 0 ? [] : page.results;
      const table = tableLines(rows.map((row) => briefCells(row, r.filter.slice(0, -3))));
      const listUrl = ctx.client.uiUrl(r.type.listPath, { [r.filter]: ref.id });
      const objectUrl = `${ctx.client.uiUrl(r.type.listPath)}{id}/`;
      const shown = limit === 0 ? String(page.count) : rows.length === page.count ? `all ${page.count}` : `${rows.length} of ${page.count}`;
      sections.push({ head: [`${label(r)}: ${shown} · NetBox: ${listUrl}`], header: table.header, rows: table.lines });
      shownRows.push(
        rows.flatMap((row) => (typeof row.id === 'number' ? [{ key: `${r.type.key}:${row.id}`, id: row.id, url: objectUrl.replace('{id}', String(row.id)), row }] : [])),
      );
    }
    const tail = [
      ...(empty.length ? [`None in the ${empty.length} other types that can reference it (types: [...] to check one).`] : []),
      ...(failed.length ? [`Failed (counts unknown): ${failed.join(', ')}`] : []),
      ...(skipped.length ? [`Left out as they only repeat their device/VM (name them in types to count them): ${skipped.join(', ')}`] : []),
      ...(found[0] ? [`Object link: a list link's path + {id}/, e.g. ${ctx.client.uiUrl(found[0].ref.type.listPath)}{id}/`] : []),
    ];
    sections.push({ head: tail, rows: [] });
    // Smaller groups lose their rows first; every type keeps its count line.
    const cutOrder = sections.map((_, i) => i).reverse();
    const fitted = fitSections(sections, ctx.limits.maxResultChars, cutOrder);
    let rowsShown = 0;
    const names = new NameLinks().add(ref.display, targetUrl);
    for (const [i, list] of shownRows.entries()) {
      for (const o of list.slice(0, fitted.kept[i + 1])) {
        objects[o.key] = o.url;
        names.addRow(o.row, o.url);
      }
      rowsShown += Math.min(list.length, fitted.kept[i + 1] ?? 0);
    }
    return textResult(fitted.text, {
      queries: log.paths,
      rows: rowsShown,
      total,
      truncated: fitted.truncated || failed.length > 0,
      links: { list: targetUrl, objects, ...namesPart(names) },
    });
  },
});

/** Fields a brief row repeats from its display (`address`, `prefix`, `cid`) or that say little (`family`). */
const REPEATS_DISPLAY = ['address', 'prefix', 'cid', 'label', 'start_address', 'end_address', 'mac_address', 'family'];

/** A brief NetBox row as table cells: its name (or display), then whatever else brief gives but the target. */
function briefCells(row: Readonly<Record<string, unknown>>, targetField: string): Record<string, Cell> {
  const cells = compactRow(row, { mode: 'table' });
  delete cells[targetField];
  if (cells.display === undefined) return cells;
  const out: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(cells)) {
    if (key === 'display') out.name = value;
    else if (!REPEATS_DISPLAY.includes(key)) out[key] = value;
  }
  return out;
}
