import { compactValue, type Cell } from './compact-value.ts';

/** Fields that are noise in a table: links (we give one template instead), bookkeeping, bulky blobs. */
const TABLE_NOISE = new Set(['url', 'display_url', 'created', 'last_updated', 'comments', 'config_context', 'local_context_data', '_occupied', '_depth', 'primary_ip', 'airflow', 'vc_position', 'vc_priority', 'latitude', 'longitude']);
/** In a single object only links and blobs go. */
const OBJECT_NOISE = new Set(['url', 'display_url', 'config_context', '_occupied']);

export interface CompactOptions {
  /** Table rows drop counts and bookkeeping; a single object keeps them. */
  readonly mode: 'table' | 'object';
  /** Fields the model asked for by name are kept whatever the mode says, and shown when empty. */
  readonly keep?: ReadonlySet<string>;
}

/**
 * What an asked-for field shows when NetBox has nothing in it: the model must be able to say "no serial
 * recorded", which a missing cell does not let it tell from "not asked".
 */
export const EMPTY_CELL = '—';

/** Flattens one NetBox object into named cells; custom fields become `cf_<name>` cells. */
export function compactRow(object: Readonly<Record<string, unknown>>, options: CompactOptions): Record<string, Cell> {
  const noise = options.mode === 'table' ? TABLE_NOISE : OBJECT_NOISE;
  const row: Record<string, Cell> = {};
  const hasName = object.name !== undefined && object.name !== null && object.name !== '';
  for (const [key, value] of Object.entries(object)) {
    const asked = options.keep?.has(key) ?? false;
    if (!asked && (noise.has(key) || (key === 'display' && hasName))) continue;
    if (!asked && options.mode === 'table' && key.endsWith('_count')) continue;
    if (key === 'custom_fields' && value && typeof value === 'object') {
      for (const [cf, cfValue] of Object.entries(value)) {
        const cell = compactValue(cfValue);
        if (cell !== undefined) row[`cf_${cf}`] = cell;
      }
      continue;
    }
    const cell = compactValue(value);
    if (cell !== undefined) row[key] = cell;
  }
  // `display` only earns its column when nothing else names the object (`cid`, `address` often do).
  if (row.display !== undefined && !options.keep?.has('display') && Object.entries(row).some(([key, value]) => key !== 'display' && value === row.display)) delete row.display;
  for (const asked of options.keep ?? []) {
    const hasCustom = asked === 'custom_fields' && Object.keys(row).some((key) => key.startsWith('cf_'));
    if (row[asked] === undefined && !hasCustom) row[asked] = EMPTY_CELL;
  }
  return row;
}
