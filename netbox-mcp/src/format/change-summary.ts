import { choiceValue } from './choice-value.ts';

/** What a summary needs to know beyond the change record: which fields are references, and their names. */
export interface SummaryLookups {
  /** The object type a field of `objectType` refers to (`site` of dcim.device → dcim.site), if it is a reference. */
  fkTarget(objectType: string, field: string): string | undefined;
  /** A referenced object's name, when it has been looked up. */
  nameOf(target: string, id: number): string | undefined;
}

/** A NetBox ObjectChange as the API returns it; `action`, `changed_object_type`, the snapshots and `message` are read. */
export type ChangeRecord = Readonly<Record<string, unknown>>;

/** Bookkeeping that changes with every save and says nothing about what was changed. */
const IGNORED = new Set(['last_updated', 'created']);
/** Fields that say what a new or removed object was, most telling first. */
const KEY_FIELDS = ['status', 'role', 'site', 'device', 'virtual_machine', 'circuit', 'device_type', 'type', 'cluster', 'tenant', 'vrf', 'vid', 'dns_name', 'description'];
const MAX_VALUE = 40;
const EMPTY = '∅';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One line for one change: `status: planned→active; serial: A→B` for an update, `created: status=active, site=X`
 * for a create. Snapshots hold references as ids; they read as names where `lookups` knows them.
 */
export function summarizeChange(change: ChangeRecord, lookups: SummaryLookups, maxFields = 6): string {
  const action = choiceValue(change.action);
  const type = String(change.changed_object_type ?? '');
  const pre = isRecord(change.prechange_data) ? change.prechange_data : {};
  const post = isRecord(change.postchange_data) ? change.postchange_data : {};
  const parts: string[] = [];
  if (action === 'create' || action === 'delete') {
    const facts = keyFacts(type, action === 'create' ? post : pre, lookups);
    parts.push(`${action === 'create' ? 'created' : 'deleted'}${facts.length ? `: ${facts.join(', ')}` : ''}`);
  } else {
    const diffs = fieldDiffs(type, pre, post, lookups);
    const shown = diffs.slice(0, maxFields);
    if (diffs.length > maxFields) shown.push(`+${diffs.length - maxFields} more fields`);
    parts.push(shown.length ? shown.join('; ') : 'no field changes');
  }
  const message = typeof change.message === 'string' ? change.message.trim() : '';
  if (message) parts.push(`msg: ${clip(message, 60)}`);
  return parts.join('; ');
}

/**
 * A snapshot as compact JSON: what the object held, without empty values, `last_updated` and the cached
 * component counters (`interface_count`), which nobody edits and which cost a line of tokens per change.
 */
export function compactSnapshot(data: unknown): string | undefined {
  if (!isRecord(data)) return undefined;
  const out: Json = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'last_updated' || (key.endsWith('_count') && typeof value === 'number')) continue;
    const kept = isRecord(value) ? dropEmpty(value) : value;
    if (!isEmpty(kept)) out[key] = kept;
  }
  return JSON.stringify(out);
}

function fieldDiffs(type: string, pre: Json, post: Json, lookups: SummaryLookups): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(post), ...Object.keys(pre)])) {
    if (IGNORED.has(key)) continue;
    const before = pre[key];
    const after = post[key];
    if (key === 'custom_fields' && (isRecord(before) || isRecord(after))) {
      const b = isRecord(before) ? before : {};
      const a = isRecord(after) ? after : {};
      for (const cf of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const diff = diffOne(`cf_${cf}`, b[cf], a[cf], undefined, lookups);
        if (diff) out.push(diff);
      }
      continue;
    }
    const diff = diffOne(key, before, after, lookups.fkTarget(type, key), lookups);
    if (diff) out.push(diff);
  }
  return out;
}

function diffOne(field: string, before: unknown, after: unknown, target: string | undefined, lookups: SummaryLookups): string | undefined {
  if (identity(before) === identity(after)) return undefined;
  if (Array.isArray(before) || Array.isArray(after)) return listDiff(field, asList(before), asList(after), target, lookups);
  const from = show(before, target, lookups);
  const to = show(after, target, lookups);
  if (from === undefined || to === undefined) return `${field} changed`;
  return `${field}: ${from}→${to}`;
}

/** Lists (tags, tagged VLANs) read as what was added and removed, not as two long lists. */
function listDiff(field: string, before: unknown[], after: unknown[], target: string | undefined, lookups: SummaryLookups): string {
  const beforeIds = new Set(before.map(identity));
  const afterIds = new Set(after.map(identity));
  const added = after.filter((v) => !beforeIds.has(identity(v))).map((v) => `+${show(v, target, lookups) ?? '?'}`);
  const removed = before.filter((v) => !afterIds.has(identity(v))).map((v) => `−${show(v, target, lookups) ?? '?'}`);
  const items = [...added, ...removed];
  return items.length ? `${field}: ${items.join(' ')}` : `${field}: reordered`;
}

function keyFacts(type: string, data: Json, lookups: SummaryLookups): string[] {
  const facts: string[] = [];
  for (const key of KEY_FIELDS) {
    if (facts.length >= 3) break;
    if (isEmpty(data[key])) continue;
    const value = show(data[key], lookups.fkTarget(type, key), lookups);
    if (value !== undefined) facts.push(`${key}=${value}`);
  }
  return facts;
}

/** A short readable value, or undefined for structures too big for one cell. */
function show(value: unknown, target: string | undefined, lookups: SummaryLookups): string | undefined {
  if (isEmpty(value)) return EMPTY;
  if (typeof value === 'number' && target) return lookups.nameOf(target, value) ?? `#${value}`;
  if (typeof value === 'string') return clip(value, MAX_VALUE);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    const label = value.name ?? value.display ?? value.value ?? (typeof value.id === 'number' ? `#${value.id}` : undefined);
    return label === undefined || label === null ? undefined : clip(String(label), MAX_VALUE);
  }
  return undefined;
}

/** What makes two values the same: nested objects by id (or name), empties all alike, the rest by content. */
function identity(value: unknown): string {
  if (isEmpty(value)) return '';
  if (isRecord(value)) {
    if (typeof value.id === 'number') return `#${value.id}`;
    if (typeof value.name === 'string') return `name:${value.name}`;
  }
  return stableJson(value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isEmpty(value) ? [] : [value];
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isRecord(value) && Object.keys(value).length === 0;
}

function dropEmpty(record: Json): Json {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => !isEmpty(v)));
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
