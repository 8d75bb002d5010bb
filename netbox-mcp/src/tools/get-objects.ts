import { z } from 'zod';
import { renderList } from '../format/render-list.ts';
import { listObjects } from '../query/list-objects.ts';
import { fieldsArg, filtersArg, formatArg, objectTypeArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';
import { renderJsonPage } from '../format/render-json.ts';

export const getObjectsTool = defineTool({
  name: 'netbox_get_objects',
  title: 'List NetBox objects',
  description:
    'List objects of one type with filters. Returns a compact table with "showing N of M", NetBox UI links and how to page. ' +
    'Filters are checked against NetBox (unknown names are rejected with suggestions).',
  input: {
    object_type: objectTypeArg,
    filters: filtersArg,
    fields: fieldsArg,
    brief: z.boolean().optional().describe('Minimal representation'),
    limit: z.number().int().min(1).max(1000).optional().describe('Rows (default 50)'),
    offset: z.number().int().min(0).optional(),
    ordering: z.union([z.string(), z.array(z.string())]).optional().describe('e.g. "name" or "-id"'),
    format: formatArg,
  },
  async handler(args, ctx) {
    const type = (await ctx.catalog()).resolve(args.object_type);
    const listed = await listObjects(ctx, type, args.filters, args);
    const listUrl = ctx.client.uiUrl(type.listPath, listed.filterParams);
    const queries = listed.query ? [listed.query] : [];
    if (args.format === 'json') {
      const json = renderJsonPage(listed.page, listed.offset, ctx.limits.maxResultChars);
      return textResult(json.text, { queries, rows: json.shown, total: listed.page.count, truncated: json.truncated, links: { list: listUrl } });
    }
    const view = renderList({
      title: type.key,
      count: listed.page.count,
      offset: listed.offset,
      results: listed.page.results,
      fields: args.fields,
      notes: listed.plan.notes,
      listUrl,
      objectUrlTemplate: `${ctx.client.uiUrl(type.listPath)}{id}/`,
      budget: ctx.limits.maxResultChars,
    });
    return textResult(view.text, { queries, rows: view.shown, total: listed.page.count, truncated: view.truncated, links: view.links });
  },
});
