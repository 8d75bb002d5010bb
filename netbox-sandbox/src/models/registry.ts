import type { FilterDef, ModelDef, ModelKey } from './model-def.ts';

export interface Registry {
  readonly models: readonly ModelDef[];
  get(key: ModelKey): ModelDef;
  find(key: string): ModelDef | undefined;
  /** The model served at `/api/<app>/<path>/`. */
  byPath(app: string, path: string): ModelDef | undefined;
}

/**
 * Builds the lookup tables and settles what only the whole set knows: a foreign key's slug filter exists
 * only when its target has a slug (NetBox filters `rack` and `cluster` by id alone).
 */
export function createRegistry(defs: readonly ModelDef[]): Registry {
  const byKey = new Map(defs.map((m) => [m.key, m] as const));
  const hasSlug = (key: ModelKey | undefined): boolean =>
    key !== undefined && (byKey.get(key)?.fields.some((f) => f.name === 'slug') ?? false);
  const keep = (f: FilterDef): boolean => f.type !== 'model' || f.by !== 'slug' || hasSlug(f.target);
  const models = defs.map((m) => ({ ...m, filters: m.filters.filter(keep) }));
  const settled = new Map(models.map((m) => [m.key, m] as const));
  const paths = new Map(models.map((m) => [`${m.key.split('.')[0]}/${m.path}`, m] as const));
  return {
    models,
    get(key) {
      const model = settled.get(key);
      if (!model) throw new Error(`unknown model ${key}`);
      return model;
    },
    find: (key) => settled.get(key as ModelKey),
    byPath: (app, path) => paths.get(`${app}/${path}`),
  };
}
