import type { QueryParams, QueryScalar } from '../client/query-string.ts';
import { filterText } from '../format/filter-text.ts';
import { renderGroups } from '../format/render-groups.ts';
import { countGroups, type GroupBucket } from '../query/group-counts.ts';
import { resolveGroupFields, type GroupField } from '../query/group-fields.ts';
import { listAll } from '../query/list-all.ts';
import { pathOf } from '../client/api-path.ts';
import { planFilters } from '../query/plan-filters.ts';
import { filtersArg, objectTypeArg, stringListArg } from './common-input.ts';
import type { ToolContext } from '../query/tool-context.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';

/** listAll's page size: the queries it makes, for the tool card. */
const PAGE_SIZE = 1000;

export const countObjectsTool = defineTool({
  name: 'netbox_count_objects',
  title: 'Count NetBox objects',
  description:
    'Count objects of one type matching filters (as in netbox_get_objects), optionally grouped by 1-2 fields: site, status, role, ' +
    'tenant, platform, device_type, manufacturer, tags, cf_<custom field>… One call answers "how many active devices per site". ' +
    'Returns a count table, largest first, and NetBox UI links.',
  input: {
    object_type: objectTypeArg,
    filters: filtersArg,
    group_by: stringListArg({ min: 1, max: 2 })
      .optional()
      .describe('Field(s) to count by, at most 2: ["site"], ["site","status"], ["tags"], ["cf_x"]'),
  },
  async handler(args, ctx) {
    const type = (await ctx.catalog()).resolve(args.object_type);
    const groupNames = args.group_by ?? [];
    // Validate group fields before any filter lookups: a typo there should not cost NetBox requests.
    const fields = await resolveGroupFields(ctx, type, groupNames);
    const plan = await planFilters(ctx, type, args.filters);
    const listUrl = ctx.client.uiUrl(type.listPath, plan.params);
    const where = filterText(args.filters);
    const notes = plan.notes.length ? [`Resolved: ${plan.notes.join('; ')}`] : [];

    if (fields.length === 0) {
      const params = { ...plan.params, limit: 1, fields: 'id' };
      const count = plan.empty ? 0 : (await ctx.client.list(type.listPath, params)).count;
      const text = [`${count} ${type.key} ${where ? `match ${where}` : 'in total'}.`, ...notes, `NetBox list: ${listUrl}`].join('\n');
      const queries = plan.empty ? [] : [pathOf(ctx.client.apiUrl(type.listPath, params))];
      return textResult(text, { queries, rows: 0, total: count, truncated: false, links: { list: listUrl } });
    }

    const params = { ...plan.params, fields: ['id', ...new Set(fields.map((f) => f.path[0]!))].join(',') };
    const rows = plan.empty ? [] : (await listAll(ctx, type, params)).results;
    const { buckets, multiValued } = countGroups(rows, fields);
    const byNames = fields.map((f) => f.name).join(', ');
    const view = renderGroups({
      title: `${type.key} by ${byNames}${where ? ` where ${where}` : ''}: ${rows.length} objects in ${buckets.length} groups`,
      columns: fields.map((f) => f.name),
      buckets,
      notes: [
        ...notes,
        ...(multiValued ? ['An object with several values (tags, multi-select) counts once in each of its groups, so counts may add up to more than the total; (none) = no value.'] : []),
      ],
      footer: [`Total: ${rows.length} · NetBox list: ${listUrl}`],
      budget: ctx.limits.maxResultChars,
    });
    return textResult(view.text, {
      queries: plan.empty ? [] : pagePaths(ctx, type.listPath, params, rows.length),
      rows: view.shown,
      total: rows.length,
      truncated: view.truncated,
      links: { list: listUrl, objects: groupLinks(buckets.slice(0, view.shown), fields, (extra) => ctx.client.uiUrl(type.listPath, { ...plan.params, ...extra })) },
    });
  },
});

/** Each group's own list in NetBox's UI, keyed by the group's label as the table shows it. */
function groupLinks(
  buckets: readonly GroupBucket[],
  fields: readonly GroupField[],
  url: (extra: Record<string, QueryScalar[]>) => string,
): Record<string, string> {
  const links: Record<string, string> = {};
  for (const bucket of buckets) {
    const extra: Record<string, QueryScalar[]> = {};
    for (const [i, field] of fields.entries()) {
      const value = bucket.filterValues[i];
      if (field.filter && value !== undefined) extra[field.filter] = [value];
    }
    // A link that drops one of the group's fields would show a different set: only whole matches get one.
    if (Object.keys(extra).length === fields.length) links[bucket.labels.join(' / ')] = url(extra);
  }
  return links;
}

function pagePaths(ctx: ToolContext, listPath: string, params: QueryParams, total: number): string[] {
  const paths: string[] = [];
  for (let offset = 0; offset === 0 || offset < total; offset += PAGE_SIZE) paths.push(pathOf(ctx.client.apiUrl(listPath, { ...params, limit: PAGE_SIZE, offset })));
  return paths;
}
