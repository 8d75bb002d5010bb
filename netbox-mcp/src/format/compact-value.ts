export type Cell = string | number | boolean;

/** Keys that name an object, most telling first. */
const LABEL_KEYS = ['name', 'display', 'address', 'prefix', 'cid', 'model', 'vid', 'slug', 'username', 'label'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One cell for any NetBox value: a nested object becomes its name (an interface with its device, so cable
 * peers read `sw-01 eth1`), a choice its value, a list its joined items. Empty values become undefined.
 */
export function compactValue(value: unknown): Cell | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const items = value.map(compactValue).filter((v): v is Cell => v !== undefined);
    return items.length ? items.join(', ') : undefined;
  }
  if (isRecord(value)) return compactObjectLabel(value);
  return String(value);
}

function compactObjectLabel(value: Record<string, unknown>): Cell | undefined {
  if ('value' in value && 'label' in value && Object.keys(value).length <= 3) return compactValue(value.value);
  // A circuit termination reads as where it ends (its site or provider network), not "Termination A".
  if (isRecord(value.termination)) return compactObjectLabel(value.termination);
  const owner = isRecord(value.device) ? value.device : isRecord(value.virtual_machine) ? value.virtual_machine : undefined;
  const label = LABEL_KEYS.map((k) => value[k]).find((v) => v !== undefined && v !== null && v !== '');
  if (owner && label !== undefined) return `${compactValue(owner.name ?? owner.display)} ${String(label)}`;
  if (label !== undefined) return typeof label === 'object' ? compactValue(label) : (label as Cell);
  if ('id' in value && typeof value.id === 'number') return `#${value.id}`;
  const entries = Object.entries(value)
    .map(([k, v]) => [k, compactValue(v)] as const)
    .filter(([, v]) => v !== undefined);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
}
