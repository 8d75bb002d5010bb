/**
 * One NetBox object as its own JSON, within the budget: when it is too big, whole top-level fields are dropped
 * from the end (never a value cut in half, so the text still parses) and `_truncated` names them.
 */
export function fitJsonObject(object: Readonly<Record<string, unknown>>, budget: number): { text: string; truncated: boolean } {
  const whole = JSON.stringify(object);
  if (whole.length <= budget) return { text: whole, truncated: false };
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  // Room for the `_truncated` note, which names every dropped field.
  let used = 200 + Object.keys(object).reduce((n, key) => n + key.length + 2, 0);
  for (const [key, value] of Object.entries(object)) {
    const size = key.length + JSON.stringify(value ?? null).length + 4;
    if (used + size > budget && Object.keys(kept).length > 0) {
      dropped.push(key);
      continue;
    }
    used += size;
    kept[key] = value;
  }
  kept._truncated = `dropped ${dropped.join(', ')} to stay within ${budget} characters; ask for those fields by name`;
  return { text: JSON.stringify(kept), truncated: true };
}
