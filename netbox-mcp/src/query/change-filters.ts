import type { QueryScalar } from '../client/query-string.ts';

/**
 * What change-log filters given the official way (`filters: {changed_object_type, user_name, time_after…}`)
 * select, in the terms the tool's own arguments use, so the result's title says it: an answer titled "all
 * objects at any time" while filtered by user and time would mislead the model.
 */
export interface LiftedChangeFilters {
  readonly objectType?: string;
  readonly objectId?: number;
  readonly objectName?: string;
  readonly user?: string;
  readonly actions: readonly string[];
  readonly after?: Date;
  readonly before?: Date;
  /** Every other filter, as `name=value`. */
  readonly rest: readonly string[];
}

const USER_FILTERS = new Set(['user_name', 'user_name__ie', 'user', 'user__ie']);
const NAME_FILTERS = new Set(['object_repr', 'object_repr__ie']);

export function liftChangeFilters(params: Readonly<Record<string, readonly QueryScalar[]>>): LiftedChangeFilters {
  const lifted: { -readonly [K in keyof LiftedChangeFilters]: LiftedChangeFilters[K] } & { actions: string[]; rest: string[] } = { actions: [], rest: [] };
  for (const [key, values] of Object.entries(params)) {
    const one = values.length === 1 ? String(values[0]) : undefined;
    const time = one === undefined ? undefined : new Date(one);
    if (key === 'changed_object_type' && one?.includes('.')) lifted.objectType = one;
    else if (key === 'changed_object_id' && one !== undefined && /^\d+$/.test(one)) lifted.objectId = Number(one);
    else if (NAME_FILTERS.has(key) && one !== undefined) lifted.objectName = one;
    else if (USER_FILTERS.has(key) && one !== undefined) lifted.user = one;
    else if (key === 'action') lifted.actions.push(...values.map(String));
    else if (key === 'time_after' && time && !Number.isNaN(time.getTime())) lifted.after = time;
    else if (key === 'time_before' && time && !Number.isNaN(time.getTime())) lifted.before = time;
    else lifted.rest.push(`${key}=${values.map(String).join(',')}`);
  }
  return lifted;
}
