import { NetboxMcpError } from '../errors.ts';
import type { QueryParams } from '../client/query-string.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { compactValue } from '../format/compact-value.ts';

export interface ObjectRef {
  readonly id: number;
  readonly display: string;
}

/** Fields people name objects by, in the order we try them. */
const IDENTITY_FILTERS = ['name', 'slug', 'model', 'cid', 'address', 'prefix', 'username', 'label'];

type Brief = { id: number; display?: string; name?: string };

export interface ResolveOptions {
  /** Other filters of the same query that narrow the name (rack 'R01' of site X). */
  readonly scope?: QueryParams;
  /**
   * The tool argument the name came in: when several objects share it, the hint says to give that argument an
   * id. Without one (a filter value), it says to add a filter that tells them apart.
   */
  readonly argument?: string;
}

/**
 * Turns what a person calls an object (a name, a slug, an id, an address) into exactly one object, or says
 * clearly that there is none or that several match.
 */
export async function resolveObject(ctx: ToolContext, type: ObjectType, ref: string | number, options: ResolveOptions = {}): Promise<ObjectRef> {
  const scope = options.scope ?? {};
  const scoped = Object.keys(scope).length ? await findObjects(ctx, type, ref, scope) : [];
  const matches = scoped.length ? scoped : await findObjects(ctx, type, ref);
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
  const shown = await describeCandidates(ctx, type, matches.slice(0, 8));
  throw new NetboxMcpError('AMBIGUOUS_NAME', `'${ref}' matches ${matches.length} ${type.key} objects: ${shown.join('; ')}${matches.length > 8 ? '; …' : ''}.`, {
    hint: options.argument
      ? `Call again with the id of the one you mean, e.g. ${options.argument}: ${matches[0]!.id}.`
      : 'Use the id of the one you mean, or add a filter that tells them apart (e.g. site).',
  });
}

/** Every object the reference could mean (exact, case-insensitive), at most 25. */
export function findObjects(ctx: ToolContext, type: ObjectType, ref: string | number, scope: QueryParams = {}): Promise<ObjectRef[]> {
  return ctx.resolveCache.get(`${type.key}|${typeof ref}|${ref}|${JSON.stringify(scope)}`, () => lookup(ctx, type, ref, scope));
}

/** `scope`: other filters of the same query that narrow the name (rack 'R01' of site X). */
async function lookup(ctx: ToolContext, type: ObjectType, ref: string | number, scope: QueryParams): Promise<ObjectRef[]> {
  const text = String(ref).trim();
  if (typeof ref === 'number' || /^#\d+$/.test(text)) return byId(ctx, type, Number(text.replace('#', '')));
  // Only the type's own fields: `model` on dcim.device is a filter on the device type's slug, not a name.
  const filters = IDENTITY_FILTERS.filter((f) => type.fields.has(f))
    .map((f) => (type.filters.has(`${f}__ie`) ? `${f}__ie` : f))
    .filter((f) => type.filters.has(f));
  const pages = await Promise.all(
    filters.map((filter) =>
      ctx.client
        .list<Brief>(type.listPath, { ...scope, [filter]: text, brief: true, limit: 25 })
        .then((page) => page.results)
        // A value a filter cannot take (an address filter given a name) is a 400 from NetBox: no match there.
        .catch((error: unknown) => {
          if (error instanceof NetboxMcpError && error.code === 'NETBOX_BAD_REQUEST') return [];
          throw error;
        }),
    ),
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

/** Fields that tell same-named objects apart: rack R01 of which site, interface eth0 of which device. */
const CONTEXT_FIELDS = ['site', 'device', 'virtual_machine', 'vrf', 'location', 'provider', 'group', 'tenant'];

async function describeCandidates(ctx: ToolContext, type: ObjectType, candidates: readonly ObjectRef[]): Promise<string[]> {
  const context = CONTEXT_FIELDS.filter((f) => type.fields.has(f)).slice(0, 2);
  const plain = candidates.map((m) => `#${m.id} ${m.display}`);
  if (context.length === 0) return plain;
  try {
    const page = await ctx.client.list<Record<string, unknown>>(type.listPath, { id: candidates.map((m) => m.id), fields: ['id', ...context].join(','), limit: candidates.length });
    const byId = new Map(page.results.map((row) => [row.id, row]));
    return candidates.map((m) => {
      const row = byId.get(m.id);
      const facts = context.map((f) => [f, row ? compactValue(row[f]) : undefined] as const).filter(([, v]) => v !== undefined);
      return `#${m.id} ${m.display}${facts.length ? ` (${facts.map(([f, v]) => `${f} ${String(v)}`).join(', ')})` : ''}`;
    });
  } catch {
    return plain;
  }
}
