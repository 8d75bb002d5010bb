import type { Row } from '../../db/dataset.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import { OBJECT_CHANGE_ACTION } from '../choices/core-choices.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef, ModelKey } from '../model-def.ts';
import { appVerboseName } from './app-labels.ts';
import { objectTypeFilter, objectTypeIdFilter } from './object-type-filter.ts';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * A DateTimeFromToRangeFilter bound (`time_after`, `time_before`). Django reads ISO 8601 and
 * `YYYY-MM-DD[ HH:MM[:SS]]`, naive times in UTC; errors belong to the `time` field.
 */
function parseBound(value: string): number {
  const text = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const t = m ? Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`) : Number.NaN;
  if (Number.isNaN(t)) throw new FilterValueError('time', 'Enter a valid date/time.');
  return t;
}

function timeBound(name: 'time_after' | 'time_before'): FilterDef {
  return filter.custom(
    name,
    (row, values) => {
      const value = values[values.length - 1] ?? '';
      if (value.trim() === '') return true;
      const bound = parseBound(value);
      const time = Date.parse(String(row.time));
      return name === 'time_after' ? time >= bound : time <= bound;
    },
    { description: name === 'time_after' ? 'Changes at or after this time' : 'Changes at or before this time' },
  );
}

/** ContentType's text: `<app verbose name> | <model verbose name>`. */
function contentTypeText(ctx: ApiContext, typeId: unknown): string {
  const key = ctx.db.contentTypeKey(typeId);
  if (!key) return '';
  const [app = '', model = ''] = key.split('.');
  let verbose = model;
  try {
    verbose = ctx.model(key as ModelKey).verboseName;
  } catch {
    // A type the sandbox does not serve keeps its model name.
  }
  return `${appVerboseName(app)} | ${verbose}`;
}

function actionLabel(action: unknown): string {
  return OBJECT_CHANGE_ACTION.find(([value]) => value === action)?.[1] ?? String(action);
}

/** The change log: read-only records of who changed what, newest first. */
export const objectChange = defineModel({
  key: 'core.objectchange',
  path: 'object-changes',
  table: 'core_objectchange',
  schemaName: 'ObjectChange',
  verboseName: 'object change',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.datetime('time'),
    field.fk('user', 'users.user', { nullable: true }),
    field.string('user_name'),
    field.string('request_id'),
    field.choice('action', OBJECT_CHANGE_ACTION),
    field.objectType('changed_object_type', 'changed_object_type_id'),
    field.integer('changed_object_id'),
    field.generic('changed_object', 'changed_object_type_id', 'changed_object_id'),
    field.string('object_repr'),
    field.string('message'),
    field.json('prechange_data'),
    field.json('postchange_data'),
  ],
  // ObjectChangeSerializer has no brief fields: `?brief` shows everything.
  brief: [
    'id',
    'url',
    'display_url',
    'display',
    'time',
    'user',
    'user_name',
    'request_id',
    'action',
    'changed_object_type',
    'changed_object_id',
    'changed_object',
    'object_repr',
    'message',
    'prechange_data',
    'postchange_data',
  ],
  display: (row: Row, ctx) => {
    const action = actionLabel(row.action).toLowerCase();
    return `${contentTypeText(ctx, row.changed_object_type_id)} ${String(row.object_repr)} ${action} by ${String(row.user_name)}`;
  },
  ordering: ['-time'],
  filters: [
    timeBound('time_after'),
    timeBound('time_before'),
    objectTypeFilter('changed_object_type', 'changed_object_type_id'),
    objectTypeIdFilter('changed_object_type_id', 'changed_object_type_id'),
    objectTypeFilter('related_object_type', 'related_object_type_id'),
    filter.number('related_object_id'),
    filter.model('user', 'users.user', 'username', (row) => row.user_id),
    filter.custom('request_id', (row, values) =>
      values.some((v) => {
        if (!UUID.test(v.trim())) throw new FilterValueError('request_id', 'Enter a valid UUID.');
        return v.trim().replace(/-/g, '').toLowerCase() === String(row.request_id ?? '').replace(/-/g, '').toLowerCase();
      }),
    ),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const q = raw.toLowerCase();
      return ['user_name', 'object_repr', 'message'].some((c) => String(row[c] ?? '').toLowerCase().includes(q));
    }),
  ],
  noFilters: ['time', 'message'],
  search: [],
});
