import { NetboxMcpError } from '../errors.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from '../tools/tool-context.ts';

export interface ObjectRef {
  readonly id: number;
  readonly display: string;
}

/** Fields people name objects by, in the order we try them. */
const IDENTITY_FILTERS = ['name', 'slug', 'model', 'cid', 'address', 'prefix', 'username', 'label', 'asset_tag', 'serial'];

type Brief = { id: number; display?: string; name?: string };

/**
 * Turns what a person calls an object (a name, a slug, an id, an address) into exactly one object, or says
 * clearly that there is none or that several match.
 */
export async function resolveObject(ctx: ToolContext, type: ObjectType, ref: string | number): Promise<ObjectRef> {
  const matches = await findObjects(ctx, type, ref);
  if (matches.length === 1) return matches[0]!;
  const model = type.key.split('.')[1];
  if (matches.length === 0) {
    const suggestions = await suggest(ctx, type, String(ref));
    throw new NetboxMcpError('OBJECT_NOT_FOUND', `No ${type.key} is named '${ref}'.`, {
      hint: suggestions.length
        ? `Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?`
        : `Check the name; netbox_search_objects finds ${model}s by partial name.`,
    });
  }
  const shown = matches.slice(0, 8).map((m) => `#${m.id} ${m.display}`);
  throw new NetboxMcpError('AMBIGUOUS_NAME', `'${ref}' matches ${matches.length} ${type.key} objects: ${shown.join('; ')}${matches.length > 8 ? '; …' : ''}.`, {
    hint: 'Use the id of the one you mean.',
  });
}

/** Every object the reference could mean (exact, case-insensitive), at most 25. */
export function findObjects(ctx: ToolContext, type: ObjectType, ref: string | number): Promise<ObjectRef[]> {
  return ctx.resolveCache.get(`${type.key}|${typeof ref}|${ref}`, () => lookup(ctx, type, ref));
}

async function lookup(ctx: ToolContext, type: ObjectType, ref: string | number): Promise<ObjectRef[]> {
  const text = String(ref).trim();
  if (typeof ref === 'number' || /^#\d+$/.test(text)) return byId(ctx, type, Number(text.replace('#', '')));
  const filters = IDENTITY_FILTERS.map((f) => (type.filters.has(`${f}__ie`) ? `${f}__ie` : f)).filter((f) => type.filters.has(f));
  const pages = await Promise.all(
    filters.map((filter) => ctx.client.list<Brief>(type.listPath, { [filter]: text, brief: true, limit: 25 }).then((page) => page.results)),
  );
  const found = new Map<number, ObjectRef>();
  for (const row of pages.flat()) found.set(row.id, { id: row.id, display: String(row.display ?? row.name ?? row.id) });
  if (found.size === 0 && /^\d+$/.test(text)) return byId(ctx, type, Number(text));
  return [...found.values()];
}

async function byId(ctx: ToolContext, type: ObjectType, id: number): Promise<ObjectRef[]> {
  const page = await ctx.client.list<Brief>(type.listPath, { id, brief: true, limit: 1 });
  return page.results.map((row) => ({ id: row.id, display: String(row.display ?? row.name ?? row.id) }));
}

async function suggest(ctx: ToolContext, type: ObjectType, text: string): Promise<string[]> {
  if (!type.filters.has('q')) return [];
  const words = text.split(/[\s_-]+/).filter((w) => w.length >= 2);
  const queries = [text, ...words].slice(0, 4);
  const pages = await Promise.all(queries.map((q) => ctx.client.list<Brief>(type.listPath, { q, brief: true, limit: 5 }).then((p) => p.results)));
  return [...new Set(pages.flat().map((row) => String(row.display ?? row.name)))].slice(0, 5);
}
