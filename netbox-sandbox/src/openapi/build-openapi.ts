import type { FilterDef, ModelDef } from '../models/model-def.ts';
import type { Registry } from '../models/registry.ts';
import { lookupsOf } from '../query/lookups.ts';
import { actionPaths, AVAILABLE_COMPONENTS } from './action-paths.ts';
import { briefComponentName, componentName, fieldSchema } from './field-schema.ts';

type Json = Record<string, unknown>;

const PARAM_TYPES: Record<string, Json> = {
  string: { type: 'string' },
  choice: { type: 'string' },
  number: { type: 'number' },
  datetime: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  boolean: { type: 'boolean' },
  model: { type: 'string' },
};

function filterParameters(f: FilterDef): Json[] {
  if (f.type === 'search') return [{ in: 'query', name: 'q', schema: { type: 'string' }, description: 'Search' }];
  if (f.type === 'boolean' || f.type === 'custom') {
    const schema = f.type === 'custom' ? { type: f.paramType ?? 'string' } : { type: 'boolean' };
    return [{ in: 'query', name: f.name, schema, ...(f.description ? { description: f.description } : {}) }];
  }
  const base =
    f.type === 'model' && f.by === 'id'
      ? { type: 'integer' }
      : f.type === 'choice' && f.choices
        ? { type: 'string', enum: f.choices.map(([value]) => value) }
        : PARAM_TYPES[f.type];
  const names = [f.name, ...lookupsOf(f).map((l) => `${f.name}__${l}`)];
  return names.map((name) => ({
    in: 'query',
    name,
    schema: name.endsWith('__empty') ? { type: 'boolean' } : { type: 'array', items: base },
    explode: true,
    style: 'form',
  }));
}

const PAGE_PARAMETERS: Json[] = [
  { name: 'limit', required: false, in: 'query', description: 'Number of results to return per page.', schema: { type: 'integer' } },
  { name: 'offset', required: false, in: 'query', description: 'The initial index from which to return the results.', schema: { type: 'integer' } },
  { name: 'ordering', required: false, in: 'query', description: 'Which field to use when ordering the results.', schema: { type: 'string' } },
  {
    name: 'start',
    required: false,
    in: 'query',
    description: 'Cursor-based pagination: return results with pk >= start, ordered by pk. Mutually exclusive with offset.',
    schema: { type: 'integer' },
  },
];

function modelPaths(model: ModelDef): Record<string, Json> {
  const [app] = model.key.split('.');
  const name = componentName(model);
  const tag = app;
  const list = {
    get: {
      operationId: `${app}_${model.path.replace(/-/g, '_')}_list`,
      tags: [tag],
      parameters: [...model.filters.flatMap(filterParameters), ...PAGE_PARAMETERS].sort((a, b) =>
        String(a.name).localeCompare(String(b.name)),
      ),
      responses: { '200': { content: { 'application/json': { schema: { $ref: `#/components/schemas/Paginated${name}List` } } }, description: '' } },
    },
  };
  const detail = {
    get: {
      operationId: `${app}_${model.path.replace(/-/g, '_')}_retrieve`,
      tags: [tag],
      parameters: [{ in: 'path', name: 'id', schema: { type: 'integer' }, required: true }],
      responses: { '200': { content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } }, description: '' } },
    },
  };
  return { [`/api/${app}/${model.path}/`]: list, [`/api/${app}/${model.path}/{id}/`]: detail };
}

function modelComponents(model: ModelDef, registry: Registry): Record<string, Json> {
  const briefOf = (key: string): string => {
    const target = registry.find(key);
    return target ? briefComponentName(target) : 'Object';
  };
  const properties = (fields: ModelDef['fields']) => Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f, briefOf)]));
  const name = componentName(model);
  const briefFields = model.fields.filter((f) => model.brief.includes(f.name));
  return {
    [name]: { type: 'object', properties: properties(model.fields), required: ['id', 'url', 'display'] },
    [briefComponentName(model)]: { type: 'object', properties: properties(briefFields), required: ['id', 'url', 'display'] },
    [`Paginated${name}List`]: {
      type: 'object',
      required: ['count', 'results'],
      properties: {
        count: { type: 'integer' },
        next: { type: 'string', nullable: true, format: 'uri' },
        previous: { type: 'string', nullable: true, format: 'uri' },
        results: { type: 'array', items: { $ref: `#/components/schemas/${name}` } },
      },
    },
  };
}

/** The OpenAPI 3.0 document of what this sandbox serves: its read endpoints, filters and serializers. */
export function buildOpenApi(registry: Registry, version: string): Json {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = { Object: { type: 'object', additionalProperties: {} } };
  for (const model of registry.models) {
    Object.assign(paths, modelPaths(model));
    Object.assign(schemas, modelComponents(model, registry));
  }
  Object.assign(paths, actionPaths(registry));
  Object.assign(schemas, AVAILABLE_COMPONENTS);
  return {
    openapi: '3.0.3',
    info: { title: 'NetBox REST API', version: `${version} (sandbox)`, license: { name: 'Apache v2 License' } },
    paths,
    components: {
      schemas,
      securitySchemes: { tokenAuth: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Token <v1>` or `Bearer nbt_<key>.<token>`' } },
    },
    security: [{ tokenAuth: [] }],
  };
}
