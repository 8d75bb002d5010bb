import { describe, expect, it } from 'vitest';
import { viewConversation } from '../src/anthropic/conversation.ts';
import type { MessagesRequest } from '../src/anthropic/request-schema.ts';
import { defaultScenario, parseScenario, ScenarioError } from '../src/index.ts';
import { findRule } from '../src/scenario/match-rule.ts';
import { renderTemplate, TemplateError, parseTemplate } from '../src/scenario/template.ts';

function request(...messages: MessagesRequest['messages']): MessagesRequest {
  return { model: 'm', messages };
}

const withToolResult = request(
  { role: 'user', content: 'first question' },
  { role: 'assistant', content: 'sure' },
  { role: 'user', content: 'which devices in chi-dc1' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'mcp__netbox__netbox_get_objects', input: {} }] },
  {
    role: 'user',
    content: [{ type: 'tool_result', tool_use_id: 't1', content: 'dcim.device: showing 1–2 of 2\nid | name\n3 | chi-dc1-cr01\n9 | chi-dc1-cr02\nTotal: 2' }],
  },
);

describe('templates', () => {
  const view = viewConversation(withToolResult);

  it('quotes the user, the turn, earlier turns and tool results', () => {
    expect(renderTemplate('{{user}} / {{turn}} / {{history.user[0]}} / {{history.user[-1]}}', view)).toBe(
      'which devices in chi-dc1 / 2 / first question / which devices in chi-dc1',
    );
    expect(renderTemplate('{{tool_result.line[0]}} | last: {{tool_result.line[-1]}}', view)).toBe('dcim.device: showing 1–2 of 2 | last: Total: 2');
    expect(renderTemplate('{{history.tool_result[0].line[2]}}', view)).toBe('3 | chi-dc1-cr01');
  });

  it('takes the first capture group of a match, and allows } and / inside the regex', () => {
    expect(renderTemplate('{{tool_result.match /(\\d{1}) \\| (chi\\S+)/}}', view)).toBe('3');
    expect(renderTemplate('{{tool_result.match /chi-dc1-cr\\d{2}/}}', view)).toBe('chi-dc1-cr01');
    expect(renderTemplate('{{ user.match /in ([\\w/-]+)/i }}', view)).toBe('chi-dc1');
    expect(renderTemplate('{{tool_result.match /nothing here/}}!', view)).toBe('!');
  });

  it('renders a compact result as a Markdown table', () => {
    expect(renderTemplate('{{tool_result.table}}', view)).toBe('| id | name |\n| --- | --- |\n| 3 | chi-dc1-cr01 |\n| 9 | chi-dc1-cr02 |');
  });

  it('rejects unknown sources and broken expressions', () => {
    expect(() => parseTemplate('{{assistant}}')).toThrow(TemplateError);
    expect(() => parseTemplate('{{user.match /unterminated}}')).toThrow(TemplateError);
    expect(() => parseTemplate('{{user')).toThrow(TemplateError);
  });
});

describe('rules', () => {
  const scenario = parseScenario({
    rules: [
      { name: 'tool failed', when: { toolError: true }, reply: [{ type: 'text', text: 'failed' }] },
      { name: 'after the tool', when: { toolName: 'mcp__netbox__netbox_get_objects' }, reply: [] },
      { name: 'devices', when: { user: 'devices in' }, reply: [] },
      { name: 'second turn', when: { turn: 2, on: 'any' }, reply: [] },
      { name: 'case-sensitive', when: { user: '/^Hello$/' }, reply: [] },
      { name: 'fallback', reply: [] },
    ],
  });
  const nameOf = (r: MessagesRequest) => findRule(scenario, viewConversation(r))?.name;

  it('answers the user text only while the last message is not a tool result, so a tool rule never loops', () => {
    expect(nameOf(request({ role: 'user', content: 'devices in x' }))).toBe('devices');
    expect(nameOf(withToolResult)).toBe('after the tool');
  });

  it('matches tool errors, turns and literal /patterns/', () => {
    const failed = request(
      { role: 'user', content: 'devices in x' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'Bash', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'No such tool', is_error: true }] },
    );
    expect(nameOf(failed)).toBe('tool failed');
    expect(nameOf(request({ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }))).toBe('second turn');
    expect(nameOf(request({ role: 'user', content: 'Hello' }))).toBe('case-sensitive');
    expect(nameOf(request({ role: 'user', content: 'hello' }))).toBe('fallback');
  });
});

describe('scenario files', () => {
  it('rejects a bad pattern, template or fault, naming where', () => {
    expect(() => parseScenario({ rules: [{ when: { user: '(' } }] })).toThrow(/rules\[0\]\.when\.user.*bad pattern/s);
    expect(() => parseScenario({ rules: [{ reply: [{ type: 'tool_use', name: 'x', input: { a: ['{{nope}}'] } }] }] })).toThrow(/input\.a\[0\]/);
    expect(() => parseScenario({ rules: [{ fault: { status: 200 } }] })).toThrow(ScenarioError);
    expect(() => parseScenario({ rules: [] })).toThrow(ScenarioError);
  });

  it('ships a default NetBox scenario that calls our tools', () => {
    const scenario = defaultScenario();
    const tools = new Set(scenario.rules.flatMap((r) => r.reply.flatMap((b) => (b.type === 'tool_use' ? [b.name] : []))));
    expect([...tools].sort()).toEqual([
      'mcp__netbox__netbox_count_objects',
      'mcp__netbox__netbox_device_profile',
      'mcp__netbox__netbox_get_objects',
      'mcp__netbox__netbox_ip_profile',
      'mcp__netbox__netbox_search_objects',
    ]);
    const ask = (text: string) => findRule(scenario, viewConversation(request({ role: 'user', content: text })))?.name;
    expect(ask('Which devices are in site chi-dc1?')).toBe('devices in site');
    expect(ask('How many active devices are there per site?')).toBe('how many devices per site');
    expect(ask('what is 10.1.3.4')).toBe('what is an IP');
    expect(ask('hi')).toBe('greeting');
  });
});
