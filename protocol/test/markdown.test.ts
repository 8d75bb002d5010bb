import { describe, expect, it } from 'vitest';
import { conversationToMarkdown, type Conversation } from '../src/index.ts';

const ANSWER = [
  'There are **2** devices in dc1:',
  '',
  '| Name | Role |',
  '|------|------|',
  '| dc1-sw01 | access |',
  '| dc1-rt01 | router |',
  '',
  '```text',
  'show ip route',
  '```',
].join('\n');

const CONVERSATION: Conversation = {
  id: 'c1',
  title: 'Devices in\ndc1',
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:05:30.000Z',
  messages: [
    {
      id: 'u1',
      role: 'user',
      content: 'which devices are in dc1?',
      toolCalls: [],
      createdAt: '2025-03-01T10:00:00.000Z',
      usage: null,
      status: 'complete',
    },
    {
      id: 'a1',
      role: 'assistant',
      content: ANSWER,
      toolCalls: [
        {
          id: 'toolu_1',
          name: 'mcp__netbox__netbox_get_objects',
          input: { object_type: 'dcim.device', filters: { site: 'dc1' } },
          summary: 'Devices in site dc1',
          status: 'ok',
          rows: 2,
          total: 40,
          truncated: true,
          queries: ['/api/dcim/devices/?site=dc1&limit=2'],
          links: {
            list: 'https://netbox.example.com/dcim/devices/?site=dc1',
            objects: { 'dc1-sw01': 'https://netbox.example.com/dcim/devices/1/' },
          },
        },
        {
          id: 'toolu_2',
          name: 'mcp__other__lookup',
          input: { q: 'a`b' },
          summary: '',
          status: 'error',
          resultSummary: 'NETBOX_AUTH: forbidden',
          queries: [],
          links: {},
        },
      ],
      createdAt: '2025-03-01T10:00:04.000Z',
      usage: { input_tokens: 2100, output_tokens: 85 },
      status: 'complete',
      costUsd: 0.0123,
      durationMs: 2345,
    },
    {
      id: 'u2',
      role: 'user',
      content: 'show the config',
      toolCalls: [],
      createdAt: '2025-03-01T10:05:00.000Z',
      usage: null,
      status: 'complete',
    },
    {
      id: 'a2',
      role: 'assistant',
      content: 'Here it is:\n\n```\ninterface Gi0/1\n description uplink',
      toolCalls: [],
      createdAt: '2025-03-01T10:05:30.000Z',
      usage: null,
      status: 'stopped',
    },
  ],
};

describe('conversationToMarkdown', () => {
  it('writes the whole conversation, content untouched, tools under each answer', () => {
    expect(conversationToMarkdown(CONVERSATION)).toBe(
      [
        '# Devices in dc1',
        '',
        'Started 2025-03-01 10:00 UTC · last message 2025-03-01 10:05 UTC · 4 messages',
        '',
        '---',
        '',
        '## You · 2025-03-01 10:00 UTC',
        '',
        'which devices are in dc1?',
        '',
        '---',
        '',
        '## Assistant · 2025-03-01 10:00 UTC',
        '',
        ANSWER,
        '',
        '**Tools used**',
        '',
        '1. `netbox_get_objects` — Devices in site dc1: 2 rows of 40, truncated',
        '   - Input: `{"object_type":"dcim.device","filters":{"site":"dc1"}}`',
        '   - NetBox API: `/api/dcim/devices/?site=dc1&limit=2`',
        '   - Links: [list in NetBox](<https://netbox.example.com/dcim/devices/?site=dc1>), [dc1-sw01](<https://netbox.example.com/dcim/devices/1/>)',
        '2. `mcp__other__lookup`: failed (NETBOX_AUTH: forbidden)',
        '   - Input: ``{"q":"a`b"}``',
        '',
        '_2,100 input / 85 output tokens · $0.0123 · 2.3 s_',
        '',
        '---',
        '',
        '## You · 2025-03-01 10:05 UTC',
        '',
        'show the config',
        '',
        '---',
        '',
        '## Assistant · 2025-03-01 10:05 UTC',
        '',
        'Here it is:',
        '',
        '```',
        'interface Gi0/1',
        ' description uplink',
        '```',
        '',
        '_Stopped before the end._',
        '',
      ].join('\n'),
    );
  });

  it('is pure: the same input gives the same text and is not changed', () => {
    const copy = structuredClone(CONVERSATION);
    expect(conversationToMarkdown(CONVERSATION)).toBe(conversationToMarkdown(copy));
    expect(copy).toEqual(CONVERSATION);
  });

  it('handles an empty conversation and failed answers', () => {
    const markdown = conversationToMarkdown({
      id: 'c2',
      title: '  ',
      createdAt: '2025-03-01T10:00:00Z',
      updatedAt: '2025-03-01T10:00:00Z',
      messages: [
        {
          id: 'a1',
          role: 'assistant',
          content: '',
          toolCalls: [],
          createdAt: '2025-03-01T10:00:00Z',
          usage: null,
          status: 'error',
          error: { code: 'MODEL_OVERLOADED', message: 'The AI model is overloaded.' },
        },
      ],
    });
    expect(markdown).toContain('# Untitled conversation\n');
    expect(markdown).toContain('1 message\n');
    expect(markdown).toContain('_(no text)_\n\n_Failed: The AI model is overloaded._\n');
  });

  it('leaves a closed fence alone and closes a tilde fence left open', () => {
    const base = CONVERSATION.messages[3]!;
    const of = (content: string) =>
      conversationToMarkdown({ ...CONVERSATION, messages: [{ ...base, content, status: 'complete' }] });
    expect(of('```js\nx\n```\n')).toMatch(/\n```js\nx\n```\n$/);
    // A closing fence must be at least as long as the opening one, so `~~~` does not close `~~~~`.
    expect(of('~~~~\ncode\n~~~')).toMatch(/\n~~~~\ncode\n~~~\n~~~~\n$/);
    // A backtick line with a backtick in its info string is text, not a fence.
    expect(of('```a`b\ntext')).toMatch(/\n```a`b\ntext\n$/);
  });
});
