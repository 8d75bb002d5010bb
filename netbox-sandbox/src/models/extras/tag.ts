import type { Row } from '../../db/dataset.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';
import { ownerFilters } from '../users/owner-filters.ts';

/** Tag.weight came with NetBox 4.3; older data gets the migration's default. */
const DEFAULT_WEIGHT = 1000;
const weight = (row: Row): number => (typeof row.weight === 'number' ? row.weight : DEFAULT_WEIGHT);

const objectTypeIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('extras_tag_object_types', 'tag_id', row.id).map((r) => Number(r.objecttype_id));

/** Content types the tag is applied to, through its tagged items. */
const usedOnTypeIds = (row: Row, ctx: ApiContext): number[] => [
  ...new Set(ctx.db.where('extras_taggeditem', 'tag_id', row.id).map((t) => Number(t.content_type_id))),
];

function numbers(values: readonly string[]): number[] {
  return values.filter((v) => /^\d+$/.test(v.trim())).map(Number);
}

const contentTypeFilter: FilterDef = filter.custom('content_type', (row, values, ctx) => {
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  return usedOnTypeIds(row, ctx).some((id) => wanted.has(ctx.db.contentTypeKey(id) ?? ''));
});

export const tag = defineModel({
  key: 'extras.tag',
  path: 'tags',
  table: 'extras_tag',
  schemaName: 'Tag',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('slug'),
    field.string('color'),
    field.string('description'),
    field.integer('weight', { default: DEFAULT_WEIGHT }),
    field.computed('object_types', { type: 'array', items: { type: 'string' } }, (row, ctx) =>
      objectTypeIds(row, ctx)
        .map((id) => ctx.db.contentTypeKey(id))
        .filter((key): key is string => key !== undefined),
    ),
    field.count('tagged_items', 'extras_taggeditem', 'tag_id'),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'name', 'slug', 'color', 'description'],
  ordering: ['weight', 'name'],
  sortKeys: { weight },
  filters: [
    filter.number('weight', weight),
    {
      name: 'object_types',
      type: 'custom',
      values: objectTypeIds,
      match: (row, values, ctx) => objectTypeIds(row, ctx).some((id) => numbers(values).includes(id)),
      lookups: ['n'],
      paramType: 'integer',
    },
    contentTypeFilter,
    filter.custom('content_type_id', (row, values, ctx) => usedOnTypeIds(row, ctx).some((id) => numbers(values).includes(id)), {
      paramType: 'integer',
    }),
    // Tags restricted to the type, or not restricted at all.
    filter.custom(
      'for_object_type_id',
      (row, values, ctx) => {
        const own = objectTypeIds(row, ctx);
        return own.length === 0 || own.some((id) => numbers(values).includes(id));
      },
      { paramType: 'integer' },
    ),
    filter.model('owner_id', 'users.owner', 'id', (row) => row.owner_id),
    ...ownerFilters(),
    ...requestFilters('extras.tag'),
  ],
  search: ['name', 'slug', 'description'],
});
