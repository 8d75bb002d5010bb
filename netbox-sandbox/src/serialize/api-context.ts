import type { Database } from '../db/database.ts';
import type { ApiContext, ModelKey } from '../models/model-def.ts';
import type { Registry } from '../models/registry.ts';
import { serializeObject } from './serialize-object.ts';

/**
 * The context serializers run in. Nested forms are cached per context: a device list shows the same site,
 * role and type over and over, and the data never changes while the sandbox runs.
 */
export function createApiContext(db: Database, registry: Registry, baseUrl: string): ApiContext {
  const cache = new Map<string, Record<string, unknown> | null>();
  const ctx: ApiContext = {
    db,
    baseUrl,
    model: (key) => registry.get(key),
    nested(key: ModelKey, id, extra, fields) {
      if (id === null || id === undefined) return null;
      const cacheKey = `${key}:${String(id)}:${extra?.join(',') ?? ''}:${fields?.join(',') ?? ''}`;
      const hit = cache.get(cacheKey);
      if (hit !== undefined) return hit;
      const model = registry.find(key);
      const row = model ? db.get(model.table, id) : undefined;
      const value = model && row ? serializeObject(model, row, ctx, 'nested', { extra, only: fields }) : null;
      cache.set(cacheKey, value);
      return value;
    },
  };
  return ctx;
}
