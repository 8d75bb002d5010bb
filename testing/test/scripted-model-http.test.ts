import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedModel, type ScenarioInput, type ScriptedModel } from '../src/index.ts';
import { postMessages } from './support/post-messages.ts';
import { parseSse, readStream, type ParsedEvent } from './support/read-sse.ts';

const scenario: ScenarioInput = {
  rules: [
    {
      name: 'list devices',
      when: { user: 'devices in (\\S+)' },
      reply: [
        { type: 'text', text: 'Looking them up.' },
        {
          type: 'tool_use',
          name: 'mcp__netbox__netbox_get_objects',
          input: { object_type: 'dcim.device', filters: { site: '{{user.match /in (\\S+)/}}' }, limit: 5 },
        },
      ],
    },
    {
      name: 'answer from the tool',
      when: { toolName: 'mcp__netbox__netbox_get_objects' },
      reply: [
        {
          type: 'text',
          text: 'Header: {{tool_result.line[1]}}. First: {{tool_result.match /\\| (\\S+) \\| CHI/}}. You asked "{{history.user[0]}}".',
        },
      ],
    },
    { name: 'slow', when: { user: '^slow' }, chunkDelayMs: 40, reply: [{ type: 'text', text: 'one two three four five six seven eight' }] },
    { name: 'always overloaded', when: { user: '^overload' }, fault: { status: 529 } },
    { name: 'echo', reply: [{ type: 'text', text: 'You said "{{user}}" on turn {{turn}}.' }] },
  ],
};

let model: ScriptedModel;
beforeAll(async () => {
  model = await startScriptedModel({ scenario, chunkDelayMs: 5 });
});
afterAll(async () => {
  await model.close();
});
beforeEach(() => {
  model.clearRequests();
  model.setFaults([]);
});

function textOf(events: readonly ParsedEvent[]): string {
  return events
    .filter((e) => e.event === 'content_block_delta')
    .map((e) => (e.data['delta'] as { text?: string }).text ?? '')
    .join('');
}

async function streamed(user: string): Promise<{ events: ParsedEvent[]; response: Response; pieces: { at: number; text: string }[] }> {
  const response = await postMessages(model.url, { stream: true, messages: [{ role: 'user', content: user }] });
  const { text, pieces } = await readStream(response);
  return { events: parseSse(text), response, pieces };
}

describe('streaming', () => {
  it('sends the Messages API event sequence with the text in several chunks over time', async () => {
    const { events, response, pieces } = await streamed('slow please');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const names = events.map((e) => e.event);
    const deltas = names.filter((n) => n === 'content_block_delta').length;
    expect(names).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      ...Array<string>(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(deltas).toBeGreaterThanOrEqual(4);
    expect(textOf(events)).toBe('one two three four five six seven eight');
    expect(events[0]?.data['message']).toMatchObject({ role: 'assistant', model: 'claude-test', content: [], stop_reason: null });
    expect(events.at(-2)?.data).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: expect.any(Number) } });
    // The rule's 40 ms between chunks: the body arrives spread over time, not in one write.
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.at(-1)!.at - pieces[0]!.at).toBeGreaterThanOrEqual(40 * (deltas - 1) * 0.8);
  });

  it('streams a tool_use block as input_json_delta pieces and stops for the tool', async () => {
    const { events } = await streamed('which devices in chi-dc1?');
    const start = events.find((e) => e.event === 'content_block_start' && e.data['index'] === 1);
    expect(start?.data['content_block']).toMatchObject({ type: 'tool_use', name: 'mcp__netbox__netbox_get_objects', input: {} });
    expect((start?.data['content_block'] as { id: string }).id).toMatch(/^toolu_/);
    const json = events
      .filter((e) => e.event === 'content_block_delta' && e.data['index'] === 1)
      .map((e) => {
        const delta = e.data['delta'] as { type: string; partial_json: string };
        expect(delta.type).toBe('input_json_delta');
        return delta.partial_json;
      });
    expect(json.length).toBeGreaterThan(1);
    expect(JSON.parse(json.join(''))).toEqual({ object_type: 'dcim.device', filters: { site: 'chi-dc1?' }, limit: 5 });
    expect(events.find((e) => e.event === 'message_delta')?.data).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('builds the answer from the tool_result it receives and from earlier turns', async () => {
    const toolResult = 'dcim.device: showing 1–2 of 2\nid | name | site\n3 | chi-dc1-cr01 | CHI-DC1\n9 | chi-dc1-cr02 | CHI-DC1';
    const response = await postMessages(model.url, {
      stream: true,
      messages: [
        { role: 'user', content: 'which devices in chi-dc1' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Looking them up.' },
            { type: 'tool_use', id: 'toolu_1', name: 'mcp__netbox__netbox_get_objects', input: {} },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: toolResult }] }] },
      ],
    });
    const events = parseSse((await readStream(response)).text);
    expect(textOf(events)).toBe('Header: id | name | site. First: chi-dc1-cr01. You asked "which devices in chi-dc1".');
  });

  it('answers without streaming as one JSON message', async () => {
    const response = await postMessages(model.url, { messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'You said "hi" on turn 1.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
  });

  it('reads only user and assistant turns, as Claude Code also sends system messages', async () => {
    const response = await postMessages(model.url, {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'first' }] },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: '<system-reminder>ignore me</system-reminder>second' }] },
        { role: 'system' as 'user', content: [{ type: 'text', text: '# Environment' }] },
      ],
    });
    expect(await response.json()).toMatchObject({ content: [{ text: 'You said "second" on turn 2.' }] });
  });
});

describe('faults', () => {
  it('plays queued faults in order: 529, then 500, then a normal answer', async () => {
    const queued = await fetch(`${model.url}/_stub/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ status: 529 }, { status: 500 }]),
    });
    expect(await queued.json()).toEqual({ queued: 2 });
    const first = await postMessages(model.url, { stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(first.status).toBe(529);
    expect(await first.json()).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const second = await postMessages(model.url, { stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(second.status).toBe(500);
    expect(await second.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    const third = await postMessages(model.url, { stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(third.status).toBe(200);
    expect(textOf(parseSse((await readStream(third)).text))).toBe('You said "hi" on turn 1.');
    expect(await (await fetch(`${model.url}/_stub/faults`)).json()).toEqual([]);
  });

  it('answers a rule fault with its status and a custom body and headers', async () => {
    const overloaded = await postMessages(model.url, { messages: [{ role: 'user', content: 'overload me' }] });
    expect(overloaded.status).toBe(529);
    model.setFaults([{ status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, headers: { 'retry-after': '1' } }]);
    const limited = await postMessages(model.url, { messages: [{ role: 'user', content: 'hi' }] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
  });

  it('cuts the stream after N content deltas, without a stop reason', async () => {
    model.setFaults([{ cutAfterChunks: 2 }]);
    const response = await postMessages(model.url, { stream: true, messages: [{ role: 'user', content: 'slow' }] });
    expect(response.status).toBe(200);
    const read = await readStream(response);
    expect(read.error).toBeDefined();
    const names = parseSse(read.text).map((e) => e.event);
    expect(names.filter((n) => n === 'content_block_delta')).toHaveLength(2);
    expect(names).not.toContain('message_delta');
    expect(names).not.toContain('message_stop');
  });

  it('stalls before the first byte', async () => {
    model.setFaults([{ stallMs: 300 }]);
    const started = performance.now();
    const response = await postMessages(model.url, { stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(parseSse((await readStream(response)).text).at(-1)?.event).toBe('message_stop');
  });

  it('stalls in the middle of a streamed answer', async () => {
    model.setFaults([{ stallMs: 300, afterChunks: 1 }]);
    const response = await postMessages(model.url, { stream: true, messages: [{ role: 'user', content: 'slow' }] });
    const { pieces, text } = await readStream(response);
    const gaps = pieces.slice(1).map((p, i) => p.at - pieces[i]!.at);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(280);
    expect(textOf(parseSse(text))).toBe('one two three four five six seven eight');
  });

  it('refuses a bad fault list with an Anthropic-shaped 400', async () => {
    const response = await fetch(`${model.url}/_stub/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ status: 200 }]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});

describe('request log and other routes', () => {
  it('records every request body, without credentials, and clears on DELETE', async () => {
    await postMessages(model.url, { messages: [{ role: 'user', content: 'turn one' }] });
    await postMessages(model.url, {
      messages: [
        { role: 'user', content: 'turn one' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'turn two' },
      ],
    });
    const logged = (await (await fetch(`${model.url}/_stub/requests`)).json()) as { path: string; headers: Record<string, string>; body: { messages: unknown[] } }[];
    expect(logged.map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages']);
    expect(logged[1]?.body.messages).toHaveLength(3);
    expect(JSON.stringify(logged[1]?.body)).toContain('turn one');
    expect(logged[0]?.headers['x-api-key']).toBeUndefined();
    expect(logged[0]?.headers['anthropic-version']).toBe('2023-06-01');
    expect(model.messageRequests()).toHaveLength(2);
    expect((await fetch(`${model.url}/_stub/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(model.requests()).toEqual([]);
  });

  it('counts tokens, answers the CLI\'s probe, and records unknown routes while answering them 404', async () => {
    const count = await fetch(`${model.url}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-test', messages: [{ role: 'user', content: 'how many tokens is this?' }] }),
    });
    expect(await count.json()).toEqual({ input_tokens: expect.any(Number) });
    expect((await fetch(`${model.url}/api/hello`, { method: 'HEAD' })).status).toBe(200);
    const unknown = await fetch(`${model.url}/v1/models`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(model.requests().map((r) => [r.path, r.known])).toEqual([
      ['/v1/messages/count_tokens', true],
      ['/api/hello', true],
      ['/v1/models', false],
    ]);
  });

  it('answers a malformed request 400 invalid_request_error', async () => {
    const response = await fetch(`${model.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-test', messages: [] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('messages') } });
  });

  it('swaps the scenario at runtime', async () => {
    model.setScenario({ rules: [{ reply: [{ type: 'text', text: 'swapped' }] }] });
    const response = await postMessages(model.url, { messages: [{ role: 'user', content: 'hi' }] });
    expect(await response.json()).toMatchObject({ content: [{ text: 'swapped' }] });
    model.setScenario(scenario);
  });
});
