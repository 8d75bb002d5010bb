import type { Row } from '../db/dataset.ts';
import type { Database } from '../db/database.ts';

/** `app_label.model`, NetBox's content type name: `dcim.device`. */
export type ModelKey = `${string}.${string}`;

/** NetBox choice sets: `[value, label]` pairs in NetBox's order. */
export type ChoiceSet = readonly (readonly [string, string])[];

/** A fragment of JSON Schema (OpenAPI 3.0 flavour) for fields whose shape is not implied by their kind. */
export type JsonSchema = Record<string, unknown>;

/** What every serializer and filter needs: the data and how to build URLs. */
export interface ApiContext {
  readonly db: Database;
  /** Origin NetBox's URLs start with, e.g. `http://127.0.0.1:8001` (no trailing slash). */
  readonly baseUrl: string;
  /** Looks up another model's definition (FK targets, generic relations). */
  model(key: ModelKey): ModelDef;
  /**
   * The nested (brief) representation of another object, as NetBox shows related objects. `fields` replaces the
   * brief fields where NetBox uses a dedicated nested serializer (NestedRegionSerializer) or `fields=(…)`.
   */
  nested(
    key: ModelKey,
    id: number | null | undefined,
    extra?: readonly string[],
    fields?: readonly string[],
  ): Record<string, unknown> | null;
}

export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'date' | 'json' | 'string[]' | 'integer[]';

interface FieldBase {
  /** The key in the API output. */
  readonly name: string;
  readonly nullable?: boolean;
}

interface ColumnDefault {
  /**
   * The value of a column the data lacks because it is newer than the data (a 4.2 dump served as 4.6): what
   * NetBox's migration would have filled in.
   */
  readonly default?: unknown;
}

/**
 * One key of a serializer's output, in serializer order. The kind says how to compute it from the DB row,
 * and also how to describe it in the sandbox's OpenAPI document.
 */
export type FieldDef =
  | (FieldBase & { readonly kind: 'id' | 'url' | 'display_url' | 'display' })
  | (FieldBase & ColumnDefault & {
      readonly kind: 'value';
      readonly column: string;
      readonly type: ValueType;
      /** Shows an empty string as null, as NetBox does for time zones and a few other nullable text fields. */
      readonly emptyAsNull?: boolean;
    })
  | (FieldBase & {
      readonly kind: 'fk';
      readonly column: string;
      readonly target: ModelKey;
      readonly extra?: readonly string[];
      /** The nested serializer's own field set, instead of the target's brief fields. */
      readonly nested?: readonly string[];
    })
  | (FieldBase & ColumnDefault & { readonly kind: 'choice'; readonly column: string; readonly choices: ChoiceSet })
  /** Related-object counts: shown on the object and with `?brief`, dropped when nested (NetBox 4.6, #22154). */
  | (FieldBase & { readonly kind: 'count'; readonly compute: (row: Row, ctx: ApiContext) => number })
  | (FieldBase & { readonly kind: 'tags' })
  | (FieldBase & { readonly kind: 'custom_fields' })
  /** A GenericForeignKey: a content type column and an id column, shown as the target's nested form. */
  | (FieldBase & { readonly kind: 'generic'; readonly typeColumn: string; readonly idColumn: string })
  /** A content type column shown as `app_label.model`. */
  | (FieldBase & { readonly kind: 'object_type'; readonly column: string })
  /** Many related objects shown as a list of their nested forms. */
  | (FieldBase & {
      readonly kind: 'many';
      readonly target: ModelKey;
      readonly ids: (row: Row, ctx: ApiContext) => readonly number[];
      readonly nested?: readonly string[];
      /** Whole objects, as a related serializer declared without `nested=True` writes them (VRF.import_targets). */
      readonly full?: boolean;
    })
  | (FieldBase & {
      readonly kind: 'computed';
      readonly compute: (row: Row, ctx: ApiContext) => unknown;
      readonly schema: JsonSchema;
    });

export type FieldKind = FieldDef['kind'];

/**
 * How a filter's value is typed decides its lookups, as NetBox's filterset generation does:
 * strings and choices get the text lookups, numbers and dates the comparisons, models only `__n`.
 */
export type FilterType = 'string' | 'choice' | 'number' | 'datetime' | 'date' | 'boolean' | 'model' | 'search' | 'custom';

export interface FilterDef {
  /** The query parameter without lookup suffix: `site`, `site_id`, `name`, `tag`, `q`. */
  readonly name: string;
  readonly type: FilterType;
  /** The row's value(s) this filter compares against; for `model` filters, the related object id(s). */
  readonly values: (row: Row, ctx: ApiContext) => unknown;
  /** `model` filters: the related model, and which of its fields the query value names. */
  readonly target?: ModelKey;
  readonly by?: string;
  /** `model` filters over a tree (regions, site groups, locations, tenant groups…): a value matches its descendants too. */
  readonly tree?: boolean;
  /** `choice` filters: exact values must be one of these. */
  readonly choices?: ChoiceSet;
  /** Several values must all match (NetBox's `tag` filter), instead of any. */
  readonly conjoined?: boolean;
  /** Override of the lookups NetBox generates for this type. */
  readonly lookups?: readonly string[];
  /**
   * `custom` filters (prefix `within`, IP `parent`, object change `time_after`…): whether a row matches the
   * query's values. Throw a FilterValueError for a value NetBox would reject with a 400.
   */
  readonly match?: (row: Row, values: readonly string[], ctx: ApiContext, lookup: string) => boolean;
  /** `custom` filters: the parameter's JSON type in the schema. */
  readonly paramType?: 'string' | 'integer' | 'boolean' | 'number';
  /** The description NetBox's schema gives the parameter, for our `/api/schema/`. */
  readonly description?: string;
}

export interface ModelDef {
  readonly key: ModelKey;
  /** URL segment under `/api/<app>/`: `devices`, `ip-addresses`. */
  readonly path: string;
  /** NetBox's table: `dcim_device`. */
  readonly table: string;
  /** OpenAPI component name of the full serializer: `Site`, `DeviceWithConfigContext`. */
  readonly schemaName: string;
  /** Human name for docs and errors: `device`. */
  readonly verboseName: string;
  readonly fields: readonly FieldDef[];
  /** `Meta.brief_fields`; output keeps `fields` order. */
  readonly brief: readonly string[];
  readonly display: (row: Row, ctx: ApiContext) => string;
  /** Default ordering as NetBox's `Meta.ordering`: column names, `-` for descending. */
  readonly ordering: readonly string[];
  /**
   * Sort values for ordering terms whose database order is not their text's order: `inet`/`cidr` columns
   * (10.2.0.0/16 before 10.10.0.0/16), or a relation ordered by the related model's ordering.
   */
  readonly sortKeys?: Readonly<Record<string, (row: Row, ctx: ApiContext) => unknown>>;
  readonly filters: readonly FilterDef[];
  /** Columns `q` searches (icontains), and exact-match columns NetBox's search adds (ids, addresses). */
  readonly search: readonly string[];
}
