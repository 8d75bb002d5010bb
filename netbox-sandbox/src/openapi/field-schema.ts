import type { FieldDef, JsonSchema, ModelDef, ValueType } from '../models/model-def.ts';

const VALUE_SCHEMAS: Record<ValueType, JsonSchema> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number', format: 'double' },
  boolean: { type: 'boolean' },
  datetime: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  json: {},
  'string[]': { type: 'array', items: { type: 'string' } },
  'integer[]': { type: 'array', items: { type: 'integer' } },
};

export function componentName(model: ModelDef): string {
  return model.schemaName;
}

export function briefComponentName(model: ModelDef): string {
  return `Brief${model.schemaName.replace(/WithConfigContext$/, '')}`;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

function nullable(schema: JsonSchema, isNullable: boolean | undefined): JsonSchema {
  if (!isNullable) return schema;
  return '$ref' in schema ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
}

/** The OpenAPI schema of one serializer field, as drf-spectacular describes NetBox's fields. */
export function fieldSchema(f: FieldDef, briefOf: (key: string) => string): JsonSchema {
  switch (f.kind) {
    case 'id':
      return { type: 'integer', readOnly: true };
    case 'url':
    case 'display_url':
      return { type: 'string', format: 'uri', readOnly: true };
    case 'display':
      return { type: 'string', readOnly: true };
    case 'value':
      return nullable(VALUE_SCHEMAS[f.type], f.nullable);
    case 'fk':
      return nullable(ref(briefOf(f.target)), f.nullable);
    case 'choice':
      return nullable(
        {
          type: 'object',
          properties: {
            value: { type: 'string', enum: f.choices.map(([v]) => v) },
            label: { type: 'string', enum: f.choices.map(([, l]) => l) },
          },
        },
        f.nullable,
      );
    case 'count':
      return { type: 'integer', readOnly: true };
    case 'tags':
      return { type: 'array', items: ref(briefOf('extras.tag')) };
    case 'custom_fields':
      return { type: 'object', additionalProperties: {} };
    case 'generic':
      return { type: 'object', additionalProperties: {}, nullable: true, readOnly: true };
    case 'object_type':
      return nullable({ type: 'string' }, f.nullable);
    case 'many':
      return { type: 'array', items: ref(briefOf(f.target)) };
    case 'computed':
      return nullable(f.schema, f.nullable);
  }
}
