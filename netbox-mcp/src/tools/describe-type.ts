import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { fieldText, filterLines, LOOKUP_LEGEND } from '../format/describe-filters.ts';
import { fitLines } from '../format/fit-budget.ts';
import { customFieldDefs } from '../query/custom-field-defs.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from '../query/tool-context.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const describeTypeTool = defineTool({
  name: 'netbox_describe_type',
  title: 'Describe NetBox object types',
  description:
    'What this NetBox serves. Without object_type: every object type, by app. With one: its fields (related types), ' +
    'its filters with lookups and choice values, custom fields, and an example call. Use it before filtering an unfamiliar type ' +
    'or after a filter was rejected.',
  input: {
    object_type: z.string().min(1).optional().describe('app.model, e.g. dcim.device; omit to list all types'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    return args.object_type ? describeOne(ctx, catalog, catalog.resolve(args.object_type)) : listTypes(ctx, catalog);
  },
});

function listTypes(ctx: ToolContext, catalog: Catalog): CallToolResult {
  const apps = new Map<string, ObjectType[]>();
  for (const type of catalog.types) (apps.get(type.app) ?? apps.set(type.app, []).get(type.app)!).push(type);
  const lines = [...apps.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([app, types]) => {
      const models = types.map((t) => t.key.slice(app.length + 1)).sort();
      return `${app}${types.some((t) => t.plugin) ? ' (plugin)' : ''}: ${models.join(', ')}`;
    });
  const head = [
    `NetBox ${catalog.version}: ${catalog.types.length} object types in ${apps.size} apps. Name a type as app.model, e.g. dcim.device.`,
  ];
  const tail = ["netbox_describe_type('app.model') shows one type's fields and filters."];
  const { kept, dropped } = fitLines([...head, ...tail], lines, ctx.limits.maxResultChars);
  const cut = dropped > 0 ? [`(${dropped} more apps cut to stay within ${ctx.limits.maxResultChars} characters)`] : [];
  return textResult([...head, ...kept, ...cut, ...tail].join('\n'), { queries: [], rows: kept.length, total: apps.size, truncated: dropped > 0 });
}

async function describeOne(ctx: ToolContext, catalog: Catalog, type: ObjectType): Promise<CallToolResult> {
  const listUrl = ctx.client.uiUrl(type.listPath);
  const queries: string[] = [];
  const custom: string[] = [];
  if (type.fields.has('custom_fields')) {
    try {
      const defs = await customFieldDefs(ctx, type);
      if (defs.query) queries.push(defs.query);
      if (defs.fields.length) {
        custom.push(`Custom fields (filter and group_by as cf_<name>): ${defs.fields.map((f) => `${f.name} (${f.kind})`).join(', ')}`);
      }
    } catch (error) {
      // The rest of the description stands without them; say why they are missing.
      custom.push(`Custom fields: could not be read (${error instanceof NetboxMcpError ? error.code : 'INTERNAL_ERROR'}).`);
    }
  }
  const head = [
    `${type.key}${type.plugin ? ' (plugin)' : ''} · API ${type.listPath} · NetBox: ${listUrl} · object: ${listUrl}{id}/`,
    clipAtComma(`Fields: ${fieldText(type)}`, Math.max(200, Math.floor(ctx.limits.maxResultChars / 3))),
    ...custom,
    LOOKUP_LEGEND,
    'Filters:',
  ];
  const tail = [`Example: netbox_get_objects ${JSON.stringify({ object_type: type.key, filters: exampleFilters(catalog, type) })}`];
  const lines = filterLines(type, catalog);
  const { kept, dropped } = fitLines([...head, ...tail], lines, ctx.limits.maxResultChars);
  const cut = dropped > 0 ? [`(${dropped} more filters cut to stay within ${ctx.limits.maxResultChars} characters)`] : [];
  return textResult([...head, ...kept, ...cut, ...tail].join('\n'), {
    queries,
    rows: kept.length,
    total: lines.length,
    truncated: dropped > 0,
    links: { list: listUrl },
  });
}

/** A related-object filter by name and a choice filter, the two kinds people get wrong most. */
function exampleFilters(catalog: Catalog, type: ObjectType): Record<string, string> {
  const filters: Record<string, string> = {};
  const related = ['site', 'device', 'tenant', 'provider', 'cluster', 'vrf', 'region', 'manufacturer'].find(
    (base) => type.filters.has(`${base}_id`) && catalog.filterTarget(type, base),
  );
  if (related) filters[related] = `<${related} name>`;
  const status = type.filters.get('status');
  const choice = status?.choices?.includes('active') ? 'active' : status?.choices?.[0];
  if (choice) filters.status = choice;
  if (Object.keys(filters).length === 0) {
    const name = ['name__ic', 'q'].find((f) => type.filters.has(f));
    if (name) filters[name] = '<text>';
  }
  return filters;
}

/** A long comma list cut after a whole item, so a small budget still leaves room for the filters. */
function clipAtComma(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(', ', max - 2);
  return `${text.slice(0, cut > 0 ? cut : max - 2)}, …`;
}
