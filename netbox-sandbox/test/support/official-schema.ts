import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { sharedNetboxFile } from './shared-data.ts';

type Schema = Record<string, unknown>;
export interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { name: string }[]; responses?: Record<string, unknown> }>>;
  components: { schemas: Record<string, Schema> };
}

// ajv-formats ships CommonJS whose default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let cached: OpenApiDoc | null | undefined;

/** NetBox 4.6's official OpenAPI document, or null when `../shared/netbox` is not there. */
export function loadOfficialSchema(): OpenApiDoc | null {
  if (cached !== undefined) return cached;
  const file = sharedNetboxFile('openapi.json.gz');
  cached = file ? (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as OpenApiDoc) : null;
  return cached;
}

/** Query parameters the official schema lists for a GET path, e.g. `/api/dcim/devices/`. */
export function officialParameters(doc: OpenApiDoc, path: string): Set<string> | null {
  const op = doc.paths[path]?.get;
  return op ? new Set((op.parameters ?? []).map((p) => p.name)) : null;
}

function deref(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 10; i += 1) {
    if (typeof s.$ref === 'string') s = doc.components.schemas[s.$ref.split('/').pop() as string] as Schema;
    else if (Array.isArray(s.allOf) && s.allOf.length === 1) s = s.allOf[0] as Schema;
    else break;
  }
  return s;
}

/**
 * Key order: NetBox emits keys in serializer order, which is the order of `properties`. A top-level object
 * has every property; a nested one an ordered subset (4.6 drops relation counts from nested objects).
 */
function keyOrderErrors(doc: OpenApiDoc, schema: Schema, value: unknown, path: string, exact: boolean, out: string[]): void {
  const s = deref(doc, schema);
  if (Array.isArray(value)) {
    if (s.items) for (const [i, item] of value.entries()) keyOrderErrors(doc, s.items as Schema, item, `${path}[${i}]`, false, out);
    return;
  }
  if (value === null || typeof value !== 'object' || !s.properties) return;
  const props = Object.keys(s.properties as Schema).filter((k) => !((s.properties as Record<string, Schema>)[k]?.writeOnly));
  const keys = Object.keys(value);
  if (exact) {
    if (keys.join(',') !== props.join(',')) out.push(`${path}: keys ${keys.join(',')} != schema ${props.join(',')}`);
  } else {
    let at = 0;
    for (const k of keys) {
      const idx = props.indexOf(k, at);
      if (idx < 0) {
        out.push(`${path}: key ${k} out of order or not in schema (${props.join(',')})`);
        return;
      }
      at = idx + 1;
    }
  }
  for (const k of keys) {
    const propSchema = (s.properties as Record<string, Schema>)[k];
    if (propSchema) keyOrderErrors(doc, propSchema, (value as Record<string, unknown>)[k], `${path}.${k}`, false, out);
  }
}

export interface SchemaChecker {
  /** Errors of `value` against component `name`: JSON Schema violations and key-order differences. */
  check(name: string, value: unknown, options?: { exactKeys?: boolean }): string[];
  hasComponent(name: string): boolean;
}

/**
 * OpenAPI 3.0's `nullable` as JSON Schema: Ajv only takes `nullable` beside a `type`, and NetBox's schema
 * also writes it beside `allOf: [$ref]` and on untyped values.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' || k === 'schemas' ? mapValues(v, toJsonSchema) : toJsonSchema(v);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)]));
}

/**
 * The 4.6.0 schema still marks relation counts of Brief components required; 4.6 serves nested objects
 * without them (#22154, see shared/netbox/README.md), so they are made optional there.
 */
function relaxNestedCounts(components: OpenApiDoc['components']): OpenApiDoc['components'] {
  const schemas: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(components.schemas)) {
    schemas[name] =
      name.startsWith('Brief') && Array.isArray(schema.required)
        ? { ...schema, required: (schema.required as string[]).filter((r) => !r.endsWith('_count')) }
        : schema;
  }
  return { ...components, schemas };
}

export function createSchemaChecker(doc: OpenApiDoc): SchemaChecker {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'netbox', components: toJsonSchema(relaxNestedCounts(doc.components)) } as Schema);
  const compiled = new Map<string, ValidateFunction>();
  return {
    hasComponent: (name) => name in doc.components.schemas,
    check(name, value, options = {}) {
      let validate = compiled.get(name);
      if (!validate) {
        validate = ajv.compile({ $ref: `netbox#/components/schemas/${name}` });
        compiled.set(name, validate);
      }
      const errors: string[] = [];
      if (!validate(value)) {
        for (const e of validate.errors ?? []) {
          errors.push(`${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
        }
      }
      keyOrderErrors(doc, { $ref: `#/components/schemas/${name}` }, value, name, options.exactKeys ?? true, errors);
      return errors;
    },
  };
}
