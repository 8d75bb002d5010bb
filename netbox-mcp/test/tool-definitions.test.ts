import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();

/** The four names the official netboxlabs server uses; clients written for it must find them here. */
const OFFICIAL_TOOLS = ['netbox_get_objects', 'netbox_get_object_by_id', 'netbox_get_changelogs', 'netbox_search_objects'];

/** Issue 13's tools: names clients rely on. */
const NEW_TOOLS = ['netbox_trace_cable', 'netbox_available', 'netbox_neighbors', 'netbox_impact'];

/**
 * Claude's tokenizer is not public; 3.5 characters a token is a conservative average for English and JSON
 * Schema (it counts more tokens than the usual 4).
 */
const estimateTokens = (text: string): number => Math.ceil(text.length / 3.5);

describe('tool definitions', () => {
  it('offers the official tool names and the fixed names of ours, 14 in all, all read-only', async () => {
    const { tools } = await mcp.client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of [...OFFICIAL_TOOLS, ...NEW_TOOLS]) expect(names).toContain(name);
    // Each tool's definition is sent with every model request: a new one must earn its place (and fit below).
    expect(tools.length).toBe(14);
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      expect(tool.annotations?.destructiveHint, tool.name).toBe(false);
      expect(tool.description!.length, tool.name).toBeLessThanOrEqual(400);
    }
  });

  it('fit in 4k tokens together, as the model receives them', async () => {
    const { tools } = await mcp.client.listTools();
    const asSent = tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema }));
    const tokens = estimateTokens(JSON.stringify(asSent));
    expect(tokens).toBeLessThanOrEqual(4000);
  });

  it('declares every parameter with one plain type, which simple clients and Ajv in strict mode take', async () => {
    const { tools } = await mcp.client.listTools();
    const unions: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}[${i}]`));
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if ('anyOf' in schema || 'oneOf' in schema || Array.isArray(schema.type)) unions.push(path);
      for (const [key, value] of Object.entries(schema)) visit(value, `${path}.${key}`);
    };
    for (const tool of tools) visit(tool.inputSchema, tool.name);
    expect(unions).toEqual([]);
    const ajv = new Ajv({ strict: true });
    for (const tool of tools) expect(() => ajv.compile({ ...tool.inputSchema, $schema: undefined }), tool.name).not.toThrow();
  });

  it('takes numbers, booleans and lists given as text wherever it declares them', async () => {
    const calls: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['netbox_get_changelogs', { limit: '3', offset: '1', snapshots: 'false' }, { limit: 3, offset: 1, snapshots: false }],
      ['netbox_count_objects', { object_type: 'dcim.device', group_by: 'site,status' }, { object_type: 'dcim.device', group_by: ['site', 'status'] }],
      ['netbox_related_objects', { object_type: 'dcim.site', object: 'CHI-DC1', limit_per_type: '0', types: 'dcim.device,dcim.rack' }, { object_type: 'dcim.site', object: 'CHI-DC1', limit_per_type: 0, types: ['dcim.device', 'dcim.rack'] }],
      ['netbox_device_profile', { device: 'chi-dc1-cr01', changes_days: '7', sections: 'interfaces' }, { device: 'chi-dc1-cr01', changes_days: 7, sections: ['interfaces'] }],
      ['netbox_prefix_usage', { min_utilization: '80', limit: '5' }, { min_utilization: 80, limit: 5 }],
      ['netbox_search_objects', { query: 'chi-dc1', limit: '2', object_types: 'dcim.device' }, { query: 'chi-dc1', limit: 2, object_types: ['dcim.device'] }],
    ];
    for (const [tool, asText, asValues] of calls) {
      const a = await mcp.call(tool, asText);
      const b = await mcp.call(tool, asValues);
      expect(a.isError, `${tool}: ${a.text}`).toBe(false);
      expect(a.text, tool).toBe(b.text);
    }
  });

  it('keeps the official parameters of netbox_get_objects', async () => {
    const { tools } = await mcp.client.listTools();
    const getObjects = tools.find((t) => t.name === 'netbox_get_objects')!;
    const properties = Object.keys(getObjects.inputSchema.properties ?? {});
    for (const p of ['object_type', 'filters', 'fields', 'brief', 'limit', 'offset', 'ordering']) expect(properties).toContain(p);
    expect(getObjects.inputSchema.required).toEqual(['object_type']);
  });
});
