import { toUtcTimestamp } from './convert-timestamp.ts';
import { parsePgArray } from './parse-pg-array.ts';
import type { PgArray } from './parse-pg-array.ts';

/**
 * Turns COPY text into the JSON values the sandbox serves, by column type: numbers and booleans become JSON
 * numbers and booleans, json/jsonb is parsed, timestamps move to the REST API's UTC form, arrays become
 * JSON arrays of converted elements. Everything else (text, date, inet, cidr, uuid, macaddr, ranges, bytea)
 * stays the string PostgreSQL printed, which is also how NetBox's API prints those.
 */

/** Converts one non-NULL COPY value; throws a SyntaxError when the text does not fit the column type. */
export type ValueConverter = (text: string) => unknown;

const INTEGER_TYPES = new Set([
  'smallint',
  'integer',
  'bigint',
  'int',
  'int2',
  'int4',
  'int8',
  'smallserial',
  'serial',
  'bigserial',
  'serial2',
  'serial4',
  'serial8',
]);
const DECIMAL_TYPES = new Set(['numeric', 'decimal', 'real', 'double precision', 'float4', 'float8', 'float']);
const BOOLEAN_TYPES = new Set(['boolean', 'bool']);
const JSON_TYPES = new Set(['json', 'jsonb']);
const TIMESTAMPTZ_TYPES = new Set(['timestamp with time zone', 'timestamptz']);

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^(?:NaN|[+-]?Infinity)$/;

// bigint values beyond 2^53 lose precision here; NetBox's ids and counters stay far below that.
const toInteger: ValueConverter = (text) => {
  if (!INTEGER_TEXT.test(text)) throw new SyntaxError(`not an integer: ${JSON.stringify(text)}`);
  return Number(text);
};

const toDecimal: ValueConverter = (text) => {
  if (!DECIMAL_TEXT.test(text)) throw new SyntaxError(`not a number: ${JSON.stringify(text)}`);
  return Number(text);
};

const toBoolean: ValueConverter = (text) => {
  if (text === 't' || text === 'true') return true;
  if (text === 'f' || text === 'false') return false;
  throw new SyntaxError(`not a boolean: ${JSON.stringify(text)}`);
};

const toJson: ValueConverter = (text) => JSON.parse(text) as unknown;

const asText: ValueConverter = (text) => text;

/**
 * The converter for a column type as the dump spells it. Length and precision modifiers (`(100)`, `(8,2)`,
 * `(6)`) do not change the JSON form, so they are dropped before the type is looked up.
 */
export function converterForType(type: string): ValueConverter {
  let base = type
    .toLowerCase()
    .replace(/\(\s*\d+\s*(?:,\s*\d+\s*)?\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^pg_catalog\./, '');
  let isArray = false;
  while (base.endsWith('[]')) {
    isArray = true;
    base = base.slice(0, -2).trim();
  }
  if (base.endsWith(' array')) {
    isArray = true;
    base = base.slice(0, -' array'.length).trim();
  }
  const element = scalarConverter(base);
  return isArray ? (text) => convertArray(parsePgArray(text), element) : element;
}

function scalarConverter(base: string): ValueConverter {
  if (INTEGER_TYPES.has(base)) return toInteger;
  if (DECIMAL_TYPES.has(base)) return toDecimal;
  if (BOOLEAN_TYPES.has(base)) return toBoolean;
  if (JSON_TYPES.has(base)) return toJson;
  if (TIMESTAMPTZ_TYPES.has(base)) return toUtcTimestamp;
  return asText;
}

function convertArray(items: PgArray, element: ValueConverter): unknown[] {
  return items.map((item) => {
    if (item === null) return null;
    return Array.isArray(item) ? convertArray(item, element) : element(item);
  });
}
