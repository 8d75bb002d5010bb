import type { Row } from '../../db/dataset.ts';
import type { Database } from '../../db/database.ts';
import type { ApiContext } from '../model-def.ts';

/** What an object is, for picking the config contexts that apply to it: ids per assignment kind. */
export interface ContextTarget {
  readonly regions?: readonly number[];
  readonly siteGroups?: readonly number[];
  readonly sites?: readonly number[];
  readonly locations?: readonly number[];
  readonly deviceTypes?: readonly number[];
  readonly roles?: readonly number[];
  readonly platforms?: readonly number[];
  readonly clusterTypes?: readonly number[];
  readonly clusterGroups?: readonly number[];
  readonly clusters?: readonly number[];
  readonly tenantGroups?: readonly number[];
  readonly tenants?: readonly number[];
  readonly tags?: readonly number[];
}

/** ConfigContext's assignment tables: the through table, its column, and the target key it matches. */
const ASSIGNMENTS: readonly (readonly [string, string, keyof ContextTarget])[] = [
  ['extras_configcontext_regions', 'region_id', 'regions'],
  ['extras_configcontext_site_groups', 'sitegroup_id', 'siteGroups'],
  ['extras_configcontext_sites', 'site_id', 'sites'],
  ['extras_configcontext_locations', 'location_id', 'locations'],
  ['extras_configcontext_device_types', 'devicetype_id', 'deviceTypes'],
  ['extras_configcontext_roles', 'devicerole_id', 'roles'],
  ['extras_configcontext_platforms', 'platform_id', 'platforms'],
  ['extras_configcontext_cluster_types', 'clustertype_id', 'clusterTypes'],
  ['extras_configcontext_cluster_groups', 'clustergroup_id', 'clusterGroups'],
  ['extras_configcontext_clusters', 'cluster_id', 'clusters'],
  ['extras_configcontext_tenant_groups', 'tenantgroup_id', 'tenantGroups'],
  ['extras_configcontext_tenants', 'tenant_id', 'tenants'],
  ['extras_configcontext_tags', 'tag_id', 'tags'],
];

/** A tree node and its ancestors (`get_ancestors(include_self=True)`), for regions, groups, locations, roles. */
export function selfAndAncestors(db: Database, table: string, id: unknown): number[] {
  const out: number[] = [];
  let node = db.get(table, id);
  while (node && out.length < 100 && !out.includes(Number(node.id))) {
    out.push(Number(node.id));
    node = db.get(table, node.parent_id);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** NetBox's deepmerge: nested dicts merge, anything else in `update` replaces what `base` had. */
export function deepMerge(base: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(update)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function applies(db: Database, context: Row, target: ContextTarget): boolean {
  return ASSIGNMENTS.every(([table, column, key]) => {
    const assigned = db.where(table, 'configcontext_id', context.id).map((r) => Number(r[column]));
    if (assigned.length === 0) return true;
    const own = target[key] ?? [];
    return assigned.some((id) => own.includes(id));
  });
}

/**
 * The rendered `config_context` of a device or VM: every active config context that applies, by weight then
 * name, deep-merged, then the object's own local context data on top.
 */
export function renderConfigContext(ctx: ApiContext, target: ContextTarget, local: unknown): Record<string, unknown> {
  const contexts = ctx.db
    .rows('extras_configcontext')
    .filter((c) => c.is_active !== false && applies(ctx.db, c, target))
    .sort((a, b) => Number(a.weight ?? 1000) - Number(b.weight ?? 1000) || String(a.name).localeCompare(String(b.name)));
  let data: Record<string, unknown> = {};
  for (const c of contexts) if (isPlainObject(c.data)) data = deepMerge(data, c.data);
  if (isPlainObject(local)) data = deepMerge(data, local);
  return data;
}
