import type { Row } from '../db/dataset.ts';
import type { ApiContext, FieldDef, ModelDef, ValueType } from '../models/model-def.ts';
import { customFieldValues } from './custom-field-values.ts';

/**
 * full: the object's own endpoint. brief: `?brief=true`. nested: a related object inside another one,
 * which in NetBox 4.6 is the brief form without relation counts.
 */
export type Representation = 'full' | 'brief' | 'nested';

const EMPTY_VALUE: Record<ValueType, unknown> = {
  string: '',
  integer: null,
  number: null,
  boolean: false,
  datetime: null,
  date: null,
  json: null,
  'string[]': [],
  'integer[]': [],
};

export function objectUrl(ctx: ApiContext, model: ModelDef, id: unknown): string {
  const [app] = model.key.split('.');
  return `${ctx.baseUrl}/api/${app}/${model.path}/${String(id)}/`;
}

export function objectUiUrl(ctx: ApiContext, model: ModelDef, id: unknown): string {
  const [app] = model.key.split('.');
  return `${ctx.baseUrl}/${app}/${model.path}/${String(id)}/`;
}

function choiceValue(f: Extract<FieldDef, { kind: 'choice' }>, raw: unknown): unknown {
  // NetBox's ChoiceField shows an empty or missing choice as null.
  if (raw === null || raw === undefined || raw === '') return null;
  // Some choice sets have integer values (rack width, console speed): compare as text.
  const label = f.choices.find(([value]) => value === String(raw))?.[1] ?? String(raw);
  return { value: raw, label };
}

// Objects nest their tags with NestedTagSerializer, not the brief TagSerializer that `?brief` uses.
const NESTED_TAG_FIELDS = ['id', 'url', 'display_url', 'display', 'name', 'slug', 'color'];

/** An object's tags in Tag's own ordering (weight, name), as the tag manager returns them. */
function objectTags(ctx: ApiContext, key: ModelDef['key'], id: unknown): unknown[] {
  const tags = ctx.db
    .tagIds(key, id)
    .map((tagId) => ctx.db.get('extras_tag', tagId))
    .filter((tag): tag is Row => tag !== undefined)
    .sort((a, b) => Number(a.weight ?? 1000) - Number(b.weight ?? 1000) || String(a.name).localeCompare(String(b.name)));
  return tags.map((tag) => ctx.nested('extras.tag', tag.id as number, undefined, NESTED_TAG_FIELDS));
}

function fullObjects(ctx: ApiContext, key: ModelDef['key'], ids: readonly number[]): Record<string, unknown>[] {
  const model = ctx.model(key);
  return ids.flatMap((id) => {
    const target = ctx.db.get(model.table, id);
    return target ? [serializeObject(model, target, ctx, 'full')] : [];
  });
}

function fieldValue(model: ModelDef, f: FieldDef, row: Row, ctx: ApiContext): unknown {
  switch (f.kind) {
    case 'id':
      return Number(row.id);
    case 'url':
      return objectUrl(ctx, model, row.id);
    case 'display_url':
      return objectUiUrl(ctx, model, row.id);
    case 'display':
      return model.display(row, ctx);
    case 'value': {
      const raw = row[f.column] === undefined ? f.default : row[f.column];
      if (raw === '' && f.emptyAsNull) return null;
      if (raw !== undefined && raw !== null) return raw;
      return f.nullable ? null : EMPTY_VALUE[f.type];
    }
    case 'fk':
      return ctx.nested(f.target, row[f.column] as number | null, f.extra, f.nested);
    case 'choice':
      return choiceValue(f, row[f.column] === undefined ? f.default : row[f.column]);
    case 'count':
      return f.compute(row, ctx);
    case 'tags':
      return objectTags(ctx, model.key, row.id);
    case 'custom_fields':
      return customFieldValues(ctx, model.key, row);
    case 'generic': {
      const key = ctx.db.contentTypeKey(row[f.typeColumn]);
      if (!key || row[f.idColumn] === null || row[f.idColumn] === undefined) return null;
      return ctx.nested(key as ModelDef['key'], row[f.idColumn] as number);
    }
    case 'object_type':
      return ctx.db.contentTypeKey(row[f.column]) ?? null;
    case 'many':
      if (f.full) return fullObjects(ctx, f.target, f.ids(row, ctx));
      return f.ids(row, ctx).map((id) => ctx.nested(f.target, id, undefined, f.nested));
    case 'computed':
      return f.compute(row, ctx);
  }
}

function selectFields(
  model: ModelDef,
  representation: Representation,
  extra: readonly string[] = [],
  only?: readonly string[],
): readonly FieldDef[] {
  if (representation === 'full') return model.fields;
  if (only) {
    const named = new Set(only);
    return model.fields.filter((f) => named.has(f.name));
  }
  const wanted = new Set([...model.brief, ...extra]);
  return model.fields.filter((f) => wanted.has(f.name) && !(representation === 'nested' && f.kind === 'count' && !extra.includes(f.name)));
}

export interface SerializeOptions {
  /** Nested only: fields beyond the target's brief ones (Device.primary_ip4 adds dns_name…). */
  readonly extra?: readonly string[];
  /** Nested only: the exact fields a relation shows instead of the brief ones. */
  readonly only?: readonly string[];
  /** `?fields=` / `?omit=`: which of the selected fields to write. */
  readonly keep?: (name: string) => boolean;
}

/** One object as NetBox's serializer writes it: keys in serializer order. */
export function serializeObject(
  model: ModelDef,
  row: Row,
  ctx: ApiContext,
  representation: Representation,
  options: SerializeOptions = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { keep } = options;
  for (const f of selectFields(model, representation, options.extra, options.only)) {
    if (!keep || keep(f.name)) out[f.name] = fieldValue(model, f, row, ctx);
  }
  return out;
}
