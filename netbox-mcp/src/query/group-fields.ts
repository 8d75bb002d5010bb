import { NetboxMcpError } from '../errors.ts';
import { closest } from '../schema/did-you-mean.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { customFieldDefs } from './custom-field-defs.ts';

/** One field to count by, as found in a row and as NetBox's UI filters on it. */
export interface GroupField {
  /** As the table header names it: `site`, `cf_support_tier`, `tags`, `manufacturer`. */
  readonly name: string;
  /** Where the value sits in a row: `['site']`, `['custom_fields', 'x']`, `['device_type', 'manufacturer']`. */
  readonly path: readonly string[];
  /** The list filter that selects one group (`site_id`, `status`, `tag_id`), when NetBox has one. */
  readonly filter?: string;
  /** Related-object fields: an empty group is `<filter>=null` in NetBox. */
  readonly related: boolean;
}

/** Fields people group by that NetBox keeps one hop away. */
const ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'dcim.device': { manufacturer: 'device_type.manufacturer', model: 'device_type' },
  'dcim.module': { manufacturer: 'module_type.manufacturer' },
};

/** Blobs: grouping by them means nothing. */
const NOT_GROUPABLE = new Set(['custom_fields', 'config_context', 'local_context_data', 'url', 'display_url']);

/** Checks every group_by name against the type's own fields (and its custom fields), with a did-you-mean. */
export async function resolveGroupFields(ctx: ToolContext, type: ObjectType, names: readonly string[]): Promise<GroupField[]> {
  const catalog = await ctx.catalog();
  const out: GroupField[] = [];
  for (const raw of names) {
    const field = await resolveOne(ctx, catalog, type, raw.trim());
    if (!out.some((f) => f.name === field.name)) out.push(field);
  }
  return out;
}

async function resolveOne(ctx: ToolContext, catalog: Catalog, type: ObjectType, name: string): Promise<GroupField> {
  const alias = ALIASES[type.key]?.[name];
  if (alias) return { ...(await resolveOne(ctx, catalog, type, alias)), name };
  if ((name === 'tag' || name === 'tags') && type.fields.has('tags')) return direct(type, 'tags');

  if (name.includes('.')) {
    const [first = '', second = ''] = name.split('.', 2);
    const hop = type.fields.get(first);
    const target = hop?.kind === 'fk' && hop.target ? catalog.find(hop.target) : undefined;
    const inner = target?.fields.get(second);
    if (inner) {
      const filter = inner.kind === 'fk' && type.filters.has(`${second}_id`) ? `${second}_id` : type.filters.has(second) ? second : undefined;
      return { name, path: [first, second], ...(filter ? { filter } : {}), related: inner.kind === 'fk' };
    }
    throw unknownField(type, name, target ? [...target.fields.keys()].map((f) => `${first}.${f}`) : []);
  }

  if (type.fields.has(name) && !NOT_GROUPABLE.has(name)) return direct(type, name);

  const wantsCustom = name.startsWith('cf_');
  if (type.fields.has('custom_fields')) {
    const bare = wantsCustom ? name.slice(3) : name;
    const defs = await customFieldDefs(ctx, type).catch(() => undefined);
    // Custom fields a token cannot list may still be readable on the objects: trust an explicit cf_ then.
    if (defs === undefined && wantsCustom) return custom(bare);
    if (defs?.fields.some((f) => f.name === bare)) return custom(bare);
    throw unknownField(type, name, defs?.fields.map((f) => `cf_${f.name}`) ?? []);
  }
  throw unknownField(type, name, []);
}

function direct(type: ObjectType, name: string): GroupField {
  const info = type.fields.get(name);
  if (info?.kind === 'many') {
    const singular = name === 'tags' ? 'tag' : name.replace(/s$/, '');
    const filter = type.filters.has(`${singular}_id`) ? `${singular}_id` : undefined;
    return { name, path: [name], ...(filter ? { filter } : {}), related: false };
  }
  if (info?.kind === 'fk') {
    const filter = type.filters.has(`${name}_id`) ? `${name}_id` : undefined;
    return { name, path: [name], ...(filter ? { filter } : {}), related: filter !== undefined };
  }
  return { name, path: [name], ...(type.filters.has(name) ? { filter: name } : {}), related: false };
}

function custom(name: string): GroupField {
  return { name: `cf_${name}`, path: ['custom_fields', name], filter: `cf_${name}`, related: false };
}

function unknownField(type: ObjectType, name: string, extra: readonly string[]): NetboxMcpError {
  const candidates = [...[...type.fields.keys()].filter((f) => !NOT_GROUPABLE.has(f)), ...Object.keys(ALIASES[type.key] ?? {}), ...extra];
  const suggestions = closest(name, candidates);
  return new NetboxMcpError('INVALID_ARGUMENT', `${type.key} has no field '${name}' to group by.`, {
    hint: `${suggestions.length ? `Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}? ` : ''}Group by a field of the object (netbox_describe_type('${type.key}') lists them), a custom field as cf_<name>, or tags.`,
  });
}
