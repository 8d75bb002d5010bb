import { FilterValueError } from './filter-value-error.ts';

export type Comparable = number;

/** Parses a query value of a numeric, date or datetime filter to a number that orders like the value. */
export function parseComparable(parameter: string, type: 'number' | 'datetime' | 'date', query: string): Comparable {
  if (type === 'number') {
    const n = Number(query);
    if (query.trim() === '' || !Number.isFinite(n)) throw new FilterValueError(parameter, 'Enter a number.');
    return n;
  }
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(query);
  const t = Date.parse(isDate ? `${query}T00:00:00Z` : query);
  if (Number.isNaN(t) || (type === 'date' && !isDate)) {
    throw new FilterValueError(parameter, type === 'date' ? 'Enter a valid date.' : 'Enter a valid date/time.');
  }
  return t;
}

export function rowComparable(type: 'number' | 'datetime' | 'date', value: unknown): Comparable | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (type === 'number') return Number(value);
  const s = String(value);
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
}

export function compareMatcher(lookup: string, query: Comparable): (value: Comparable) => boolean {
  switch (lookup) {
    case 'lt':
      return (v) => v < query;
    case 'lte':
      return (v) => v <= query;
    case 'gt':
      return (v) => v > query;
    case 'gte':
      return (v) => v >= query;
    default:
      return (v) => v === query;
  }
}
