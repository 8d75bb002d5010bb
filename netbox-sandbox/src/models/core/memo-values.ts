import type { ApiContext } from '../model-def.ts';

/**
 * Custom filters are asked row by row with the same query values; this computes what the values select
 * (devices by name, a VRF by RD) once per query instead of once per row. Errors are not cached, so a bad
 * value still fails on the first row.
 */
export function memoByValues<T>(compute: (values: readonly string[], ctx: ApiContext) => T): (values: readonly string[], ctx: ApiContext) => T {
  const cache = new WeakMap<readonly string[], T>();
  return (values, ctx) => {
    if (cache.has(values)) return cache.get(values) as T;
    const result = compute(values, ctx);
    cache.set(values, result);
    return result;
  };
}
