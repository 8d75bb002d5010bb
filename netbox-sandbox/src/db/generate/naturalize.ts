/**
 * NetBox's natural-sort keys (`utilities/ordering.py`), stored in the `_name` columns of interfaces,
 * interface templates and VM interfaces. The API orders those tables by `_name`.
 */

const INTERFACE_NAME =
  /^(?<type>[^\d.:]+)?(?:(?<slot>\d+)\/)?(?:(?<subslot>\d+)\/)?(?:(?<position>\d+)\/)?(?:(?<subposition>\d+)\/)?(?<id>\d+)?(?::(?<channel>\d+))?(?:\.(?<vc>\d+))?(?<remainder>.*)$/s;

export function naturalize(value: string, maxLength: number, integerPlaces = 8): string {
  if (!value) return value;
  let out = '';
  for (const segment of value.split(/(\d+)/)) {
    if (/^\d+$/.test(segment)) out += segment.padStart(integerPlaces, '0');
    else out += segment;
  }
  return out.slice(0, maxLength);
}

export function naturalizeInterface(value: string, maxLength = 100): string {
  const match = INTERFACE_NAME.exec(value);
  const groups = match?.groups;
  if (!groups) return value;
  let out = '';
  for (const part of ['slot', 'subslot', 'position', 'subposition']) {
    const v = groups[part];
    out += v === undefined ? '9999' : v.padStart(4, '0');
  }
  if (groups.type !== undefined) out += groups.type;
  for (const part of ['id', 'channel', 'vc']) {
    const v = groups[part];
    out += v === undefined ? '......' : v.padStart(6, '0');
  }
  const remainder = groups.remainder;
  if (remainder !== undefined && out.length < maxLength) out += naturalize(remainder, maxLength - out.length);
  return out.slice(0, maxLength);
}
