import type { Row } from '../db/dataset.ts';
import type { ApiContext, ChoiceSet, FieldDef, JsonSchema, ModelKey, ValueType } from './model-def.ts';

interface ValueOptions {
  /** DB column when it differs from the API name. */
  readonly column?: string;
  readonly nullable?: boolean;
  readonly emptyAsNull?: boolean;
  /** Shown when the data has no such column (it predates the column): the migration's default. */
  readonly default?: unknown;
}

interface FkOptions extends ValueOptions {
  /** Extra target fields this relation shows beyond the target's brief fields (Device.primary_ip4: dns_name…). */
  readonly extra?: readonly string[];
  /** The nested serializer's own field set (NestedRegionSerializer, `fields=(…)`), replacing the brief fields. */
  readonly nested?: readonly string[];
}

function value(name: string, type: ValueType, options: ValueOptions = {}): FieldDef {
  return {
    kind: 'value',
    name,
    type,
    column: options.column ?? name,
    nullable: options.nullable ?? options.emptyAsNull ?? false,
    ...(options.emptyAsNull ? { emptyAsNull: true } : {}),
    ...(options.default !== undefined ? { default: options.default } : {}),
  };
}

/** Builders for serializer fields, so model definitions read like NetBox's serializers. */
export const field = {
  id: (): FieldDef => ({ kind: 'id', name: 'id' }),
  url: (): FieldDef => ({ kind: 'url', name: 'url' }),
  displayUrl: (): FieldDef => ({ kind: 'display_url', name: 'display_url' }),
  display: (): FieldDef => ({ kind: 'display', name: 'display' }),
  string: (name: string, options?: ValueOptions) => value(name, 'string', options),
  integer: (name: string, options?: ValueOptions) => value(name, 'integer', options),
  number: (name: string, options?: ValueOptions) => value(name, 'number', options),
  boolean: (name: string, options?: ValueOptions) => value(name, 'boolean', options),
  datetime: (name: string, options?: ValueOptions) => value(name, 'datetime', options),
  date: (name: string, options?: ValueOptions) => value(name, 'date', options),
  json: (name: string, options?: ValueOptions) => value(name, 'json', { nullable: true, ...options }),
  strings: (name: string, options?: ValueOptions) => value(name, 'string[]', options),
  integers: (name: string, options?: ValueOptions) => value(name, 'integer[]', options),
  fk: (name: string, target: ModelKey, options: FkOptions = {}): FieldDef => ({
    kind: 'fk',
    name,
    target,
    column: options.column ?? `${name}_id`,
    nullable: options.nullable ?? false,
    ...(options.extra ? { extra: options.extra } : {}),
    ...(options.nested ? { nested: options.nested } : {}),
  }),
  choice: (name: string, choices: ChoiceSet, options: ValueOptions = {}): FieldDef => ({
    kind: 'choice',
    name,
    choices,
    column: options.column ?? name,
    nullable: options.nullable ?? false,
    ...(options.default !== undefined ? { default: options.default } : {}),
  }),
  /** A count of rows in `table` whose `column` points at this object. */
  count: (name: string, table: string, column: string): FieldDef => ({
    kind: 'count',
    name,
    compute: (row: Row, ctx: ApiContext) => ctx.db.where(table, column, row.id).length,
  }),
  countBy: (name: string, compute: (row: Row, ctx: ApiContext) => number): FieldDef => ({ kind: 'count', name, compute }),
  tags: (): FieldDef => ({ kind: 'tags', name: 'tags' }),
  customFields: (): FieldDef => ({ kind: 'custom_fields', name: 'custom_fields' }),
  generic: (name: string, typeColumn: string, idColumn: string): FieldDef => ({
    kind: 'generic',
    name,
    typeColumn,
    idColumn,
    nullable: true,
  }),
  objectType: (name: string, column: string, options: { nullable?: boolean } = {}): FieldDef => ({
    kind: 'object_type',
    name,
    column,
    nullable: options.nullable ?? false,
  }),
  many: (
    name: string,
    target: ModelKey,
    ids: (row: Row, ctx: ApiContext) => readonly number[],
    options: { nested?: readonly string[]; full?: boolean } = {},
  ): FieldDef => ({
    kind: 'many',
    name,
    target,
    ids,
    ...(options.nested ? { nested: options.nested } : {}),
    ...(options.full ? { full: true } : {}),
  }),
  computed: (
    name: string,
    schema: JsonSchema,
    compute: (row: Row, ctx: ApiContext) => unknown,
    options: { nullable?: boolean } = {},
  ): FieldDef => ({ kind: 'computed', name, schema, compute, nullable: options.nullable ?? false }),
};

/** The fields every NetBox object starts with. */
export function headFields(): FieldDef[] {
  return [field.id(), field.url(), field.displayUrl(), field.display()];
}

/** The fields NetBoxModel serializers end with (`tags`, `custom_fields`, `created`, `last_updated`). */
export function tailFields(): FieldDef[] {
  return [
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ];
}
