import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSchemaChecker, loadOfficialSchema, type OpenApiDoc, type SchemaChecker } from './official-schema.ts';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Where every test process appends the official operations its responses covered; the global teardown reports. */
export const COVERAGE_FILE = fileURLToPath(new URL('../../../test-results/conformance-coverage.ndjson', import.meta.url));

const doc = loadOfficialSchema();
let checker: SchemaChecker | undefined;

/** The official GET operation a request path falls under, e.g. `/api/dcim/devices/{id}/`, `…/{id}/available-ips/`. */
export function operationOf(document: OpenApiDoc, pathname: string): string | undefined {
  if (document.paths[pathname]?.get) return pathname;
  const detail = pathname.replace(/\/\d+\/$/, '/{id}/');
  if (document.paths[detail]?.get) return detail;
  const action = pathname.replace(/\/\d+\/([\w-]+)\/$/, '/{id}/$1/');
  return document.paths[action]?.get ? action : undefined;
}

interface ResponseSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly items?: { readonly $ref?: string };
}

/**
 * The component a 200 body must match, and whether the body is a list of them. Action endpoints are checked
 * only when the schema declares a list: for `trace` and `paths` it names the port's own serializer, which is
 * not what NetBox returns (drf-spectacular cannot see the view's hand-built response).
 */
function responseComponent(document: OpenApiDoc, operation: string, status: number): { name: string; many: boolean } | undefined {
  const responses = document.paths[operation]?.get?.responses as Record<string, { content?: Record<string, { schema?: ResponseSchema }> }> | undefined;
  const schema = responses?.[String(status)]?.content?.['application/json']?.schema;
  const isAction = /\{id\}\/[\w-]+\/$/.test(operation);
  if (schema?.type === 'array' && schema.items?.$ref) return { name: schema.items.$ref.split('/').pop()!, many: true };
  if (isAction || !schema?.$ref) return undefined;
  return { name: schema.$ref.split('/').pop()!, many: false };
}

/**
 * GETs from a sandbox and, when NetBox's official schema is at hand, checks every 200 body against the
 * operation's response schema (types, required keys and key order) and records the operation as covered.
 */
export async function apiGet(baseUrl: string, path: string, authorization?: string, init: RequestInit = {}): Promise<ApiResponse> {
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    redirect: 'manual',
    headers: { accept: 'application/json', ...(authorization ? { authorization } : {}), ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  const body: unknown = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (doc && res.status === 200 && (init.method ?? 'GET') === 'GET') {
    const pathname = new URL(`${baseUrl}${path}`).pathname;
    const operation = operationOf(doc, pathname);
    const component = operation ? responseComponent(doc, operation, 200) : undefined;
    if (operation && component) {
      checker ??= createSchemaChecker(doc);
      const exact = !new URL(`${baseUrl}${path}`).searchParams.has('fields') && !new URL(`${baseUrl}${path}`).searchParams.has('omit');
      const brief = ['true', 'True', '1'].includes(new URL(`${baseUrl}${path}`).searchParams.get('brief') ?? '');
      const check = (value: unknown): string[] =>
        brief || !exact ? checkLoosely(checker!, component.name, value) : checker!.check(component.name, value, { exactKeys: false });
      const errors = component.many && Array.isArray(body) ? body.flatMap(check) : check(body);
      if (errors.length > 0) throw new Error(`GET ${path} does not match the official schema ${component.name}:\n${errors.slice(0, 10).join('\n')}`);
      mkdirSync(fileURLToPath(new URL('../../../test-results/', import.meta.url)), { recursive: true });
      appendFileSync(COVERAGE_FILE, `${JSON.stringify({ operation })}\n`);
    }
  }
  return { status: res.status, headers: res.headers, body };
}

/** `brief`, `fields` and `omit` bodies carry a subset of the keys: check what is there, in order. */
function checkLoosely(c: SchemaChecker, component: string, body: unknown): string[] {
  return c.check(component, body, { exactKeys: false }).filter((e) => !e.includes('must have required property'));
}
