import { NetboxMcpError } from '../errors.ts';
import type { QueryScalar } from '../client/query-string.ts';
import type { FilterParam } from '../schema/object-type.ts';

/** A filter value as the model may send it: one value, a list, or a comma list for `__in`. */
export function valuesOf(value: unknown, splitCommas: boolean): QueryScalar[] {
  const list = Array.isArray(value) ? value : [value];
  const out: QueryScalar[] = [];
  for (const v of list) {
    if (v === null || v === undefined) out.push('null');
    else if (typeof v === 'string' && splitCommas) out.push(...v.split(',').map((s) => s.trim()).filter(Boolean));
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(v);
    else throw new NetboxMcpError('INVALID_FILTER_VALUE', `Filter values must be strings, numbers or booleans, not ${JSON.stringify(v)}.`);
  }
  return out;
}

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

/** Checks a value against the parameter's type and choices, so NetBox never quietly ignores it. */
export function checkValue(param: FilterParam, value: QueryScalar): QueryScalar {
  const text = String(value).trim();
  if (param.type === 'boolean') {
    if (TRUE.has(text.toLowerCase())) return true;
    if (FALSE.has(text.toLowerCase())) return false;
    throw invalid(param, value, 'true or false');
  }
  if (param.type === 'integer' || param.type === 'number') {
    if (text === 'null') return text;
    const n = Number(text);
    if (text === '' || !Number.isFinite(n) || (param.type === 'integer' && !Number.isInteger(n))) throw invalid(param, value, `a ${param.type}`);
    return n;
  }
  if (param.choices && !param.name.endsWith('__empty') && isExactLookup(param.name)) {
    const match = param.choices.find((c) => c.toLowerCase() === text.toLowerCase().replace(/\s+/g, '-'));
    if (match !== undefined) return match;
    if (text === 'null') return text;
    throw invalid(param, value, `one of ${param.choices.join(', ')}`);
  }
  return typeof value === 'string' ? text : value;
}

function isExactLookup(name: string): boolean {
  return !/__(ic|nic|ie|nie|iew|niew|isw|nisw|regex|iregex)$/.test(name);
}

function invalid(param: FilterParam, value: QueryScalar, expected: string): NetboxMcpError {
  return new NetboxMcpError('INVALID_FILTER_VALUE', `Filter '${param.name}' got ${JSON.stringify(value)}; it takes ${expected}.`);
}
