import type { Row } from '../db/dataset.ts';
import type { ApiContext, ChoiceSet, FieldDef, FilterDef, FilterType, ModelKey } from './model-def.ts';

type Getter = (row: Row, ctx: ApiContext) => unknown;

const column =
  (name: string): Getter =>
  (row) =>
    row[name];

/** Builders for filters NetBox declares by hand in its filtersets (the rest are derived from fields). */
export const filter = {
  string: (name: string, values: Getter = column(name)): FilterDef => ({ name, type: 'string', values }),
  number: (name: string, values: Getter = column(name)): FilterDef => ({ name, type: 'number', values }),
  boolean: (name: string, values: Getter = column(name)): FilterDef => ({ name, type: 'boolean', values }),
  datetime: (name: string, values: Getter = column(name)): FilterDef => ({ name, type: 'datetime', values }),
  date: (name: string, values: Getter = column(name)): FilterDef => ({ name, type: 'date', values }),
  choice: (name: string, choices: ChoiceSet, values: Getter = column(name)): FilterDef => ({
    name,
    type: 'choice',
    choices,
    values,
  }),
  /**
   * A filter naming related objects: `by` is the target field the query value is compared with (`slug`,
   * `name`, `id`), `values` returns the related id(s) of a row.
   */
  model: (
    name: string,
    target: ModelKey,
    by: string,
    values: Getter,
    options: { tree?: boolean; conjoined?: boolean; description?: string } = {},
  ): FilterDef => ({ name, type: 'model', target, by, values, ...options }),
  /** A filter with its own matching rule (containment, time windows, related lookups). */
  custom: (
    name: string,
    match: NonNullable<FilterDef['match']>,
    options: { paramType?: FilterDef['paramType']; description?: string; lookups?: readonly string[] } = {},
  ): FilterDef => ({
    name,
    type: 'custom',
    values: () => undefined,
    match,
    lookups: options.lookups ?? [],
    paramType: options.paramType ?? 'string',
    ...(options.description ? { description: options.description } : {}),
  }),
  /** A filter computed by hand whose values are booleans (`has_primary_ip`, `cabled`). */
  flag: (name: string, values: Getter, description?: string): FilterDef => ({
    name,
    type: 'boolean',
    values,
    lookups: [],
    ...(description ? { description } : {}),
  }),
};

const VALUE_FILTER_TYPES: Partial<Record<string, FilterType>> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  datetime: 'datetime',
  date: 'date',
};

/** Fields NetBox never filters on even though they are plain values. */
const NOT_FILTERED = new Set(['comments', 'url', 'display_url', 'display']);

/**
 * The filters NetBox's filterset generation gives a model from its fields: one per value field with the
 * lookups of its type, `<fk>_id` and `<fk>` (by slug) per foreign key, choices, and `tag`/`tag_id`.
 * Models list what NetBox leaves out in `noFilters`.
 */
export function deriveFilters(key: ModelKey, fields: readonly FieldDef[]): FilterDef[] {
  const filters: FilterDef[] = [];
  for (const f of fields) {
    if (NOT_FILTERED.has(f.name)) continue;
    switch (f.kind) {
      case 'id':
        filters.push(filter.number('id'));
        break;
      case 'value': {
        const type = VALUE_FILTER_TYPES[f.type];
        if (type) filters.push({ name: f.name, type, values: column(f.column) });
        break;
      }
      case 'choice':
        filters.push(filter.choice(f.name, f.choices, column(f.column)));
        break;
      case 'fk':
        filters.push(filter.model(`${f.name}_id`, f.target, 'id', column(f.column)));
        filters.push(filter.model(f.name, f.target, 'slug', column(f.column)));
        break;
      case 'tags': {
        const tagIds: Getter = (row, ctx) => ctx.db.tagIds(key, row.id);
        filters.push(filter.model('tag', 'extras.tag', 'slug', tagIds, { conjoined: true }));
        filters.push(filter.model('tag_id', 'extras.tag', 'id', tagIds, { conjoined: true }));
        break;
      }
      default:
        break;
    }
  }
  return filters;
}
