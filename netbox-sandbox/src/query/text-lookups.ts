import { FilterValueError } from './filter-value-error.ts';

/** Lookups that negate another: `name__nic` keeps rows `name__ic` would drop. */
export const NEGATED: Record<string, string> = { n: 'exact', nic: 'ic', nie: 'ie', nisw: 'isw', niew: 'iew' };

const lower = (v: unknown): string => String(v).toLowerCase();

function compilePattern(parameter: string, source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch {
    throw new FilterValueError(parameter, `Invalid regular expression: ${source}`);
  }
}

/**
 * Whether one row value matches one query value under a text lookup, as Django's lookups do on PostgreSQL
 * (`ic` = ILIKE %v%, `ie` = case-insensitive equality, `isw`/`iew` = prefix/suffix, `regex` = `~`).
 */
export function textMatcher(parameter: string, lookup: string, query: string): (value: unknown) => boolean {
  const q = query.toLowerCase();
  switch (lookup) {
    case 'exact':
      return (v) => v !== null && v !== undefined && String(v) === query;
    case 'ic':
      return (v) => v !== null && v !== undefined && lower(v).includes(q);
    case 'ie':
      return (v) => v !== null && v !== undefined && lower(v) === q;
    case 'isw':
      return (v) => v !== null && v !== undefined && lower(v).startsWith(q);
    case 'iew':
      return (v) => v !== null && v !== undefined && lower(v).endsWith(q);
    case 'regex': {
      const re = compilePattern(parameter, query, 'u');
      return (v) => v !== null && v !== undefined && re.test(String(v));
    }
    case 'iregex': {
      const re = compilePattern(parameter, query, 'iu');
      return (v) => v !== null && v !== undefined && re.test(String(v));
    }
    default:
      return () => false;
  }
}

/** `__empty=true` matches null and ''; `false` the rest. Other values are refused as Django's BooleanField does. */
export function emptyMatcher(parameter: string, query: string): (value: unknown) => boolean {
  const flag = parseBoolean(query);
  if (flag === undefined) throw new FilterValueError(parameter, `“${query}” value must be either True or False.`);
  return (v) => (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) === flag;
}

export function parseBoolean(query: string): boolean | undefined {
  const v = query.toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}
