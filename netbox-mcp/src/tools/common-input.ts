import { z } from 'zod';

/*
 * Argument shapes several tools share, so their names and meaning never drift apart. Each publishes one plain
 * JSON Schema type (no `anyOf`, no type arrays: simple clients and Ajv's strict mode refuse those) and accepts
 * what the official server's pydantic accepts besides: numbers and booleans written as text, an id where a
 * name goes, a comma list where a list goes, a JSON object sent as text.
 */

const numberFromText = (value: unknown): unknown => (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value);
const booleanFromText = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  return ['true', '1', 'yes'].includes(text) ? true : ['false', '0', 'no'].includes(text) ? false : value;
};
const listFromText = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;
const objectFromText = (value: unknown): unknown => {
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

/** A whole number, also as text (`"10"`). */
export const intArg = (min: number, max: number) => z.preprocess(numberFromText, z.number().int().min(min).max(max));
/** A number, also as text. */
export const numberArg = (min: number, max: number) => z.preprocess(numberFromText, z.number().min(min).max(max));
/** true/false, also as text (`"true"`, `"0"`). */
export const boolArg = () => z.preprocess(booleanFromText, z.boolean());
/** A name or an id: text, and a whole number is taken as its text. */
export const nameOrIdArg = () =>
  z.preprocess((value) => (Number.isInteger(value) ? String(value) : value), z.string({ error: 'a name, or an id (a whole number)' }).trim().min(1));
/** A list of strings; `"a,b"` is the list `["a","b"]`. */
export const stringListArg = (bounds: { min?: number; max?: number } = {}) => {
  let list = z.array(z.string().trim().min(1));
  if (bounds.min !== undefined) list = list.min(bounds.min);
  if (bounds.max !== undefined) list = list.max(bounds.max);
  return z.preprocess(listFromText, list);
};
/** A list of fixed words; `"a,b"` is the list `["a","b"]`. */
export const enumListArg = <const T extends readonly [string, ...string[]]>(values: T) => z.preprocess(listFromText, z.array(z.enum(values)));
/** A JSON object, also sent as its text. */
export const objectArg = () => z.preprocess(objectFromText, z.record(z.string(), z.unknown()));
/** One text, or a list joined with commas (`["name","-id"]` → `name,-id`). */
export const commaTextArg = () => z.preprocess((value) => (Array.isArray(value) ? value.map(String).join(',') : value), z.string());

export const objectTypeArg = z.string().min(1).describe('app.model, e.g. dcim.device, ipam.prefix');
export const filtersArg = objectArg()
  .optional()
  .describe('NetBox filters; names work for relations: {"site":"DC1","device__site":"DC1"}');
export const fieldsArg = stringListArg().optional().describe('Only these fields (columns); [] = all');
export const formatArg = z.enum(['compact', 'json']).optional().describe('compact table (default) or raw NetBox json');
