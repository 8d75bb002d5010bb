import type { Row } from '../db/dataset.ts';
import { deriveFilters } from './filter.ts';
import type { ApiContext, FieldDef, FilterDef, ModelDef, ModelKey } from './model-def.ts';

export interface ModelSpec {
  readonly key: ModelKey;
  readonly path: string;
  readonly table: string;
  readonly schemaName: string;
  readonly verboseName?: string;
  readonly fields: readonly FieldDef[];
  readonly brief: readonly string[];
  /** Defaults to the row's `name`. */
  readonly display?: (row: Row, ctx: ApiContext) => string;
  /** Defaults to `name`, then `id`. */
  readonly ordering?: readonly string[];
  readonly sortKeys?: ModelDef['sortKeys'];
  /** Filters NetBox declares by hand; a filter here replaces a derived one of the same name. */
  readonly filters?: readonly FilterDef[];
  /** Derived filters NetBox does not have for this model. */
  readonly noFilters?: readonly string[];
  /** Columns `q` searches; defaults to `name` and `description` where the model has them. */
  readonly search?: readonly string[];
}

const byName = (row: Row): string => String(row.name ?? row.id);

function defaultSearch(fields: readonly FieldDef[]): string[] {
  const names = new Set(fields.map((f) => f.name));
  return ['name', 'description'].filter((n) => names.has(n));
}

/** Turns a serializer-like spec into a ModelDef, deriving the filters NetBox's filterset would generate. */
export function defineModel(spec: ModelSpec): ModelDef {
  const explicit = spec.filters ?? [];
  const skip = new Set([...(spec.noFilters ?? []), ...explicit.map((f) => f.name)]);
  const search = spec.search ?? defaultSearch(spec.fields);
  const filters: FilterDef[] = [...deriveFilters(spec.key, spec.fields).filter((f) => !skip.has(f.name)), ...explicit];
  if (search.length > 0 && !skip.has('q')) {
    filters.push({ name: 'q', type: 'search', values: (row) => search.map((c) => row[c]), lookups: [] });
  }
  const hasName = spec.fields.some((f) => f.name === 'name');
  return {
    key: spec.key,
    path: spec.path,
    table: spec.table,
    schemaName: spec.schemaName,
    verboseName: spec.verboseName ?? spec.key.split('.')[1] ?? spec.key,
    fields: spec.fields,
    brief: spec.brief,
    display: spec.display ?? byName,
    ordering: spec.ordering ?? (hasName ? ['name', 'id'] : ['id']),
    ...(spec.sortKeys ? { sortKeys: spec.sortKeys } : {}),
    filters,
    search,
  };
}
