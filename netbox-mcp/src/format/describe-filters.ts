import type { Catalog } from '../schema/catalog.ts';
import { CONTROL_PARAMS, LOOKUPS, type FilterParam, type ObjectType } from '../schema/object-type.ts';

/** The two lookup sets nearly every filter has, written once in a legend instead of on every line. */
export const TEXT_LOOKUPS = ['n', 'ic', 'nic', 'ie', 'nie', 'isw', 'nisw', 'iew', 'niew', 'regex', 'iregex', 'empty'];
export const COMPARE_LOOKUPS = ['n', 'lt', 'lte', 'gt', 'gte', 'empty'];

export const LOOKUP_LEGEND =
  `Lookups (append __<lookup> to the name): [text] = ${TEXT_LOOKUPS.join(' ')}; [cmp] = ${COMPARE_LOOKUPS.join(' ')}. ` +
  'Filters marked → take a name, slug or id of that type. Any filter + __in takes a list. ' +
  'Across a relation: <related filter>__<its filter>, e.g. device__site.';

interface FilterGroup {
  readonly key: string;
  readonly lookups: Set<string>;
  target?: ObjectType;
  param?: FilterParam;
}

/**
 * One line per filter base name (`name [text]`, `site → dcim.site [n]`, `status [text]: active, planned…`):
 * NetBox's 200-odd filter parameters per type read as one short list.
 */
export function filterLines(type: ObjectType, catalog: Catalog): string[] {
  const groups = new Map<string, FilterGroup>();
  for (const [name, param] of type.filters) {
    if (CONTROL_PARAMS.has(name)) continue;
    const at = name.lastIndexOf('__');
    const suffix = at > 0 ? name.slice(at + 2) : '';
    const lookup = suffix && suffix !== 'in' && LOOKUPS.has(suffix) ? suffix : '';
    const base = lookup ? name.slice(0, at) : name;
    const related = relatedBase(type, catalog, base);
    const key = related?.key ?? base;
    const group = groups.get(key) ?? { key, lookups: new Set<string>() };
    if (related) group.target = related.target;
    if (lookup) group.lookups.add(lookup);
    // The plain parameter says the value type; failing that a lookup of it (never __empty, always boolean).
    if (!lookup) group.param = param;
    else if (lookup !== 'empty') group.param ??= param;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)).map(line);
}

/** `site_id` and `site` are one filter for the model: our planner turns names into ids. */
function relatedBase(type: ObjectType, catalog: Catalog, base: string): { key: string; target: ObjectType } | undefined {
  const key = base.endsWith('_id') ? base.slice(0, -3) : base;
  if (!type.filters.has(`${key}_id`)) return undefined;
  const target = catalog.filterTarget(type, key);
  return target ? { key, target } : undefined;
}

function line(group: FilterGroup): string {
  if (group.key === 'q') return 'q: free-text search';
  const lookups = lookupText(group.lookups);
  if (group.target) return `${group.key} → ${group.target.key}${lookups}`;
  const param = group.param;
  const kind = param?.type === 'boolean' ? ': true/false' : param?.type === 'integer' || param?.type === 'number' ? ' (number)' : '';
  const choices = param?.choices?.length ? `: ${param.choices.join(', ')}` : '';
  return `${group.key}${lookups}${kind}${choices}`;
}

function lookupText(lookups: ReadonlySet<string>): string {
  if (lookups.size === 0) return '';
  const same = (set: readonly string[]): boolean => set.length === lookups.size && set.every((l) => lookups.has(l));
  if (same(TEXT_LOOKUPS)) return ' [text]';
  if (same(COMPARE_LOOKUPS)) return ' [cmp]';
  const order = [...new Set([...TEXT_LOOKUPS, ...COMPARE_LOOKUPS])];
  return ` [${[...lookups].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(' ')}]`;
}

/** Fields as the model meets them in rows: `site→dcim.site`, `tags→extras.tag[]`, `status (choice)`. */
export function fieldText(type: ObjectType): string {
  const parts: string[] = [];
  for (const field of type.fields.values()) {
    if (field.name === 'url' || field.name === 'display_url') continue;
    if (field.kind === 'fk') parts.push(field.target ? `${field.name}→${field.target}` : field.name);
    else if (field.kind === 'many') parts.push(field.target ? `${field.name}→${field.target}[]` : `${field.name}[]`);
    else if (field.kind === 'choice') parts.push(`${field.name} (choice)`);
    else parts.push(field.name);
  }
  return parts.join(', ');
}
