import type { FieldInfo, FilterParam, ObjectType, ParamType } from './object-type.ts';
import type { OpenApiDoc, Parameter, SchemaNode } from './openapi-doc.ts';

const refName = (ref: string | undefined): string | undefined => ref?.split('/').pop();

/** `BriefSite`, `NestedDevice`, `DeviceWithConfigContext` and `Device` all name one model. */
const modelOfComponent = (name: string): string =>
  name.replace(/^(Brief|Nested)/, '').replace(/WithConfigContext$/, '').toLowerCase();

/**
 * Every object type the instance serves, read from its own `/api/schema/`: a list path with a detail sibling
 * is a type. Its key is `app.model` as NetBox's content types name it; plugin types live under
 * `/api/plugins/<plugin>/`.
 */
export function buildObjectTypes(doc: OpenApiDoc): ObjectType[] {
  const schemas = doc.components?.schemas ?? {};
  const enums = collectEnums(doc);
  const candidates: { key: string; app: string; slug: string; listPath: string; plugin: boolean; component: string; params: readonly Parameter[] }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const match = /^\/api\/(plugins\/)?([^/{}]+)\/([^/{}]+)\/$/.exec(path);
    if (!match || !item.get || !doc.paths[`${path}{id}/`]) continue;
    const component = listItemComponent(item.get.responses, schemas);
    if (!component) continue;
    const plugin = Boolean(match[1]);
    const app = plugin ? match[2]!.replace(/-/g, '_') : match[2]!;
    candidates.push({ key: `${app}.${modelOfComponent(component)}`, app, slug: match[3]!, listPath: path, plugin, component, params: item.get.parameters ?? [] });
  }
  const byModel = new Map<string, string>();
  for (const c of candidates) if (!byModel.has(modelOfComponent(c.component))) byModel.set(modelOfComponent(c.component), c.key);

  return candidates.map((c) => ({
    key: c.key,
    app: c.app,
    slug: c.slug,
    listPath: c.listPath,
    plugin: c.plugin,
    fields: readFields(schemas[c.component], byModel, enums),
    filters: readFilters(c.params, enums),
  }));
}

function listItemComponent(responses: NonNullable<OpenApiDoc['paths'][string]['get']>['responses'], schemas: Readonly<Record<string, SchemaNode>>): string | undefined {
  const page = refName(responses?.['200']?.content?.['application/json']?.schema?.$ref);
  if (!page) return undefined;
  return refName(schemas[page]?.properties?.results?.items?.$ref);
}

function targetOf(node: SchemaNode | undefined, byModel: ReadonlyMap<string, string>): string | undefined {
  const ref = refName(node?.$ref ?? node?.allOf?.[0]?.$ref);
  return ref ? byModel.get(modelOfComponent(ref)) : undefined;
}

function readFields(component: SchemaNode | undefined, byModel: ReadonlyMap<string, string>, enums: ReadonlyMap<string, string[]>): Map<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  for (const [name, node] of Object.entries(component?.properties ?? {})) {
    const target = targetOf(node, byModel);
    if (target || node.$ref || node.allOf) {
      fields.set(name, { name, kind: 'fk', ...(target ? { target } : {}) });
    } else if (node.type === 'array') {
      const many = targetOf(node.items, byModel);
      fields.set(name, many ? { name, kind: 'many', target: many } : { name, kind: 'scalar' });
    } else if (node.properties?.value && node.properties.label) {
      const choices = enumValues(node.properties.value, enums);
      fields.set(name, { name, kind: 'choice', ...(choices ? { choices } : {}) });
    } else {
      fields.set(name, { name, kind: node.type === 'object' || node.type === undefined ? 'object' : 'scalar' });
    }
  }
  return fields;
}

function readFilters(params: readonly Parameter[], enums: ReadonlyMap<string, string[]>): Map<string, FilterParam> {
  const filters = new Map<string, FilterParam>();
  for (const p of params) {
    if (p.in !== 'query') continue;
    const multi = p.schema?.type === 'array';
    const item = multi ? p.schema?.items : p.schema;
    const choices = enumValues(item, enums)?.filter((v) => v !== 'null');
    filters.set(p.name, {
      name: p.name,
      type: paramType(item?.type),
      multi,
      ...(choices?.length ? { choices } : {}),
      ...(p.description ? { description: p.description } : {}),
    });
  }
  return filters;
}

function paramType(type: string | undefined): ParamType {
  return type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
}

function enumValues(node: SchemaNode | undefined, enums: ReadonlyMap<string, string[]>): string[] | undefined {
  if (node?.enum) return node.enum.map(String);
  const id = node?.['x-spec-enum-id'];
  return id ? enums.get(id) : undefined;
}

/** drf-spectacular names each choice set once with `x-spec-enum-id` and lists its values where a field uses it. */
function collectEnums(doc: OpenApiDoc): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const schema = node as SchemaNode;
    const id = schema['x-spec-enum-id'];
    if (id && schema.enum && !enums.has(id)) enums.set(id, schema.enum.map(String));
    for (const value of Object.values(node)) walk(value);
  };
  walk(doc.components?.schemas);
  return enums;
}
