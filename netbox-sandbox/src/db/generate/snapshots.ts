import type { Row } from '../dataset.ts';
import { FOREIGN_KEYS } from './foreign-keys.ts';
import type { ColumnSpec, DatasetBuilder } from './table-builder.ts';
import { formatDjangoTimestamp, parseTimestamp } from './timestamps.ts';


const MPTT_COLUMNS: ReadonlySet<string> = new Set(['lft', 'rght', 'tree_id', 'level']);
const TIMESTAMP_COLUMNS: ReadonlySet<string> = new Set(['created', 'last_updated']);

/** Many-to-many fields Django's serializer adds, with the through table and its two columns. */
const MANY_TO_MANY: Readonly<Record<string, readonly (readonly [string, string, string, string])[]>> = {
  dcim_site: [['asns', 'dcim_site_asns', 'site_id', 'asn_id']],
  dcim_interface: [
    ['vdcs', '', '', ''],
    ['wireless_lans', '', '', ''],
    ['tagged_vlans', 'dcim_interface_tagged_vlans', 'interface_id', 'vlan_id'],
  ],
  virtualization_vminterface: [['tagged_vlans', 'virtualization_vminterface_tagged_vlans', 'vminterface_id', 'vlan_id']],
  ipam_vrf: [
    ['import_targets', 'ipam_vrf_import_targets', 'vrf_id', 'routetarget_id'],
    ['export_targets', 'ipam_vrf_export_targets', 'vrf_id', 'routetarget_id'],
  ],
  circuits_provider: [['asns', 'circuits_provider_asns', 'provider_id', 'asn_id']],
};

/** Tables whose models have no tags. */
const UNTAGGED: ReadonlySet<string> = new Set(['dcim_cabletermination', 'dcim_cablepath']);

function clone(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * NetBox's `serialize_object` form of a row, as stored in change records: Django serializer field names
 * (foreign keys without `_id`), no private `_` fields or MPTT bookkeeping, decimals as strings, times in
 * Django's JSON form, `custom_fields` and sorted tag names at the end.
 */
export class Snapshotter {
  private readonly m2mIndex = new Map<string, Map<unknown, unknown[]>>();

  private readonly db: DatasetBuilder;
  private readonly tagsOf: (table: string, id: unknown) => string[];

  constructor(
    db: DatasetBuilder,
    tagsOf: (table: string, id: unknown) => string[],
  ) {
    this.db = db;
    this.tagsOf = tagsOf;
  }

  private m2m(through: string, ownColumn: string, otherColumn: string, id: unknown): unknown[] {
    if (!through) return [];
    const key = `${through}:${ownColumn}`;
    let index = this.m2mIndex.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.db.rows(through)) {
        const list = index.get(row[ownColumn]) ?? [];
        list.push(row[otherColumn]);
        index.set(row[ownColumn], list);
      }
      this.m2mIndex.set(key, index);
    }
    return [...(index.get(id) ?? [])].sort((a, b) => Number(a) - Number(b));
  }

  snapshot(table: string, row: Row, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const columns: readonly ColumnSpec[] = this.db.table(table).columns;
    const foreignKeys = FOREIGN_KEYS[table] ?? {};
    const out: Record<string, unknown> = {};
    let customFields: unknown = undefined;
    for (const column of columns) {
      const name = column.name;
      const value = row[name];
      if (name === 'id' || name.startsWith('_') || MPTT_COLUMNS.has(name)) continue;
      if (name === 'custom_field_data') {
        customFields = clone(value);
        continue;
      }
      let key = name;
      // Django names a foreign key field without the `_id` of its column.
      if (name in foreignKeys) key = name.slice(0, -3);
      let out_value: unknown = clone(value);
      if (TIMESTAMP_COLUMNS.has(name) && typeof value === 'string') out_value = formatDjangoTimestamp(parseTimestamp(value));
      else if (column.numericScale !== undefined && typeof value === 'number') out_value = value.toFixed(column.numericScale);
      out[key] = out_value;
    }
    for (const [field, through, own, other] of MANY_TO_MANY[table] ?? []) out[field] = this.m2m(through, own, other, row.id);
    Object.assign(out, extra);
    if (customFields !== undefined) out.custom_fields = customFields;
    if (!UNTAGGED.has(table)) out.tags = this.tagsOf(table, row.id);
    return out;
  }
}
