import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import { classifyModelFailure, redact } from '../../src/agent/index.ts';
import { toolErrorCode, toolResultText } from '../../src/agent/tool-result.ts';
import { TurnMapper } from '../../src/agent/turn-mapper.ts';

/** SDK messages in the shapes the CLI sends (seen in the real runs of the other tests), trimmed to what is read. */
const message = (m: object): SDKMessage => ({ session_id: 's', uuid: 'u', parent_tool_use_id: null, ...m }) as unknown as SDKMessage;
const delta = (d: object): SDKMessage => message({ type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: d } });

describe('turning SDK messages into events', () => {
  it('streams thinking and text deltas, and skips what a subagent streams', () => {
    const mapper = new TurnMapper('t1');
    expect(mapper.map(delta({ type: 'thinking_delta', thinking: 'Let me look.' }))).toEqual([{ type: 'thinking', turnId: 't1', text: 'Let me look.' }]);
    expect(mapper.map(delta({ type: 'text_delta', text: 'Hi' }))).toEqual([{ type: 'text', turnId: 't1', text: 'Hi' }]);
    expect(mapper.map(delta({ type: 'input_json_delta', partial_json: '{"a"' }))).toEqual([]);
    expect(mapper.map(message({ type: 'stream_event', parent_tool_use_id: 'toolu_x', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'sub' } } }))).toEqual([]);
  });

  it('takes text from a complete message only when that message was not streamed, and never the CLI\'s API error text', () => {
    const mapper = new TurnMapper('t1');
    mapper.map(message({ type: 'stream_event', event: { type: 'message_start', message: { id: 'msg_1' } } }));
    const streamed = message({ type: 'assistant', message: { id: 'msg_1', model: 'm', content: [{ type: 'text', text: 'already streamed' }] } });
    expect(mapper.map(streamed)).toEqual([]);
    const unstreamed = message({ type: 'assistant', message: { id: 'msg_2', model: 'm', content: [{ type: 'text', text: 'whole' }] } });
    expect(mapper.map(unstreamed)).toEqual([{ type: 'text', turnId: 't1', text: 'whole' }]);
    const apiError = message({ type: 'assistant', error: 'server_error', message: { id: 'x', model: '<synthetic>', content: [{ type: 'text', text: 'API Error: 529 Overloaded (127.0.0.1:1)' }] } });
    expect(mapper.map(apiError)).toEqual([]);
  });

  it('starts each text block after earlier text with a paragraph break, streamed or not', () => {
    const mapper = new TurnMapper('t1');
    const start = (type: string) => message({ type: 'stream_event', event: { type: 'content_block_start', index: 0, content_block: { type, text: '' } } });
    const texts = (messages: SDKMessage[]) => messages.flatMap((m) => mapper.map(m)).map((e) => (e.type === 'text' ? e.text : `<${e.type}>`));
    // The first block needs none; a block that adds nothing gets none.
    expect(texts([start('text'), delta({ type: 'text_delta', text: 'I will look' }), delta({ type: 'text_delta', text: ' that up.' })])).toEqual(['I will look', ' that up.']);
    expect(texts([start('tool_use'), start('text'), delta({ type: 'text_delta', text: '' })])).toEqual([]);
    expect(texts([start('text'), delta({ type: 'text_delta', text: 'These are' }), delta({ type: 'text_delta', text: ' the devices.\n' })])).toEqual(['\n\nThese are', ' the devices.\n']);
    // Newlines already there count: one more makes the blank line.
    expect(texts([start('text'), delta({ type: 'text_delta', text: 'Done.' })])).toEqual(['\nDone.']);
    expect(texts([start('text'), delta({ type: 'text_delta', text: '\n\n## Next' })])).toEqual(['\n\n## Next']);
    const whole = message({ type: 'assistant', message: { id: 'msg_9', model: 'm', content: [{ type: 'text', text: 'Unstreamed.' }, { type: 'text', text: 'Again.' }] } });
    expect(texts([whole])).toEqual(['\n\nUnstreamed.', '\n\nAgain.']);
    // A new turn starts without one.
    expect(new TurnMapper('t2').map(whole).map((e) => (e.type === 'text' ? e.text : ''))).toEqual(['Unstreamed.', '\n\nAgain.']);
  });

  it('takes back what a cut model request streamed when the CLI retries it, and only that', () => {
    const mapper = new TurnMapper('t1');
    const event = (e: object) => message({ type: 'stream_event', event: e });
    const retry = message({ type: 'system', subtype: 'api_retry', attempt: 1, max_retries: 4, retry_delay_ms: 500, error_status: null, error: 'unknown' });
    const map = (messages: SDKMessage[]) => messages.flatMap((m) => mapper.map(m)).map((e) => (e.type === 'text' ? e.text : e.type === 'text_reset' ? `<reset ${e.length}>` : `<${e.type}>`));
    // A first request completes (it says why it stopped): its text stays whatever comes later.
    expect(map([event({ type: 'message_start', message: { id: 'm1' } }), event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }), delta({ type: 'text_delta', text: 'Looking.' }), event({ type: 'message_delta', delta: { stop_reason: 'tool_use' } }), event({ type: 'message_stop' })])).toEqual(['Looking.', '<model_request>']);
    // The next one is cut: the CLI closes it with message_stop alone, then retries.
    const cut = [event({ type: 'message_start', message: { id: 'm2' } }), event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }), delta({ type: 'text_delta', text: 'These are' }), event({ type: 'content_block_stop', index: 0 }), event({ type: 'message_stop' })];
    expect(map([...cut, retry])).toEqual(['\n\nThese are', '<model_request>', '<reset 8>', '<retry>']);
    expect(map([event({ type: 'message_start', message: { id: 'm3' } }), event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }), delta({ type: 'text_delta', text: 'These are the devices.' })])).toEqual(['\n\nThese are the devices.']);
    // A retry before anything was streamed takes nothing back.
    expect(map([event({ type: 'message_delta', delta: { stop_reason: 'end_turn' } }), retry])).toEqual(['<retry>']);
  });

  it('reports each model request when it ends: its model, tokens, time, and whether it completed', () => {
    const mapper = new TurnMapper('t1');
    const event = (e: object) => message({ type: 'stream_event', event: e });
    const startedBefore = Date.now();
    const requests = [
      event({ type: 'message_start', message: { id: 'm1', model: 'claude-x', usage: { input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 1 } } }),
      event({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 42 } }),
      event({ type: 'message_stop' }),
      // Cut: no message_delta before its message_stop.
      event({ type: 'message_start', message: { id: 'm2', model: 'claude-x', usage: { input_tokens: 5 } } }),
      event({ type: 'message_stop' }),
    ].flatMap((m) => mapper.map(m));
    expect(requests.map((e) => (e.type === 'model_request' ? { model: e.model, in: e.inputTokens, out: e.outputTokens, completed: e.completed } : e.type))).toEqual([
      { model: 'claude-x', in: 100, out: 42, completed: true },
      { model: 'claude-x', in: 5, out: 0, completed: false },
    ]);
    for (const e of requests) if (e.type === 'model_request') expect(e.startedAt).toBeGreaterThanOrEqual(startedBefore);
  });

  it('reports extra MCP servers the CLI could not use, never the built-in NetBox one', () => {
    const mapper = new TurnMapper('t1');
    const init = message({
      type: 'system',
      subtype: 'init',
      mcp_servers: [
        { name: 'broken', status: 'failed' },
        { name: 'oauth', status: 'needs-auth' },
        { name: 'fine', status: 'connected' },
        { name: 'slow', status: 'pending' },
        { name: 'netbox', status: 'failed' },
      ],
    });
    expect(mapper.map(init)).toEqual([
      { type: 'mcp_server_failed', turnId: 't1', server: 'broken', status: 'failed' },
      { type: 'mcp_server_failed', turnId: 't1', server: 'oauth', status: 'needs-auth' },
    ]);
  });

  it('names each tool result after its tool_use, and gives _meta only where the message holds one result', () => {
    const mapper = new TurnMapper('t1');
    mapper.map(message({ type: 'assistant', message: { id: 'm', model: 'm', content: [{ type: 'tool_use', id: 'a', name: 'mcp__netbox__netbox_ip_profile', input: {} }, { type: 'tool_use', id: 'b', name: 'Bash', input: {} }] } }));
    const events = mapper.map(
      message({
        type: 'user',
        message: {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'a', content: [{ type: 'text', text: 'NETBOX_UNREACHABLE: NetBox did not answer\nHint: later' }], is_error: true },
            { type: 'tool_result', tool_use_id: 'b', content: '<tool_use_error>Error: No such tool available: Bash</tool_use_error>', is_error: true },
          ],
        },
        tool_use_result: { content: [], _meta: { 'netbox-chatbox/result': { queries: ['/api/x/'] } } },
      }),
    );
    expect(events).toEqual([
      expect.objectContaining({ name: 'mcp__netbox__netbox_ip_profile', summary: 'NETBOX_UNREACHABLE: NetBox did not answer', errorCode: 'NETBOX_UNREACHABLE', queries: [] }),
      expect.objectContaining({ name: 'Bash', text: 'Error: No such tool available: Bash', errorCode: 'TOOL_DENIED', queries: [] }),
    ]);
  });

  it('reads the failure of an error result from the last retry first, then from the text', () => {
    const mapper = new TurnMapper('t1');
    expect(mapper.map(message({ type: 'system', subtype: 'api_retry', attempt: 1, max_retries: 2, retry_delay_ms: 500, error_status: 529, error: 'overloaded' }))).toEqual([
      { type: 'retry', turnId: 't1', attempt: 1, maxRetries: 2, delayMs: 500, code: 'MODEL_OVERLOADED' },
    ]);
    const result = message({ type: 'result', subtype: 'success', is_error: true, result: 'API Error: 500 Internal server error' });
    expect(mapper.failureCode(result as never)).toBe('MODEL_OVERLOADED');
    expect(new TurnMapper('t2').failureCode(result as never)).toBe('MODEL_UNAVAILABLE');
  });
});

describe('classifying model failures', () => {
  it.each([
    [{ status: 529 }, 'MODEL_OVERLOADED'],
    [{ status: 429, kind: 'rate_limit' }, 'MODEL_OVERLOADED'],
    [{ status: 500, kind: 'server_error' }, 'MODEL_UNAVAILABLE'],
    [{ status: null, kind: 'unknown' }, 'MODEL_UNAVAILABLE'],
    [{ status: 401, kind: 'authentication_failed' }, 'MODEL_CONFIG'],
    [{ status: 404, kind: 'model_not_found' }, 'MODEL_CONFIG'],
    [{ status: 400, kind: 'invalid_request' }, 'MODEL_REJECTED'],
    [{ text: 'API Error: 529 Overloaded. This is a server-side issue' }, 'MODEL_OVERLOADED'],
    [{ text: 'API Error: Request rejected (429) · Rate limited' }, 'MODEL_OVERLOADED'],
    [{ text: 'Invalid API key · Fix external API key' }, 'MODEL_CONFIG'],
    [{ text: 'Prompt is too long' }, 'MODEL_REJECTED'],
  ] as const)('%o is %s', (failure, code) => {
    expect(classifyModelFailure(failure)).toBe(code);
  });
});

describe('small helpers', () => {
  it('reads tool result text in both shapes, and codes a failure', () => {
    expect(toolResultText([{ type: 'text', text: 'a' }, { type: 'image' }, { type: 'text', text: 'b' }])).toBe('a\nb');
    expect(toolResultText('plain')).toBe('plain');
    expect(toolErrorCode('INVALID_FILTER_VALUE: bad')).toBe('INVALID_FILTER_VALUE');
    expect(toolErrorCode('mcp__x__y is not available in this chat. Only the NetBox tools may be used.')).toBe('TOOL_DENIED');
    expect(toolErrorCode('something broke')).toBe('TOOL_ERROR');
  });

  it('redacts every occurrence of every secret', () => {
    expect(redact('key=abc123 again abc123, token nbt_x', ['abc123', 'nbt_x', ''])).toBe('key=[redacted] again [redacted], token [redacted]');
  });
});
