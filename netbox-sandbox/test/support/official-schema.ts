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
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; JSON Schema as numbers.
  for (const [flag, bound] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
  }
  relaxKnownDeviations(out);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/**
 * Where NetBox's own output departs from its schema (seen in real NetBox 4.x responses): an empty choice is
 * shown as null although the `{value, label}` object is not marked nullable; a blank colour is '' although the
 * pattern wants six hex digits; a cluster's `allocated_*` sums are null when its VMs have no values.
 */
function relaxKnownDeviations(schema: Record<string, unknown>): void {
  const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (props) {
    for (const [name, prop] of Object.entries(props)) {
      const inner = prop.properties as Record<string, unknown> | undefined;
      const isChoice = prop.type === 'object' && inner && 'value' in inner && 'label' in inner;
      if (isChoice || name.startsWith('allocated_')) props[name] = { ...prop, nullable: true };
    }
  }
  if (schema.type === 'string' && typeof schema.pattern === 'string') {
    schema.pattern = `(?:${schema.pattern})|^$`;
  }
  // A blank e-mail address or link is '' in NetBox's output.
  if (schema.type === 'string' && (schema.format === 'email' || schema.format === 'uri') && !schema.readOnly) {
    delete schema.format;
  }
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)]));
}

/**
 * Nested objects are checked for types and key order but not for required keys: NetBox nests related
 * objects in their brief form (4.6 without relation counts, #22154) even where the schema points at a full
 * component (VRF.import_targets, Contact.groups). Required keys are checked on the top-level object only.
 */
function withoutRequired(components: OpenApiDoc['components']): OpenApiDoc['components'] {
  const schemas: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(components.schemas)) {
    const { required: _required, ...rest } = schema;
    schemas[name] = name === 'BriefIPAddress' ? withPrimaryIpFields(rest) : name === 'AvailableASN' ? withRangeRir(rest) : rest;
  }
  return { ...components, schemas };
}

/**
 * NetBox 4.6 nests a device's or VM's primary IPs with `dns_name` too (#19138, after the 4.6.0 schema), in
 * serializer order: after nat_outside, before description.
 */
function withPrimaryIpFields(schema: Schema): Schema {
  const props = schema.properties as Record<string, Schema>;
  const entries = Object.entries(props).filter(([k]) => k !== 'description');
  return { ...schema, properties: Object.fromEntries([...entries, ['dns_name', { type: 'string' }], ['description', props.description ?? { type: 'string' }]]) };
}

/**
 * AvailableASNSerializer.to_representation writes the range's RIR before the number; the schema, built from its
 * declared fields, knows only `asn` and `description`.
 */
function withRangeRir(schema: Schema): Schema {
  const props = schema.properties as Record<string, Schema>;
  return { ...schema, properties: { rir: { allOf: [{ $ref: '#/components/schemas/BriefRIR' }], readOnly: true }, ...props } };
}

export function createSchemaChecker(doc: OpenApiDoc): SchemaChecker {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const relaxed: OpenApiDoc = { ...doc, components: withoutRequired(doc.components) };
  ajv.addSchema({ $id: 'netbox', components: toJsonSchema(relaxed.components) } as Schema);
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
      const top = doc.components.schemas[name];
      if (value && typeof value === 'object' && !Array.isArray(value) && Array.isArray(top?.required)) {
        for (const key of top.required as string[]) if (!(key in value)) errors.push(`/ must have required property '${key}'`);
      }
      keyOrderErrors(relaxed, { $ref: `#/components/schemas/${name}` }, value, name, options.exactKeys ?? true, errors);
      return errors;
    },
  };
}
