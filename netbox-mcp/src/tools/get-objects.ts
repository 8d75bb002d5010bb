import { EMPTY_CELL } from '../format/compact-row.ts';
import { renderList } from '../format/render-list.ts';
import { unknownFieldNotes } from '../format/unknown-fields.ts';
import { listObjects } from '../query/list-objects.ts';
import { boolArg, commaTextArg, fieldsArg, filtersArg, formatArg, intArg, objectTypeArg } from './common-input.ts';
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
    brief: boolArg().optional().describe('Minimal representation'),
    limit: intArg(1, 1000).optional().describe('Rows (default 50)'),
    offset: intArg(0, 1e9).optional(),
    ordering: commaTextArg().optional().describe('e.g. "name" or "-id,name"'),
    format: formatArg,
  },
  async handler(args, ctx) {
    const type = (await ctx.catalog()).resolve(args.object_type);
    // The official server reads `fields: []` as all fields.
    const fields = args.fields?.length ? args.fields : undefined;
    const listed = await listObjects(ctx, type, args.filters, { ...args, fields });
    const listUrl = ctx.client.uiUrl(type.listPath, listed.filterParams);
    const queries = listed.query ? [listed.query] : [];
    if (args.format === 'json') {
      // Every field asked for is in each row: NetBox leaves out those the type lacks.
      const missing = Object.keys(unknownFieldNotes(type, fields));
      const page = missing.length ? { ...listed.page, results: listed.page.results.map((row) => ({ ...row, ...Object.fromEntries(missing.map((f) => [f, null])) })) } : listed.page;
      const json = renderJsonPage(page, listed.offset, ctx.limits.maxResultChars);
      return textResult(json.text, { queries, rows: json.shown, total: listed.page.count, truncated: json.truncated, links: { list: listUrl } });
    }
    const view = renderList({
      title: type.key,
      count: listed.page.count,
      offset: listed.offset,
      results: listed.page.results,
      fields,
      notes: listed.plan.notes,
      warnings: Object.values(unknownFieldNotes(type, fields)).map((note) => `${note} (shown as ${EMPTY_CELL}).`),
      listUrl,
      objectUrlTemplate: `${ctx.client.uiUrl(type.listPath)}{id}/`,
      budget: ctx.limits.maxResultChars,
    });
    return textResult(view.text, { queries, rows: view.shown, total: listed.page.count, truncated: view.truncated, links: view.links });
  },
});
