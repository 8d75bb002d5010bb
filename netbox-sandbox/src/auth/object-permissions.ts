import type { Row } from '../db/dataset.ts';
import type { ApiContext, ModelDef, ModelKey } from '../models/model-def.ts';

type Constraint = Record<string, unknown>;

/** What one user may see: everything (superuser), or per model a list of constraint sets (OR-ed). */
export interface Viewer {
  readonly user: Row;
  readonly superuser: boolean;
  readonly constraints: ReadonlyMap<string, readonly (Constraint | null)[]>;
}

function groupIds(ctx: ApiContext, userId: unknown): Set<unknown> {
  return new Set(ctx.db.where('users_user_groups', 'user_id', userId).map((r) => r.group_id));
}

/** Collects the enabled `view` ObjectPermissions assigned to a user directly or through a group. */
export function viewerFor(ctx: ApiContext, user: Row): Viewer {
  if (user.is_superuser === true) return { user, superuser: true, constraints: new Map() };
  return { user, superuser: false, constraints: permissionsFor(ctx, user, 'view') };
}

/**
 * The constraint sets (OR-ed) per model of the enabled ObjectPermissions that grant `action` to a user, directly
 * or through a group. NetBox's `$user` in a constraint stands for the user's id.
 */
function permissionsFor(ctx: ApiContext, user: Row, action: string): Map<string, (Constraint | null)[]> {
  const constraints = new Map<string, (Constraint | null)[]>();
  const groups = groupIds(ctx, user.id);
  const permissionIds = new Set([
    ...ctx.db.where('users_user_object_permissions', 'user_id', user.id).map((r) => r.objectpermission_id),
    ...ctx.db.rows('users_group_object_permissions').filter((r) => groups.has(r.group_id)).map((r) => r.objectpermission_id),
  ]);
  for (const id of permissionIds) {
    const perm = ctx.db.get('users_objectpermission', id);
    if (!perm || perm.enabled === false || !(perm.actions as string[] | undefined)?.includes(action)) continue;
    const sets = (Array.isArray(perm.constraints) ? (perm.constraints as Constraint[]) : [(perm.constraints as Constraint | null) ?? null]).map((set) =>
      set === null ? null : Object.fromEntries(Object.entries(set).map(([key, value]) => [key, value === '$user' ? user.id : value])),
    );
    for (const link of ctx.db.where('users_objectpermission_object_types', 'objectpermission_id', id)) {
      const key = ctx.db.contentTypeKey(link.objecttype_id);
      if (!key) continue;
      const list = constraints.get(key) ?? [];
      list.push(...sets);
      constraints.set(key, list);
    }
  }
  return constraints;
}

/**
 * Whether a user may perform `action` (`delete`, `change`, …) on one row, as NetBox's permission check and
 * `restrict(user, action)` decide: `none` without any such permission for the model (NetBox answers 403),
 * `other` when permissions exist but none matches the row, or there is no row (it is outside the user's
 * queryset: 404).
 */
export function mayAct(ctx: ApiContext, user: Row, action: string, model: ModelDef, row: Row | undefined): 'yes' | 'none' | 'other' {
  const sets = user.is_superuser === true ? [null] : permissionsFor(ctx, user, action).get(model.key);
  if (!sets) return 'none';
  return row !== undefined && sets.some((set) => matches(ctx, model, row, set)) ? 'yes' : 'other';
}

/** Follows `device__tenant_id` through foreign keys: the value at the end of the path, or undefined. */
function valueAt(ctx: ApiContext, model: ModelDef, row: Row, path: string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  if (rest.length === 0 || (rest.length === 1 && rest[0] === 'in')) {
    if (head in row) return row[head];
    const fk = model.fields.find((f) => f.kind === 'fk' && f.name === head);
    return fk && fk.kind === 'fk' ? row[fk.column] : undefined;
  }
  const fk = model.fields.find((f) => f.kind === 'fk' && f.name === head);
  if (!fk || fk.kind !== 'fk') return undefined;
  const target = ctx.model(fk.target);
  const next = ctx.db.get(target.table, row[fk.column]);
  return next ? valueAt(ctx, target, next, rest) : undefined;
}

function matches(ctx: ApiContext, model: ModelDef, row: Row, constraint: Constraint | null): boolean {
  if (constraint === null) return true;
  return Object.entries(constraint).every(([key, expected]) => {
    const path = key.split('__');
    const actual = valueAt(ctx, model, row, path);
    if (path[path.length - 1] === 'in' && Array.isArray(expected)) return expected.some((e) => String(e) === String(actual));
    return String(actual) === String(expected);
  });
}

export function canView(viewer: Viewer, key: ModelKey): boolean {
  return viewer.superuser || viewer.constraints.has(key);
}

/** The rows of a model this viewer may see, as NetBox's `restrict(user, 'view')` narrows a queryset. */
export function visibleRows(viewer: Viewer, model: ModelDef, rows: readonly Row[], ctx: ApiContext): readonly Row[] {
  if (viewer.superuser) return rows;
  const sets = viewer.constraints.get(model.key) ?? [];
  if (sets.some((s) => s === null || Object.keys(s).length === 0)) return rows;
  return rows.filter((row) => sets.some((s) => matches(ctx, model, row, s)));
}
