/** A NetBox choice (`{value, label}`) or a bare value, as its value: `active`, `create`. Nothing is ''. */
export function choiceValue(value: unknown): string {
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return value === null || value === undefined ? '' : String(value);
}
