import type { Row } from '../db/dataset.ts';
import type { ApiContext, FilterDef } from '../models/model-def.ts';
import { compareMatcher, parseComparable, rowComparable } from './compare-lookups.ts';
import { invalidChoice } from './filter-value-error.ts';
import { resolveModelValues } from './resolve-model-values.ts';
import { emptyMatcher, NEGATED, parseBoolean, textMatcher } from './text-lookups.ts';

export type Predicate = (row: Row) => boolean;

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return [value];
}

function anyValue(row: Row, ctx: ApiContext, filter: FilterDef, test: (v: unknown) => boolean): boolean {
  return asList(filter.values(row, ctx)).some(test);
}

function modelPredicate(ctx: ApiContext, filter: FilterDef, parameter: string, values: readonly string[]): Predicate {
  const sets = resolveModelValues(ctx, filter, parameter, values);
  const related = (row: Row): (number | null)[] =>
    asList(filter.values(row, ctx)).map((v) => (v === null || v === undefined ? null : Number(v)));
  if (filter.conjoined) return (row) => sets.every((set) => related(row).some((id) => set.has(id)));
  const union = new Set(sets.flatMap((s) => [...s]));
  return (row) => {
    const ids = related(row);
    return ids.length === 0 ? union.has(null) : ids.some((id) => union.has(id));
  };
}

function textPredicate(ctx: ApiContext, filter: FilterDef, parameter: string, lookup: string, values: readonly string[]): Predicate {
  if (lookup === 'empty') {
    const test = emptyMatcher(parameter, values[values.length - 1] ?? '');
    return (row) => test(filter.values(row, ctx));
  }
  if (filter.type === 'choice' && lookup === 'exact' && filter.choices) {
    for (const v of values) if (!filter.choices.some(([value]) => value === v)) throw invalidChoice(parameter, v);
  }
  const tests = values.map((v) => textMatcher(parameter, lookup, v));
  return (row) => anyValue(row, ctx, filter, (v) => tests.some((t) => t(v)));
}

function comparePredicate(ctx: ApiContext, filter: FilterDef, parameter: string, lookup: string, values: readonly string[]): Predicate {
  if (lookup === 'empty') {
    const test = emptyMatcher(parameter, values[values.length - 1] ?? '');
    return (row) => test(filter.values(row, ctx));
  }
  const type = filter.type as 'number' | 'datetime' | 'date';
  const tests = values.map((v) => compareMatcher(lookup, parseComparable(parameter, type, v)));
  return (row) =>
    anyValue(row, ctx, filter, (v) => {
      const c = rowComparable(type, v);
      return c !== undefined && tests.some((t) => t(c));
    });
}

/**
 * The predicate for one query parameter, e.g. `name__ic=core` or `site=nyc&site=lon`. Several values of one
 * parameter are OR-ed (AND for `tag`); negated lookups keep the rows the positive one drops.
 */
export function buildPredicate(
  ctx: ApiContext,
  filter: FilterDef,
  parameter: string,
  lookup: string,
  values: readonly string[],
): Predicate | undefined {
  const positive = NEGATED[lookup];
  if (positive) {
    const inner = buildPredicate(ctx, filter, parameter, positive, values);
    return inner && ((row) => !inner(row));
  }
  switch (filter.type) {
    case 'model':
      return modelPredicate(ctx, filter, parameter, values);
    case 'string':
    case 'choice':
      return textPredicate(ctx, filter, parameter, lookup, values);
    case 'number':
    case 'datetime':
    case 'date':
      return comparePredicate(ctx, filter, parameter, lookup, values);
    case 'boolean': {
      // Django's NullBooleanField reads anything else as "unknown", which does not filter.
      const flag = parseBoolean(values[values.length - 1] ?? '');
      return flag === undefined ? undefined : (row) => anyValue(row, ctx, filter, (v) => Boolean(v) === flag);
    }
    case 'search': {
      const q = (values[values.length - 1] ?? '').trim().toLowerCase();
      if (q === '') return undefined;
      return (row) => anyValue(row, ctx, filter, (v) => v !== null && v !== undefined && String(v).toLowerCase().includes(q));
    }
    case 'custom':
      return (row) => filter.match!(row, values, ctx, lookup);
  }
}
