import type { Row } from '../data/dataset.ts';
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
  const label = f.choices.find(([value]) => value === raw)?.[1] ?? String(raw);
  return { value: raw, label };
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
      const raw = row[f.column];
      if (raw === '' && f.emptyAsNull) return null;
      if (raw !== undefined && raw !== null) return raw;
      return f.nullable ? null : EMPTY_VALUE[f.type];
    }
    case 'fk':
      return ctx.nested(f.target, row[f.column] as number | null, f.extra);
    case 'choice':
      return choiceValue(f, row[f.column]);
    case 'count':
      return f.compute(row, ctx);
    case 'tags':
      return ctx.db.tagIds(model.key, row.id).map((id) => ctx.nested('extras.tag', id));
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
      return f.ids(row, ctx).map((id) => ctx.nested(f.target, id));
    case 'computed':
      return f.compute(row, ctx);
  }
}

function selectFields(model: ModelDef, representation: Representation, extra: readonly string[] = []): readonly FieldDef[] {
  if (representation === 'full') return model.fields;
  const wanted = new Set([...model.brief, ...extra]);
  return model.fields.filter((f) => wanted.has(f.name) && !(representation === 'nested' && f.kind === 'count' && !extra.includes(f.name)));
}

/** One object as NetBox's serializer writes it: keys in serializer order. */
export function serializeObject(
  model: ModelDef,
  row: Row,
  ctx: ApiContext,
  representation: Representation,
  extra?: readonly string[],
  keep?: (name: string) => boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of selectFields(model, representation, extra)) {
    if (!keep || keep(f.name)) out[f.name] = fieldValue(model, f, row, ctx);
  }
  return out;
}
