import type { FilterDef, FilterType } from '../models/model-def.ts';

const TEXT = ['n', 'ic', 'nic', 'ie', 'nie', 'isw', 'nisw', 'iew', 'niew', 'regex', 'iregex', 'empty'] as const;
const COMPARE = ['n', 'lt', 'lte', 'gt', 'gte', 'empty'] as const;

/** The lookup suffixes NetBox's filterset generation adds for each filter type. */
const LOOKUPS_BY_TYPE: Record<FilterType, readonly string[]> = {
  string: TEXT,
  choice: TEXT,
  number: COMPARE,
  datetime: COMPARE,
  date: COMPARE,
  boolean: [],
  model: ['n'],
  search: [],
  custom: [],
};

export function lookupsOf(filter: FilterDef): readonly string[] {
  return filter.lookups ?? LOOKUPS_BY_TYPE[filter.type];
}

/** Every query parameter name a filter answers to: `name`, `name__ic`, … */
export function parameterNames(filter: FilterDef): string[] {
  return [filter.name, ...lookupsOf(filter).map((l) => `${filter.name}__${l}`)];
}
