import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();

/** The four names the official netboxlabs server uses; clients written for it must find them here. */
const OFFICIAL_TOOLS = ['netbox_get_objects', 'netbox_get_object_by_id', 'netbox_get_changelogs', 'netbox_search_objects'];

/**
 * Claude's tokenizer is not public; 3.5 characters a token is a conservative average for English and JSON
 * Schema (it counts more tokens than the usual 4).
 */
const estimateTokens = (text: string): number => Math.ceil(text.length / 3.5);

describe('tool definitions', () => {
  it('offers the official tool names, about ten tools in all, all read-only', async () => {
    const { tools } = await mcp.client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of OFFICIAL_TOOLS) expect(names).toContain(name);
    expect(tools.length).toBeGreaterThanOrEqual(4);
    expect(tools.length).toBeLessThanOrEqual(11);
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

  it('keeps the official parameters of netbox_get_objects', async () => {
    const { tools } = await mcp.client.listTools();
    const getObjects = tools.find((t) => t.name === 'netbox_get_objects')!;
    const properties = Object.keys(getObjects.inputSchema.properties ?? {});
    for (const p of ['object_type', 'filters', 'fields', 'brief', 'limit', 'offset', 'ordering']) expect(properties).toContain(p);
    expect(getObjects.inputSchema.required).toEqual(['object_type']);
  });
});
