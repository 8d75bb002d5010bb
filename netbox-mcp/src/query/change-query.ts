import type { QueryScalar } from '../client/query-string.ts';
import { NetboxMcpError } from '../errors.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { normalizeActions, type ChangeAction } from './change-action.ts';
import { planFilters } from './plan-filters.ts';
import { resolveObject, type ObjectRef } from './resolve-object.ts';
import { liftChangeFilters } from './change-filters.ts';
import { isoParam, timeWindow, type TimeWindow } from './time-window.ts';

export interface ChangeQueryArgs {
  readonly filters?: Readonly<Record<string, unknown>> | undefined;
  readonly object_type?: string | undefined;
  readonly object?: string | number | undefined;
  readonly user?: string | undefined;
  readonly action?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
}

export interface ChangeQuery {
  /** The change log's own type (`core.objectchange`; `extras.objectchange` before NetBox 4.1). */
  readonly changeType: ObjectType;
  /** Filters to send, without paging. */
  readonly params: Record<string, QueryScalar[]>;
  /** `limit`/`offset`/`ordering` the model put among the filters. */
  readonly control: Record<string, QueryScalar>;
  readonly window: TimeWindow;
  readonly objectType?: ObjectType;
  /** The object as it exists now. */
  readonly object?: ObjectRef;
  /** The object does not exist now (deleted or renamed): its change records are matched by name or id instead. */
  readonly missing?: NetboxMcpError;
  readonly actions: readonly ChangeAction[];
  /** Whose changes: the `user` argument, or a user filter given in `filters`. */
  readonly user?: string;
  /** Filters given in `filters` the title names as they are (`request_id=…`). */
  readonly otherFilters: readonly string[];
  readonly notes: string[];
  /** A related filter matched nothing. */
  readonly empty: boolean;
}

/** Turns the tool's arguments into one validated change-log filter set: every name resolved, every value checked. */
export async function buildChangeQuery(ctx: ToolContext, args: ChangeQueryArgs, now: Date): Promise<ChangeQuery> {
  const catalog = await ctx.catalog();
  const changeType = changeLogType(catalog);
  const window = timeWindow(args.since, args.until, now);
  const actions = args.action === undefined || args.action.trim() === '' ? [] : normalizeActions(args.action);
  const hasObject = args.object !== undefined && String(args.object).trim() !== '';
  if (hasObject && !args.object_type) {
    throw new NetboxMcpError('INVALID_ARGUMENT', 'object needs object_type, e.g. {"object_type":"dcim.device","object":"sw-01"}.');
  }
  if (typeof args.object === 'number' && !(Number.isInteger(args.object) && args.object > 0)) {
    throw new NetboxMcpError('INVALID_ARGUMENT', `object ${args.object} is not an id; ids are whole numbers from 1.`);
  }
  const objectType = args.object_type ? catalog.resolve(args.object_type) : undefined;

  const plan = await planFilters(ctx, changeType, args.filters);
  // The official way to narrow the log is `filters` alone: read them back as object, user, action and window.
  const lifted = liftChangeFilters(plan.params);
  const liftedType = !objectType && lifted.objectType ? catalog.find(lifted.objectType) : undefined;
  const shownType = objectType ?? liftedType;
  const target =
    objectType && hasObject
      ? await findTarget(ctx, objectType, args.object!)
      : shownType && lifted.objectId !== undefined
        ? await findTarget(ctx, shownType, lifted.objectId)
        : undefined;
  const params: Record<string, QueryScalar[]> = { ...plan.params };
  const notes = [...plan.notes];
  const set = (key: string, values: QueryScalar[]): void => {
    if (params[key] !== undefined) notes.push(`filters.${key} replaced by the tool's own argument`);
    params[key] = values;
  };
  if (objectType) set('changed_object_type', [objectType.key]);
  if (target?.object) {
    if (hasObject) set('changed_object_id', [target.object.id]);
  } else if (target?.missing && hasObject) {
    const ref = String(args.object).trim();
    if (/^#?\d+$/.test(ref)) set('changed_object_id', [Number(ref.replace('#', ''))]);
    else set('object_repr__ie', [ref]);
    notes.push(`no ${objectType!.key} '${ref}' exists now; matching its change records by ${/^#?\d+$/.test(ref) ? 'id' : 'name'}`);
  }
  // By name as recorded, not the user's id: it needs no permission on users and still finds deleted users' changes.
  if (args.user?.trim()) set('user_name__ie', [args.user.trim()]);
  if (actions.length) set('action', [...actions]);
  if (window.after) set('time_after', [isoParam(window.after)]);
  if (window.before) set('time_before', [isoParam(window.before)]);
  const user = args.user?.trim() || lifted.user;
  const shownActions = actions.length ? actions : lifted.actions.flatMap((a) => normalizeActions(a));
  return {
    changeType,
    params,
    control: plan.control,
    window: window.after || window.before ? window : { ...window, ...(lifted.after ? { after: lifted.after } : {}), ...(lifted.before ? { before: lifted.before } : {}) },
    ...(shownType ? { objectType: shownType } : {}),
    ...(target?.object ? { object: target.object } : {}),
    ...(target?.missing && hasObject ? { missing: target.missing } : {}),
    actions: [...new Set(shownActions)],
    ...(user ? { user } : {}),
    otherFilters: [
      ...lifted.rest,
      ...(lifted.objectType && !liftedType ? [`changed_object_type=${lifted.objectType}`] : []),
      ...(lifted.objectId !== undefined && !target?.object ? [`changed_object_id=${lifted.objectId}`] : []),
      ...(lifted.objectName ? [`object_repr=${lifted.objectName}`] : []),
    ],
    notes,
    empty: plan.empty,
  };
}

export function changeLogType(catalog: Catalog): ObjectType {
  const type = catalog.find('core.objectchange') ?? catalog.find('extras.objectchange');
  if (!type) {
    throw new NetboxMcpError('UNKNOWN_OBJECT_TYPE', 'This NetBox serves no change log (core.objectchange) to this token.', {
      hint: 'The change log needs NetBox 4.x and permission to view object changes.',
    });
  }
  return type;
}

/** The object now, or, when none exists, the error to report should the change log not know it either. */
async function findTarget(ctx: ToolContext, type: ObjectType, ref: string | number): Promise<{ object?: ObjectRef; missing?: NetboxMcpError }> {
  try {
    return { object: await resolveObject(ctx, type, typeof ref === 'number' ? ref : ref.trim(), { argument: 'object' }) };
  } catch (error) {
    if (error instanceof NetboxMcpError && error.code === 'OBJECT_NOT_FOUND') return { missing: error };
    throw error;
  }
}
