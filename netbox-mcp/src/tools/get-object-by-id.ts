import { NetboxMcpError } from '../errors.ts';
import { fitJsonObject } from '../format/fit-json-object.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { renderObject } from '../format/render-object.ts';
import { unknownFieldNotes } from '../format/unknown-fields.ts';
import { pathOf } from '../client/api-path.ts';
import { boolArg, fieldsArg, formatArg, intArg, objectTypeArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';

/** Types whose detail view carries the rendered config context: big, and never what was asked. */
const CONFIG_CONTEXT_TYPES = new Set(['dcim.device', 'virtualization.virtualmachine']);

export const getObjectByIdTool = defineTool({
  name: 'netbox_get_object_by_id',
  title: 'Get one NetBox object',
  description:
    'One object by type and numeric id, as compact "field: value" lines (related objects by name) with its NetBox UI link. ' +
    'format "json" gives NetBox\'s raw JSON. Find an id by name with netbox_search_objects or netbox_get_objects.',
  input: {
    object_type: objectTypeArg,
    object_id: intArg(1, 1e12).describe('The numeric id'),
    fields: fieldsArg,
    brief: boolArg().optional().describe('Minimal representation'),
    format: formatArg,
  },
  async handler(args, ctx) {
    const type = (await ctx.catalog()).resolve(args.object_type);
    const path = `${type.listPath}${args.object_id}/`;
    const fields = args.fields?.length ? [...new Set(['id', ...args.fields])] : undefined;
    const params = {
      fields: fields?.join(','),
      brief: args.brief ? true : undefined,
      exclude: CONFIG_CONTEXT_TYPES.has(type.key) && !fields?.includes('config_context') ? 'config_context' : undefined,
    };
    const object = await ctx.client.get<Record<string, unknown>>(path, params).catch((error: unknown) => {
      if (error instanceof NetboxMcpError && error.code === 'NETBOX_NOT_FOUND') {
        throw new NetboxMcpError('NETBOX_NOT_FOUND', `No ${type.key} has id ${args.object_id} (or this token may not see it).`, {
          status: 404,
          hint: `Find the id by name with netbox_search_objects or netbox_get_objects('${type.key}').`,
        });
      }
      throw error;
    });
    const url = ctx.client.uiUrl(path);
    const names = new NameLinks().addRow(object, url).addRelated(object, (p) => ctx.client.uiUrl(p));
    const meta = {
      queries: [pathOf(ctx.client.apiUrl(path, params))],
      rows: 1,
      total: 1,
      links: { list: ctx.client.uiUrl(type.listPath), objects: { [String(args.object_id)]: url }, ...namesPart(names) },
    };
    if (args.format === 'json') {
      // Every field asked for is in the answer: NetBox leaves out those the type lacks.
      const complete = { ...object, ...Object.fromEntries((fields ?? []).filter((f) => !(f in object)).map((f) => [f, null])) };
      const json = fitJsonObject(complete, ctx.limits.maxResultChars);
      return textResult(json.text, { ...meta, truncated: json.truncated });
    }
    const view = renderObject(type.key, object, url, ctx.limits.maxResultChars, fields, unknownFieldNotes(type, fields));
    return textResult(view.text, { ...meta, truncated: view.truncated });
  },
});
