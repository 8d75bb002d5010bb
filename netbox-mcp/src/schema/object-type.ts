/** How a serializer field reads, as far as compacting and filtering care. */
export type FieldKind = 'scalar' | 'fk' | 'many' | 'choice' | 'object';

export interface FieldInfo {
  readonly name: string;
  readonly kind: FieldKind;
  /** `fk` and `many`: the related object type (`dcim.site`), when the schema names one we know. */
  readonly target?: string;
  /** `choice`: the allowed values. */
  readonly choices?: readonly string[];
}

export type ParamType = 'string' | 'integer' | 'number' | 'boolean';

export interface FilterParam {
  /** The query parameter as NetBox names it: `site_id`, `name__ic`. */
  readonly name: string;
  readonly type: ParamType;
  /** Whether it takes several values (`?site=a&site=b`). */
  readonly multi: boolean;
  /** Choice values, when the schema lists them. */
  readonly choices?: readonly string[];
  readonly description?: string;
}

export interface ObjectType {
  /** `app.model`, the form the official NetBox MCP server and NetBox's content types use: `dcim.device`. */
  readonly key: string;
  readonly app: string;
  /** URL segment: `devices`, `ip-addresses`. */
  readonly slug: string;
  /** API list path: `/api/dcim/devices/`, `/api/plugins/bgp/sessions/`. */
  readonly listPath: string;
  readonly plugin: boolean;
  readonly fields: ReadonlyMap<string, FieldInfo>;
  readonly filters: ReadonlyMap<string, FilterParam>;
}

/** Query parameters that steer a list rather than filter it; not filters, never "unknown". */
export const CONTROL_PARAMS = new Set(['limit', 'offset', 'ordering', 'fields', 'omit', 'brief', 'exclude', 'format', 'start']);

/** NetBox's lookup suffixes (`name__ic`). `in` is ours: rewritten to repeated keys. */
export const LOOKUPS = new Set(['n', 'ic', 'nic', 'ie', 'nie', 'iew', 'niew', 'isw', 'nisw', 'empty', 'regex', 'iregex', 'lt', 'lte', 'gt', 'gte', 'in']);
