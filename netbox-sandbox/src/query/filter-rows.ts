import type { Row } from '../db/dataset.ts';
import type { ApiContext, FilterDef, ModelDef } from '../models/model-def.ts';
import { buildPredicate, type Predicate } from './build-predicate.ts';
import { FilterValueError } from './filter-value-error.ts';
import { lookupsOf } from './lookups.ts';

/** Query parameters that steer the list rather than filter it. */
export const CONTROL_PARAMETERS = new Set(['limit', 'offset', 'start', 'ordering', 'brief', 'fields', 'omit', 'exclude', 'format']);

interface Clause {
  readonly filter: FilterDef;
  readonly parameter: string;
  readonly lookup: string;
  readonly values: string[];
}

function findClause(model: ModelDef, parameter: string): Omit<Clause, 'values'> | undefined {
  const exact = model.filters.find((f) => f.name === parameter);
  if (exact) return { filter: exact, parameter, lookup: 'exact' };
  const at = parameter.lastIndexOf('__');
  if (at < 0) return undefined;
  const name = parameter.slice(0, at);
  const lookup = parameter.slice(at + 2);
  const filter = model.filters.find((f) => f.name === name);
  return filter && lookupsOf(filter).includes(lookup) ? { filter, parameter, lookup } : undefined;
}

/** Collected 400 errors, keyed by parameter as NetBox's body is. */
export class FilterErrors extends Error {
  readonly code = 'FILTER_ERRORS';
  readonly errors: Record<string, string[]>;

  constructor(errors: Record<string, string[]>) {
    super('invalid filter values');
    this.errors = errors;
  }
}

/**
 * The rows of a model that a query's filters select. Unknown parameters are ignored, as NetBox's
 * filtersets ignore them; bad values of known ones are all reported together.
 */
export function filterRows(model: ModelDef, rows: readonly Row[], params: readonly (readonly [string, string])[], ctx: ApiContext): Row[] {
  const clauses = new Map<string, Clause>();
  for (const [key, value] of params) {
    if (CONTROL_PARAMETERS.has(key)) continue;
    const existing = clauses.get(key);
    if (existing) {
      existing.values.push(value);
      continue;
    }
    const found = findClause(model, key);
    if (found) clauses.set(key, { ...found, values: [value] });
  }
  const predicates: Predicate[] = [];
  const errors: Record<string, string[]> = {};
  for (const clause of clauses.values()) {
    try {
      const p = buildPredicate(ctx, clause.filter, clause.parameter, clause.lookup, clause.values);
      if (p) predicates.push(p);
    } catch (err) {
      if (!(err instanceof FilterValueError)) throw err;
      (errors[err.parameter] ??= []).push(err.message);
    }
  }
  if (Object.keys(errors).length > 0) throw new FilterErrors(errors);
  if (predicates.length === 0) return [...rows];
  try {
    return rows.filter((row) => predicates.every((p) => p(row)));
  } catch (err) {
    // Custom filters (prefix containment, time windows) can only judge a value when they read it.
    if (err instanceof FilterValueError) throw new FilterErrors({ [err.parameter]: [err.message] });
    throw err;
  }
}
