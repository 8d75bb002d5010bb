import type { QueryScalar } from '../client/query-string.ts';
import { NetboxMcpError } from '../errors.ts';
import type { Catalog } from '../schema/catalog.ts';
import { closest, didYouMean } from '../schema/did-you-mean.ts';
import { CONTROL_PARAMS, LOOKUPS, type ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { checkValue, valuesOf } from './filter-value.ts';
import { customFieldDefs } from './custom-field-defs.ts';
import { findIds } from './find-ids.ts';
import { resolveObject } from './resolve-object.ts';

export interface PlannedQuery {
  /** What to send NetBox: validated filters, names resolved to ids, lists as repeated keys. */
  readonly params: Record<string, QueryScalar[]>;
  /** Control keys the model put among the filters (`limit`, `ordering`…). */
  readonly control: Record<string, QueryScalar>;
  /** What was resolved, for the result's header: `site 'Chicago DC1' → #3`. */
  readonly notes: string[];
  /** A related filter matched nothing: the answer is empty without asking NetBox. */
  readonly empty: boolean;
}

/** Related objects a multi-hop filter may expand to; beyond this, the model is asked to narrow. */
export const MAX_EXPANSION = 500;

/**
 * Validates filters against the instance's own schema and rewrites them into what NetBox understands, so no
 * filter is ever silently ignored and people's names work where NetBox wants ids or slugs.
 */
export async function planFilters(ctx: ToolContext, type: ObjectType, filters: Readonly<Record<string, unknown>> = {}): Promise<PlannedQuery> {
  const catalog = await ctx.catalog();
  const plan: PlannedQuery = { params: {}, control: {}, notes: [], empty: false };
  await Promise.all(Object.entries(filters).map(([key, value]) => planOne(ctx, catalog, type, key.trim(), value, plan, filters)));
  return plan;
}

/**
 * The other filters of the query that also apply to a related type, as that type's params: they tell apart
 * objects that share a name (rack 'R01' exists in every site; `{site, rack}` means that site's R01).
 */
async function scopeFor(ctx: ToolContext, target: ObjectType, key: string, filters: Readonly<Record<string, unknown>>): Promise<Record<string, QueryScalar[]>> {
  const siblings = Object.fromEntries(
    Object.entries(filters).filter(([k]) => k !== key && !k.includes('__') && (target.filters.has(`${k.replace(/_id$/, '')}_id`) || target.filters.has(k))),
  );
  if (Object.keys(siblings).length === 0) return {};
  try {
    return (await planFilters(ctx, target, siblings)).params;
  } catch {
    // A sibling that does not fit the related type just does not narrow it; the main plan reports real errors.
    return {};
  }
}

async function planOne(
  ctx: ToolContext,
  catalog: Catalog,
  type: ObjectType,
  rawKey: string,
  value: unknown,
  plan: PlannedQuery,
  filters: Readonly<Record<string, unknown>>,
): Promise<void> {
  if (CONTROL_PARAMS.has(rawKey)) {
    const [first] = valuesOf(value, false);
    if (first !== undefined) plan.control[rawKey] = first;
    return;
  }
  const isIn = rawKey.endsWith('__in');
  const key = isIn ? rawKey.slice(0, -4) : rawKey;
  const values = valuesOf(value, isIn);
  const { base, lookup } = splitLookup(key);

  const fkBase = base.endsWith('_id') ? base.slice(0, -3) : base;
  const target = type.filters.has(`${fkBase}_id`) ? catalog.filterTarget(type, fkBase) : undefined;
  if (target && (lookup === '' || lookup === 'n')) {
    const idParam = `${fkBase}_id${lookup ? `__${lookup}` : ''}`;
    try {
      const needsNames = values.some((v) => typeof v === 'string' && v !== 'null' && !(base !== fkBase && /^\d+$/.test(v)));
      const scope = needsNames ? await scopeFor(ctx, target, rawKey, filters) : {};
      const ids = await Promise.all(values.map((v) => idOf(ctx, target, v, base !== fkBase, scope)));
      add(plan, idParam, ids);
      for (const [i, v] of values.entries()) {
        const found = ids[i];
        if (String(v) !== String(found)) plan.notes.push(`${fkBase} '${v}' → #${found}`);
      }
      return;
    } catch (error) {
      // NetBox's own name filters (an interface named eth0 on every device) mean "all of them": keep that.
      if (!(error instanceof NetboxMcpError && error.code === 'AMBIGUOUS_NAME' && type.filters.has(key))) throw error;
    }
  }

  const param = type.filters.get(key);
  if (param) {
    add(plan, key, values.map((v) => checkValue(param, v)));
    return;
  }

  if (key.startsWith('cf_') && type.fields.has('custom_fields')) {
    // Custom fields live in NetBox's data, not its schema; NetBox ignores a cf_ filter it does not know.
    const { fields } = await customFieldDefs(ctx, type);
    const name = splitLookup(key.slice(3)).base;
    if (!fields.some((f) => f.name === name)) {
      throw new NetboxMcpError('UNKNOWN_FILTER', `${type.key} has no custom field '${name}'; NetBox would ignore the filter and return everything.`, {
        hint: fields.length ? `Its custom fields: ${fields.map((f) => `cf_${f.name}`).join(', ')}.${didYouMean(name, fields.map((f) => f.name))}` : `${type.key} has no custom fields.`,
      });
    }
    add(plan, key, values);
    return;
  }

  const hop = key.indexOf('__');
  if (hop > 0) {
    const first = key.slice(0, hop);
    const related = type.filters.has(`${first}_id`) ? catalog.filterTarget(type, first) : undefined;
    if (related) {
      const sub = await planFilters(ctx, related, { [`${key.slice(hop + 2)}${isIn ? '__in' : ''}`]: value });
      const ids = sub.empty ? [] : await findIds(ctx, related, sub.params, MAX_EXPANSION);
      plan.notes.push(...sub.notes, `${key} → ${ids.length} ${related.key}`);
      if (ids.length === 0) (plan as { empty: boolean }).empty = true;
      else add(plan, `${first}_id`, ids);
      return;
    }
  }
  throw unknownFilter(type, key);
}

function add(plan: PlannedQuery, key: string, values: readonly QueryScalar[]): void {
  (plan.params[key] ??= []).push(...values);
}

function splitLookup(key: string): { base: string; lookup: string } {
  const at = key.lastIndexOf('__');
  if (at > 0 && LOOKUPS.has(key.slice(at + 2))) return { base: key.slice(0, at), lookup: key.slice(at + 2) };
  return { base: key, lookup: '' };
}

/** Numbers are ids; so are digit strings given to an `_id` filter. Anything else is a name to look up. */
async function idOf(ctx: ToolContext, target: ObjectType, value: QueryScalar, idParam: boolean, scope: Record<string, QueryScalar[]>): Promise<QueryScalar> {
  if (typeof value === 'number' || value === 'null') return value;
  if (idParam && /^\d+$/.test(String(value))) return Number(value);
  return (await resolveObject(ctx, target, String(value), { scope })).id;
}

function unknownFilter(type: ObjectType, key: string): NetboxMcpError {
  const bases = [...type.filters.keys()].filter((name) => !splitLookup(name).lookup && !CONTROL_PARAMS.has(name));
  const suggestions = closest(key, bases);
  return new NetboxMcpError('UNKNOWN_FILTER', `${type.key} has no filter '${key}'; NetBox would ignore it and return everything.`, {
    hint: `${suggestions.length ? `Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}? ` : ''}netbox_describe_type('${type.key}') lists its filters.`,
  });
}
