import { closest } from '../schema/did-you-mean.ts';
import type { ObjectType } from '../schema/object-type.ts';

/**
 * Asked-for fields the type does not have, each with what to say about it: NetBox ignores them in `fields=`,
 * so without a word the model would read their emptiness as "not recorded".
 */
export function unknownFieldNotes(type: ObjectType, fields: readonly string[] | undefined): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const field of fields ?? []) {
    if (type.fields.has(field) || field.startsWith('cf_')) continue;
    const near = closest(field, type.fields.keys(), 2);
    notes[field] = `${type.key} has no field '${field}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''}`;
  }
  return notes;
}
