import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { compactRow } from '../format/compact-row.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { renderSearch, type SearchSection } from '../format/render-search.ts';
import { tableLines } from '../format/render-table.ts';
import { fanOut } from '../query/fan-out.ts';
import { pathOf } from '../client/api-path.ts';
import type { ObjectType } from '../schema/object-type.ts';
import { fieldsArg, intArg, stringListArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';

/** What people look for by free text, most asked first (the official server's default set, and tenants). */
export const DEFAULT_SEARCH_TYPES = [
  'dcim.device',
  'dcim.site',
  'ipam.ipaddress',
  'ipam.prefix',
  'dcim.interface',
  'dcim.rack',
  'ipam.vlan',
  'circuits.circuit',
  'virtualization.virtualmachine',
  'tenancy.tenant',
];

/** Columns that tell hits apart without a second call; other types get NetBox's brief form. */
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'dcim.device': ['name', 'status', 'site', 'rack', 'role', 'device_type', 'primary_ip'],
  'dcim.site': ['name', 'status', 'region', 'facility', 'tenant', 'description'],
  'ipam.ipaddress': ['address', 'status', 'vrf', 'assigned_object', 'dns_name', 'tenant', 'description'],
  'ipam.prefix': ['prefix', 'status', 'vrf', 'scope', 'site', 'vlan', 'tenant', 'description'],
  'dcim.interface': ['device', 'name', 'type', 'enabled', 'description'],
  'dcim.rack': ['name', 'site', 'location', 'status', 'role'],
  'ipam.vlan': ['vid', 'name', 'site', 'group', 'status', 'tenant'],
  'circuits.circuit': ['cid', 'provider', 'type', 'status', 'tenant', 'description'],
  'virtualization.virtualmachine': ['name', 'status', 'cluster', 'site', 'role', 'primary_ip'],
  'tenancy.tenant': ['name', 'slug', 'group', 'description'],
};

interface Hit {
  readonly type: ObjectType;
  readonly count: number;
  readonly results: readonly Readonly<Record<string, unknown>>[];
  readonly columns: readonly string[] | undefined;
}

export const searchObjectsTool = defineTool({
  name: 'netbox_search_objects',
  title: 'Search NetBox',
  description:
    'Free-text search (name, serial, address, description…) over several object types at once, in parallel. ' +
    'One compact table per type with "N of M" and NetBox UI links; says which types had no match or failed. ' +
    'Default types: devices, sites, IPs, prefixes, interfaces, racks, VLANs, circuits, VMs, tenants.',
  input: {
    query: z.string().trim().min(1).describe('Text to look for'),
    object_types: stringListArg().optional().describe('Types to search (app.model); default: 10 common types'),
    fields: fieldsArg,
    limit: intArg(1, 100).optional().describe('Matches shown per type (default 5)'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    const requested = args.object_types?.length
      ? args.object_types.map((name) => catalog.resolve(name))
      : DEFAULT_SEARCH_TYPES.map((key) => catalog.find(key)).filter((t): t is ObjectType => t !== undefined);
    const types = [...new Map(requested.map((t) => [t.key, t])).values()];
    // Without a `q` filter NetBox would ignore the search and return every object: never pretend those are hits.
    const searchable = types.filter((t) => t.filters.has('q'));
    const unsearchable = types.filter((t) => !t.filters.has('q')).map((t) => t.key);
    if (searchable.length === 0) {
      throw new NetboxMcpError('INVALID_ARGUMENT', `None of ${unsearchable.join(', ')} supports free-text search.`, {
        hint: 'Use netbox_get_objects with filters (e.g. name__ic) instead.',
      });
    }
    const limit = args.limit ?? 5;
    const requests = searchable.map((type) => {
      const columns = columnsFor(type, args.fields);
      const params = { q: args.query, limit, fields: columns ? ['id', ...columns].join(',') : undefined, brief: columns ? undefined : true };
      return { type, columns, params };
    });
    const queries = requests.map((r) => pathOf(ctx.client.apiUrl(r.type.listPath, r.params)));
    const settled = await fanOut(requests, ctx.limits.fanOut, async ({ type, columns, params }): Promise<Hit> => {
      const page = await ctx.client.list(type.listPath, params);
      return { type, count: page.count, results: page.results, columns };
    });

    const hits: Hit[] = [];
    const failed: { key: string; error: unknown }[] = [];
    for (const [i, outcome] of settled.entries()) {
      if (outcome.ok) hits.push(outcome.value);
      else failed.push({ key: searchable[i]!.key, error: outcome.error });
    }
    if (hits.length === 0) throw allFailed(args.query, failed);

    const matched = hits.filter((h) => h.count > 0);
    const sections: SearchSection[] = matched.map((hit) => {
      const keep = hit.columns ? new Set(hit.columns) : undefined;
      const rows = hit.results.map((r) => compactRow(r, { mode: 'table', ...(keep ? { keep } : {}) }));
      const { header, lines } = tableLines(rows, hit.columns ? ['id', ...hit.columns] : undefined);
      return {
        title: hit.type.key,
        count: hit.count,
        header,
        lines,
        listUrl: ctx.client.uiUrl(hit.type.listPath, { q: args.query }),
        objectUrlTemplate: `${ctx.client.uiUrl(hit.type.listPath)}{id}/`,
      };
    });
    const tail: string[] = [];
    if (matched.length === 0) tail.push(`No ${hits.length === 1 ? hits[0]!.type.key : 'object'} matches '${args.query}'.`);
    const none = hits.filter((h) => h.count === 0).map((h) => h.type.key);
    if (none.length && matched.length) tail.push(`No match: ${none.join(', ')}`);
    if (failed.length) {
      tail.push(`FAILED (not searched, results unknown): ${failed.map((f) => `${f.key} (${codeOf(f.error)})`).join(', ')}`);
    }
    if (unsearchable.length) tail.push(`Not searchable (no free-text filter): ${unsearchable.join(', ')}`);
    if (matched.some((h) => h.count > h.results.length)) {
      tail.push(`More: netbox_get_objects with filters {"q": ${JSON.stringify(args.query)}} and offset lists all hits of one type.`);
    }

    const view = renderSearch(sections, tail, ctx.limits.maxResultChars);
    const objects: Record<string, string> = {};
    const names = new NameLinks();
    for (const [i, hit] of matched.entries()) {
      for (const row of hit.results.slice(0, view.shown[i])) {
        if (typeof row.id !== 'number') continue;
        const url = `${ctx.client.uiUrl(hit.type.listPath)}${row.id}/`;
        objects[`${hit.type.key}:${row.id}`] = url;
        names.addRow(row, url);
      }
    }
    return textResult(view.text, {
      queries,
      rows: view.shown.reduce((a, b) => a + b, 0),
      total: hits.reduce((n, h) => n + h.count, 0),
      truncated: view.truncated,
      links: { list: ctx.client.uiUrl('/api/search/', { q: args.query }), objects, ...namesPart(names) },
    });
  },
});

/** The model's own fields where the type has them, else our default columns; none known means brief. */
function columnsFor(type: ObjectType, fields: readonly string[] | undefined): string[] | undefined {
  const asked = (fields ?? []).filter((f) => f !== 'id' && type.fields.has(f));
  if (asked.length) return asked;
  const defaults = (COLUMNS[type.key] ?? []).filter((f) => type.fields.has(f));
  return defaults.length ? defaults : undefined;
}

function codeOf(error: unknown): string {
  return error instanceof NetboxMcpError ? error.code : 'INTERNAL_ERROR';
}

function allFailed(query: string, failed: readonly { key: string; error: unknown }[]): NetboxMcpError {
  const first = failed[0]?.error;
  const reasons = failed.map((f) => `${f.key}: ${f.error instanceof NetboxMcpError ? `${f.error.code}: ${f.error.message}` : 'INTERNAL_ERROR'}`);
  return new NetboxMcpError(first instanceof NetboxMcpError ? first.code : 'NETBOX_SERVER_ERROR', `Searching '${query}' failed for every type. ${reasons.join(' | ')}`, {
    hint: first instanceof NetboxMcpError && first.hint ? first.hint : 'NetBox failed; try again later.',
  });
}
