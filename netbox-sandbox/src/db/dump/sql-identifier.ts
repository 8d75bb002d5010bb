/**
 * pg_dump quotes identifiers that collide with keywords (`"position"`, `"timestamp"`), and the sandbox wants
 * the bare names the Django models use, so every name read from the dump goes through here.
 */

/** `"position"` → `position`, `"a""b"` → `a"b`; unquoted names pass through unchanged. */
export function unquoteIdentifier(raw: string): string {
  const name = raw.trim();
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    return name.slice(1, -1).replaceAll('""', '"');
  }
  return name;
}

/**
 * Splits `a, "b,c", d` on the commas that are outside double quotes, because a quoted column name may
 * contain a comma.
 */
export function splitIdentifierList(list: string): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of list) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      names.push(unquoteIdentifier(current));
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') names.push(unquoteIdentifier(current));
  return names;
}

/**
 * `public.dcim_device` → `dcim_device`. NetBox lives in `public`, and the sandbox addresses tables by their
 * Django names; tables in any other schema keep their `schema.` prefix so they cannot shadow NetBox's.
 */
export function tableName(qualified: string): string {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of qualified.trim()) {
    if (ch === '"') quoted = !quoted;
    if (ch === '.' && !quoted) {
      parts.push(unquoteIdentifier(current));
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(unquoteIdentifier(current));
  if (parts.length === 2 && parts[0] === 'public') return parts[1] as string;
  return parts.join('.');
}
