import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { pathOf } from '../client/api-path.ts';

export interface CustomFieldDef {
  readonly name: string;
  /** NetBox's custom field type: text, integer, select, multiselect, object… */
  readonly kind: string;
}

export interface CustomFieldDefs {
  readonly fields: readonly CustomFieldDef[];
  /** The NetBox API request made, for the tool card. */
  readonly query: string;
}

interface Row {
  readonly name: string;
  readonly type?: { readonly value?: string } | string | null;
  readonly object_types?: readonly string[];
  readonly content_types?: readonly string[];
}

/**
 * The custom fields defined for one object type. They are not in the OpenAPI schema (they live in NetBox's
 * data), so they are read from `/api/extras/custom-fields/`; cached briefly like name lookups.
 */
export async function customFieldDefs(ctx: ToolContext, type: ObjectType): Promise<CustomFieldDefs> {
  const catalog = await ctx.catalog();
  const cfType = catalog.find('extras.customfield');
  if (!cfType || !type.fields.has('custom_fields')) return { fields: [], query: '' };
  // NetBox 4 filters by `object_type`; 3.x called it `content_types`. Without either, filter the rows here.
  const filter = ['object_type', 'content_types'].find((name) => cfType.filters.has(name));
  const params = { ...(filter ? { [filter]: type.key } : {}), limit: 1000 };
  const query = pathOf(ctx.client.apiUrl(cfType.listPath, params));
  return ctx.resolveCache.get(`custom-fields|${type.key}`, async () => {
    const page = await ctx.client.list<Row>(cfType.listPath, params);
    const rows = filter ? page.results : page.results.filter((r) => (r.object_types ?? r.content_types ?? []).includes(type.key));
    const fields = rows
      .map((r) => ({ name: r.name, kind: typeof r.type === 'string' ? r.type : (r.type?.value ?? 'text') }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { fields, query };
  });
}
