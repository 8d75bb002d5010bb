import type { Row } from '../../db/dataset.ts';
import type { FieldDef, FilterDef } from '../model-def.ts';
import { field } from '../field.ts';
import { parseCidr } from './cidr.ts';

export function familyOf(text: unknown): 4 | 6 | null {
  return typeof text === 'string' ? (parseCidr(text)?.family ?? null) : null;
}

/** `family` as NetBox's serializers show it: `{value: 4, label: "IPv4"}`, from the address column. */
export function familyField(column: string): FieldDef {
  return field.computed(
    'family',
    {
      type: 'object',
      properties: { value: { type: 'integer', enum: [4, 6] }, label: { type: 'string', enum: ['IPv4', 'IPv6'] } },
    },
    (row: Row) => {
      const family = familyOf(row[column]);
      return family === null ? null : { value: family, label: `IPv${family}` };
    },
  );
}

/** NetBox's `family` filter: a NumberFilter on the address's family, without lookups. */
export function familyFilter(column: string): FilterDef {
  return { name: 'family', type: 'number', values: (row: Row) => familyOf(row[column]), lookups: [] };
}

/** The mask length of an address column, for `mask_length` and its `__gte`/`__lte`. */
export function maskLengthFilter(column: string): FilterDef {
  return {
    name: 'mask_length',
    type: 'number',
    values: (row: Row) => (typeof row[column] === 'string' ? (parseCidr(row[column])?.prefixLength ?? null) : null),
    lookups: ['gte', 'lte'],
  };
}
