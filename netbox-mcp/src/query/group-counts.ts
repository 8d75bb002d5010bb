import type { QueryScalar } from '../client/query-string.ts';
import { compactValue } from '../format/compact-value.ts';
import type { GroupField } from './group-fields.ts';

export const NONE_LABEL = '(none)';

/** One group: its label per group_by field, how many objects, and the filter values that select it. */
export interface GroupBucket {
  readonly labels: readonly string[];
  readonly count: number;
  /** Per field, the value of its filter for this group (`site_id` → 3); undefined where none applies. */
  readonly filterValues: readonly (QueryScalar | undefined)[];
}

interface Value {
  /** Identity: two sites may share a name, never an id. */
  readonly key: string;
  readonly label: string;
  readonly filterValue: QueryScalar | undefined;
  readonly id: number | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Counts rows per combination of field values. A list value (tags, a multi-select custom field) puts the
 * row in one group per item; an empty one in `(none)`.
 */
export function countGroups(rows: readonly Readonly<Record<string, unknown>>[], fields: readonly GroupField[]): { buckets: GroupBucket[]; multiValued: boolean } {
  const buckets = new Map<string, { values: Value[]; count: number }>();
  let multiValued = false;
  for (const row of rows) {
    const raw = fields.map((field) => valueAt(row, field.path));
    multiValued ||= raw.some(Array.isArray);
    const perField = fields.map((field, i) => valuesOf(raw[i], field));
    for (const combination of product(perField)) {
      const key = combination.map((v) => v.key).join('\u0000');
      const bucket = buckets.get(key) ?? { values: combination, count: 0 };
      bucket.count++;
      buckets.set(key, bucket);
    }
  }
  const list = [...buckets.values()];
  const labelsPerField = fields.map((_, i) => disambiguate(list.map((b) => b.values[i]!)));
  const sorted = list
    .map((b) => ({
      labels: b.values.map((v, i) => labelsPerField[i]!.get(v.key) ?? v.label),
      count: b.count,
      filterValues: b.values.map((v) => v.filterValue),
    }))
    .sort((a, b) => b.count - a.count || a.labels.join(' ').localeCompare(b.labels.join(' '), undefined, { numeric: true }));
  return { buckets: sorted, multiValued };
}

function valueAt(row: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = row;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function valuesOf(value: unknown, field: GroupField): Value[] {
  const items = Array.isArray(value) ? value : [value];
  const out = items.map((item) => one(item, field)).filter((v): v is Value => v !== undefined);
  return out.length ? out : [{ key: 'none', label: NONE_LABEL, filterValue: field.related ? 'null' : undefined, id: undefined }];
}

function one(item: unknown, field: GroupField): Value | undefined {
  const label = compactValue(item);
  if (label === undefined) return undefined;
  if (isRecord(item)) {
    if (typeof item.id === 'number') return { key: `#${item.id}`, label: String(label), filterValue: field.filter ? item.id : undefined, id: item.id };
    const choice = item.value;
    if (typeof choice === 'string' || typeof choice === 'number' || typeof choice === 'boolean') {
      return { key: `=${String(choice)}`, label: String(label), filterValue: field.filter ? choice : undefined, id: undefined };
    }
  }
  const scalar = typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? item : undefined;
  return { key: `=${String(label)}`, label: String(label), filterValue: field.filter ? scalar : undefined, id: undefined };
}

function product(lists: readonly Value[][]): Value[][] {
  return lists.reduce<Value[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

/** Labels shared by different objects (two device types called "Panel") get their ids. */
function disambiguate(values: readonly Value[]): Map<string, string> {
  const keysPerLabel = new Map<string, Set<string>>();
  for (const v of values) (keysPerLabel.get(v.label) ?? keysPerLabel.set(v.label, new Set()).get(v.label)!).add(v.key);
  const labels = new Map<string, string>();
  for (const v of values) labels.set(v.key, (keysPerLabel.get(v.label)?.size ?? 0) > 1 && v.id !== undefined ? `${v.label} (#${v.id})` : v.label);
  return labels;
}
