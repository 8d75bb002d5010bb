import type { Row } from '../db/dataset.ts';
import type { ApiContext } from '../models/model-def.ts';

interface CustomFieldInfo {
  readonly name: string;
  readonly type: string;
  readonly relatedObjectType: string | undefined;
}

const cache = new WeakMap<object, Map<string, readonly CustomFieldInfo[]>>();

/** The custom fields defined for a model, in NetBox's order (group, weight, name). */
export function customFieldsOf(ctx: ApiContext, key: string): readonly CustomFieldInfo[] {
  let perDb = cache.get(ctx.db);
  if (!perDb) {
    perDb = new Map();
    cache.set(ctx.db, perDb);
  }
  const known = perDb.get(key);
  if (known) return known;
  const typeId = ctx.db.contentTypeId(key);
  const fields = ctx.db
    .where('extras_customfield_object_types', 'objecttype_id', typeId)
    .map((link) => ctx.db.get('extras_customfield', link.customfield_id))
    .filter((cf): cf is Row => cf !== undefined)
    .sort(
      (a, b) =>
        String(a.group_name ?? '').localeCompare(String(b.group_name ?? '')) ||
        Number(a.weight ?? 100) - Number(b.weight ?? 100) ||
        String(a.name).localeCompare(String(b.name)),
    )
    .map((cf) => ({
      name: String(cf.name),
      type: String(cf.type),
      relatedObjectType: ctx.db.contentTypeKey(cf.related_object_type_id),
    }));
  perDb.set(key, fields);
  return fields;
}

/** `custom_fields` as NetBox shows it: every field defined for the model, null where the object has no value. */
export function customFieldValues(ctx: ApiContext, key: string, row: Row): Record<string, unknown> {
  const data = (row.custom_field_data ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const cf of customFieldsOf(ctx, key)) {
    const raw = data[cf.name] ?? null;
    if (raw !== null && cf.type === 'object' && cf.relatedObjectType) {
      out[cf.name] = ctx.nested(cf.relatedObjectType as `${string}.${string}`, raw as number);
    } else if (raw !== null && cf.type === 'multiobject' && cf.relatedObjectType && Array.isArray(raw)) {
      out[cf.name] = raw.map((id) => ctx.nested(cf.relatedObjectType as `${string}.${string}`, id as number));
    } else {
      out[cf.name] = raw;
    }
  }
  return out;
}
