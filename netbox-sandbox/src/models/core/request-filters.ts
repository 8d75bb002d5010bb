import { FilterValueError } from '../../query/filter-value-error.ts';
import type { FilterDef, ModelKey } from '../model-def.ts';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

const ACTIONS: Record<string, readonly string[]> = {
  created_by_request: ['create'],
  updated_by_request: ['update'],
  modified_by_request: ['create', 'update'],
};

function byRequest(key: ModelKey, name: keyof typeof ACTIONS): FilterDef {
  const actions = ACTIONS[name] ?? [];
  return {
    name,
    type: 'custom',
    values: () => undefined,
    match: (row, values, ctx) => {
      const value = values[values.length - 1] ?? '';
      if (value === '') return true;
      if (!UUID.test(value)) throw new FilterValueError(name, 'Enter a valid UUID.');
      const wanted = value.replace(/-/g, '').toLowerCase();
      const typeId = ctx.db.contentTypeId(key);
      return ctx.db
        .where('core_objectchange', 'changed_object_id', row.id)
        .some(
          (c) =>
            c.changed_object_type_id === typeId &&
            actions.includes(String(c.action)) &&
            String(c.request_id).replace(/-/g, '').toLowerCase() === wanted,
        );
    },
    lookups: [],
    paramType: 'string',
  };
}

/** ChangeLoggedModelFilterSet's filters by the request (change log `request_id`) that created or changed an object. */
export function requestFilters(key: ModelKey): FilterDef[] {
  return [byRequest(key, 'created_by_request'), byRequest(key, 'updated_by_request'), byRequest(key, 'modified_by_request')];
}
