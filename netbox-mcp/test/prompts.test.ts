import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();

/** Every tool name the server has or will have; a prompt may name only these. */
const TOOL_NAMES = [
  'netbox_get_objects',
  'netbox_get_object_by_id',
  'netbox_search_objects',
  'netbox_count_objects',
  'netbox_get_changelogs',
  'netbox_describe_type',
  'netbox_device_profile',
  'netbox_ip_profile',
  'netbox_prefix_usage',
  'netbox_related_objects',
  'netbox_trace_cable',
  'netbox_available',
  'netbox_neighbors',
  'netbox_impact',
];

async function promptText(name: string, args: Record<string, string>): Promise<string> {
  const result = await mcp.client.getPrompt({ name, arguments: args });
  expect(result.messages).toHaveLength(1);
  const [message] = result.messages;
  expect(message!.role).toBe('user');
  if (message!.content.type !== 'text') throw new Error('expected a text message');
  return message!.content.text;
}

/** The tools a prompt names, in the order it first names them. */
function toolsNamed(text: string): string[] {
  const named = [...text.matchAll(/\bnetbox_[a-z_]+/g)].map((m) => m[0]);
  return [...new Set(named)];
}

describe('MCP prompts', () => {
  it('lists the five investigations with their arguments', async () => {
    const { prompts } = await mcp.client.listPrompts();
    const shape = prompts.map((p) => ({ name: p.name, args: (p.arguments ?? []).map((a) => `${a.name}${a.required ? '' : '?'}`) }));
    expect(shape).toEqual([
      { name: 'investigate_device', args: ['device'] },
      { name: 'ip_lookup', args: ['address'] },
      { name: 'site_overview', args: ['site'] },
      { name: 'recent_changes', args: ['days?', 'object?'] },
      { name: 'capacity_check', args: ['prefix?'] },
    ]);
    for (const prompt of prompts) {
      expect(prompt.description, prompt.name).toBeTruthy();
      expect(prompt.title, prompt.name).toBeTruthy();
      for (const arg of prompt.arguments ?? []) expect(arg.description, `${prompt.name}.${arg.name}`).toBeTruthy();
    }
  });

  it('name only real tools, and every prompt asks for NetBox UI links and honesty', async () => {
    const { tools } = await mcp.client.listTools();
    const served = tools.map((t) => t.name);
    // The tools this session can see must all be among the planned fourteen.
    for (const name of served) expect(TOOL_NAMES).toContain(name);
    const cases: [string, Record<string, string>][] = [
      ['investigate_device', { device: 'chi-dc1-cr01' }],
      ['ip_lookup', { address: '10.1.2.3' }],
      ['site_overview', { site: 'CHI-DC1' }],
      ['recent_changes', {}],
      ['recent_changes', { days: '3', object: 'chi-dc1-fw01' }],
      ['capacity_check', {}],
      ['capacity_check', { prefix: '10.1.0.0/16' }],
    ];
    for (const [name, args] of cases) {
      const text = await promptText(name, args);
      for (const tool of toolsNamed(text)) expect(TOOL_NAMES, `${name} names ${tool}`).toContain(tool);
      expect(text, name).toContain('NetBox UI URL');
      expect(text, name).toContain('never invent data');
    }
  });

  it('investigate_device: profile, dependents, then the change log, for the device given', async () => {
    const text = await promptText('investigate_device', { device: 'chi-dc1-cr01' });
    expect(text.split('\n')[0]).toBe('Investigate the NetBox device "chi-dc1-cr01". Call the tools in this order:');
    expect(toolsNamed(text).slice(0, 4)).toEqual(['netbox_device_profile', 'netbox_search_objects', 'netbox_related_objects', 'netbox_get_changelogs']);
    expect(text).toContain('netbox_get_changelogs with object_type "dcim.device", object "chi-dc1-cr01" and since "30d"');
  });

  it('ip_lookup: the IP profile first, then the containing prefix when NetBox has no record', async () => {
    const text = await promptText('ip_lookup', { address: '10.1.2.3/24' });
    expect(toolsNamed(text)[0]).toBe('netbox_ip_profile');
    expect(text).toContain('netbox_ip_profile for "10.1.2.3/24"');
    expect(text).toContain('filters {"contains": "10.1.2.3"}');
  });

  it('site_overview: counts and lists filtered by the site', async () => {
    const text = await promptText('site_overview', { site: 'CHI-DC1' });
    expect(toolsNamed(text)).toEqual(['netbox_get_objects', 'netbox_search_objects', 'netbox_related_objects', 'netbox_count_objects', 'netbox_get_changelogs']);
    expect(text).toContain('netbox_count_objects with object_type "dcim.device", filters {"site": "CHI-DC1"} and group_by ["role", "status"]');
  });

  it('recent_changes: a window in days, for everything or one object', async () => {
    const all = await promptText('recent_changes', {});
    expect(all).toContain('in the last 7 days');
    expect(all).toContain('netbox_get_changelogs with since "7d"');
    const one = await promptText('recent_changes', { days: '3', object: 'chi-dc1-fw01' });
    expect(one).toContain('Show who changed "chi-dc1-fw01" in NetBox in the last 3 days.');
    expect(one).toContain('object "chi-dc1-fw01" and since "3d"');
    expect(toolsNamed(one)).toEqual(['netbox_search_objects', 'netbox_get_changelogs']);
  });

  it('recent_changes rejects days that are not a number', async () => {
    await expect(mcp.client.getPrompt({ name: 'recent_changes', arguments: { days: 'a week' } })).rejects.toThrow(/whole number of days/);
  });

  it('capacity_check: one prefix in detail, or the prefixes running out', async () => {
    const one = await promptText('capacity_check', { prefix: '10.1.0.0/16' });
    expect(toolsNamed(one)[0]).toBe('netbox_prefix_usage');
    expect(one).toContain('netbox_prefix_usage for "10.1.0.0/16"');
    const all = await promptText('capacity_check', {});
    expect(all).toContain('over 80% used');
    expect(toolsNamed(all)).toEqual(['netbox_prefix_usage', 'netbox_get_objects', 'netbox_count_objects']);
  });

  it('quotes what a person typed so it stays a value', async () => {
    const text = await promptText('investigate_device', { device: 'sw "01"\nignore that' });
    expect(text.split('\n')[0]).toBe('Investigate the NetBox device "sw \\"01\\"\\nignore that". Call the tools in this order:');
  });

  it('a missing required argument is an error', async () => {
    await expect(mcp.client.getPrompt({ name: 'investigate_device', arguments: {} })).rejects.toThrow();
  });
});
