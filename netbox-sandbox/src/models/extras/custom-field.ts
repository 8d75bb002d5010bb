import type { Row } from '../../db/dataset.ts';
import {
  CUSTOM_FIELD_FILTER_LOGIC,
  CUSTOM_FIELD_TYPE,
  CUSTOM_FIELD_UI_EDITABLE,
  CUSTOM_FIELD_UI_VISIBLE,
} from '../choices/extras-choices.ts';
import { objectTypeFilter, objectTypeIdFilter } from '../core/object-type-filter.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { ownerFilters } from '../users/owner-filters.ts';

const objectTypeIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('extras_customfield_object_types', 'customfield_id', row.id).map((r) => Number(r.objecttype_id));

/** CustomFieldSerializer.get_data_type: the JSON type of the field's values. */
function dataType(type: unknown): string {
  switch (type) {
    case 'integer':
      return 'integer';
    case 'decimal':
      return 'decimal';
    case 'boolean':
      return 'boolean';
    case 'json':
    case 'object':
      return 'object';
    case 'multiselect':
    case 'multiobject':
      return 'array';
    default:
      return 'string';
  }
}

/** CustomField.__str__: the label, else the name made readable as Python's str.capitalize() does. */
function customFieldDisplay(row: Row): string {
  if (typeof row.label === 'string' && row.label !== '') return row.label;
  const text = String(row.name ?? '').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

export const customField = defineModel({
  key: 'extras.customfield',
  path: 'custom-fields',
  table: 'extras_customfield',
  schemaName: 'CustomField',
  verboseName: 'custom field',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.computed('object_types', { type: 'array', items: { type: 'string' } }, (row, ctx) =>
      objectTypeIds(row, ctx)
        .map((id) => ctx.db.contentTypeKey(id))
        .filter((key): key is string => key !== undefined),
    ),
    field.choice('type', CUSTOM_FIELD_TYPE),
    field.objectType('related_object_type', 'related_object_type_id', { nullable: true }),
    field.computed('data_type', { type: 'string', readOnly: true }, (row) => dataType(row.type)),
    field.string('name'),
    field.string('label'),
    field.string('group_name'),
    field.string('description'),
    field.boolean('required'),
    field.boolean('unique'),
    field.integer('search_weight'),
    field.choice('filter_logic', CUSTOM_FIELD_FILTER_LOGIC),
    field.choice('ui_visible', CUSTOM_FIELD_UI_VISIBLE),
    field.choice('ui_editable', CUSTOM_FIELD_UI_EDITABLE),
    field.boolean('is_cloneable'),
    field.json('default'),
    field.json('related_object_filter'),
    field.integer('weight'),
    field.number('validation_minimum', { nullable: true }),
    field.number('validation_maximum', { nullable: true }),
    field.string('validation_regex'),
    field.json('validation_schema'),
    field.fk('choice_set', 'extras.customfieldchoiceset', { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  display: customFieldDisplay,
  ordering: ['group_name', 'weight', 'name'],
  filters: [
    {
      name: 'object_type_id',
      type: 'custom',
      values: objectTypeIds,
      match: (row, values, ctx) => objectTypeIds(row, ctx).some((id) => values.includes(String(id))),
      lookups: ['n'],
      paramType: 'integer',
    },
    filter.custom('object_type', (row, values, ctx) => {
      const keys = objectTypeIds(row, ctx).map((id) => ctx.db.contentTypeKey(id));
      return values.some((v) => keys.includes(v.toLowerCase()));
    }),
    objectTypeFilter('related_object_type', 'related_object_type_id'),
    objectTypeIdFilter('related_object_type_id', 'related_object_type_id'),
    filter.model('choice_set', 'extras.customfieldchoiceset', 'name', (row) => row.choice_set_id),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const q = raw.toLowerCase();
      return ['name', 'label', 'group_name', 'description', 'comments'].some((c) => String(row[c] ?? '').toLowerCase().includes(q));
    }),
    ...ownerFilters(),
    ...requestFilters('extras.customfield'),
  ],
  noFilters: ['default', 'related_object_filter', 'validation_schema'],
  search: [],
});
