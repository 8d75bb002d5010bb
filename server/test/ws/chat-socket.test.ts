import type { DoneEvent, ServerEvent, ToolResultEvent, ToolUseEvent } from '@netbox-chatbox/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatClient, textOf } from '../e2e-server/support/chat-client.ts';
import { API_KEY, useTestServer } from '../e2e-server/support/test-server.ts';

const SLOW_WORDS = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');

const server = useTestServer({
  rules: [{ name: 'slow answer', when: { user: '^slow' }, chunkDelayMs: 30, reply: [{ type: 'text', text: SLOW_WORDS }] }],
});

const clients: ChatClient[] = [];
async function connect(options: { origin?: string } = {}): Promise<ChatClient> {
  const client = await ChatClient.connect(server.wsUrl, options);
  clients.push(client);
  return client;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

interface LoggedBody {
  messages: { role: string; content: unknown }[];
}

function seqs(events: readonly ServerEvent[]): number[] {
  return events.flatMap((e) => ('seq' in e && typeof e.seq === 'number' ? [e.seq] : []));
}

describe('the chat socket on the real SDK, CLI, scripted model and sandbox', () => {
  it('says who and what it is in the first frame', async () => {
    const client = await connect();
    expect(client.events[0]).toMatchObject({
      type: 'connected',
      protocolVersion: 1,
      mode: 'single-user',
      user: { username: 'local' },
      model: { configured: true, name: 'claude-sonnet-4-5' },
      netboxUrl: server.sandbox.url,
      limits: { maxFrameBytes: 65_536, maxMessageChars: 16_000, rateLimitPerMinute: 30 },
    });
  });

  it('holds a two-turn conversation: the model request for turn 2 contains turn 1', async () => {
    const client = await connect();
    const first = await client.ask('hello there', { clientMessageId: 'm1' });
    const created = client.events.find((e) => e.type === 'conversation');
    expect(created).toMatchObject({ type: 'conversation', conversationId: first.conversationId, title: 'hello there', seq: 1 });
    const turn1 = await client.turn(first.turnId);
    expect(turn1[0]).toMatchObject({ type: 'turn_start', seq: 2, content: 'hello there', clientMessageId: 'm1' });
    expect(textOf(turn1)).toContain('You said: hello there');
    expect(turn1.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });

    const second = await client.ask('and what did I ask first?', { conversationId: first.conversationId });
    expect(second.conversationId).toBe(first.conversationId);
    const turn2 = await client.turn(second.turnId);
    expect(textOf(turn2)).toBe('You first asked: "hello there". Now you say: "and what did I ask first?". This is turn 2.');
    const bodies = server.model.messageRequests() as LoggedBody[];
    expect(JSON.stringify(bodies.at(-1)?.messages)).toContain('hello there');

    // One seq per recorded event of the conversation, from 1, without a gap.
    const all = seqs(client.events.filter((e) => 'conversationId' in e && e.conversationId === first.conversationId));
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('streams the answer in several chunks before the completed chunk and done', async () => {
    const client = await connect();
    const { turnId } = await client.ask('hello there');
    const events = await client.turn(turnId);
    const texts = events.filter((e) => e.type === 'text');
    const completed = texts.findIndex((e) => e.type === 'text' && e.completed);
    expect(completed).toBe(texts.length - 1);
    expect(texts.length).toBeGreaterThanOrEqual(5);
    expect(texts.at(-1)).toMatchObject({ content: '', completed: true });
    const done = events.at(-1) as DoneEvent;
    expect(done.type).toBe('done');
    expect(done.usage.input_tokens).toBeGreaterThan(0);
    expect(done.usage.output_tokens).toBeGreaterThan(0);
    expect(done.costUsd).toBeGreaterThan(0);
    expect(done.durationMs).toBeGreaterThan(0);
    expect(done.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the tool call with its input and the result with the NetBox query it ran', async () => {
    const client = await connect();
    const { conversationId, turnId } = await client.ask('Which devices are in site chi-dc1?');
    const events = await client.turn(turnId);
    const use = events.find((e): e is ToolUseEvent => e.type === 'tool_use');
    const result = events.find((e): e is ToolResultEvent => e.type === 'tool_result');
    expect(use).toMatchObject({
      name: 'mcp__netbox__netbox_get_objects',
      input: { object_type: 'dcim.device', filters: { site: 'chi-dc1' } },
      summary: 'dcim.device where site=chi-dc1',
    });
    expect(result).toMatchObject({ toolUseId: use?.toolUseId, isError: false, summary: 'dcim.device: all 18', rows: 18, total: 18, truncated: false });
    expect(result?.queries).toEqual([expect.stringMatching(/^\/api\/dcim\/devices\/\?site_id=1&/)]);
    expect(result?.links.list).toBe(`${server.sandbox.url}/dcim/devices/?site_id=1`);
    // Each device's name links to its page, for the UI to link names in the answer.
    const names = result?.links.names ?? {};
    expect(names['chi-dc1-cr01']).toMatch(new RegExp(`^${server.sandbox.url}/dcim/devices/\\d+/$`));
    expect(Object.values(result?.links.objects ?? {})).toContain(names['chi-dc1-cr01']);
    expect(events.indexOf(result as ServerEvent)).toBeLessThan(events.findLastIndex((e) => e.type === 'text' && !e.completed));
    expect(textOf(events)).toMatch(/\| chi-dc1-cr01 \| Core Router \|/);
    // The text before the tool call and the text after it are paragraphs, on the wire and in the store alike.
    expect(textOf(events)).toMatch(/^I'll look up the devices in that site\.\n\nThese are the devices in site \*\*chi-dc1\*\*/);
    const stored = (await (await fetch(`${server.url}/api/conversations/${conversationId}`)).json()) as {
      messages: { role: string; content: string; toolCalls: { links: unknown }[] }[];
    };
    expect(stored.messages[1]?.content).toBe(textOf(events));
    expect(stored.messages[1]?.toolCalls[0]?.links).toEqual(result?.links);
  });

  it('stops in the middle of an answer and keeps what was written', async () => {
    const client = await connect();
    const { conversationId, turnId } = await client.ask('slow answer please');
    await client.until(() => (client.events.filter((e) => e.type === 'text' && e.turnId === turnId).length >= 4 ? true : undefined));
    client.send({ type: 'stop', conversationId });
    const events = await client.turn(turnId);
    expect(events.at(-2)).toMatchObject({ type: 'text', completed: true });
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });
    const text = textOf(events);
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain('word119');

    const stored = (await (await fetch(`${server.url}/api/conversations/${conversationId}`)).json()) as { messages: { role: string; status: string; content: string }[] };
    expect(stored.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'stopped'],
    ]);
    expect(stored.messages[1]?.content).toBe(text);

    // The conversation goes on after a stop.
    const next = await client.ask('hello again', { conversationId });
    expect((await client.turn(next.turnId)).at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
  });

  it('runs on when the socket drops, and a resume gets the rest with no gap and no duplicate', async () => {
    const a = await connect();
    const { conversationId, turnId } = await a.ask('slow answer for a reconnect');
    await a.until(() => (a.events.filter((e) => e.type === 'text' && e.turnId === turnId).length >= 5 ? true : undefined));
    await a.terminate();
    const seenByA = a.events.filter((e) => 'conversationId' in e && e.conversationId === conversationId);
    const lastSeq = Math.max(...seqs(seenByA));
    // The turn goes on with nobody listening.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const b = await connect();
    b.send({ type: 'resume', conversationId, afterSeq: lastSeq });
    const resumed = await b.next((e) => e.type === 'resumed');
    expect(resumed).toMatchObject({ conversationId, reload: false });
    const rest = await b.turn(turnId);
    const restSeqs = seqs(rest);
    expect(restSeqs[0]).toBe(lastSeq + 1);
    expect(restSeqs).toEqual(Array.from({ length: restSeqs.length }, (_, i) => lastSeq + 1 + i));
    expect(textOf(seenByA) + textOf(rest)).toBe(SLOW_WORDS);
    expect(rest.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    // Some of the rest was replayed, some arrived live after `resumed`.
    const resumedAt = b.events.indexOf(resumed);
    expect(b.events.slice(0, resumedAt).some((e) => e.type === 'text')).toBe(true);
  });

  it('replays a whole conversation from seq 0, for a second tab', async () => {
    const a = await connect();
    const { conversationId, turnId } = await a.ask('hello there');
    const original = await a.turn(turnId);
    const b = await connect();
    b.send({ type: 'resume', conversationId, afterSeq: 0 });
    const resumed = await b.next((e) => e.type === 'resumed');
    expect(resumed).toMatchObject({ turnRunning: false, reload: false });
    const replayed = b.events.filter((e) => 'seq' in e && e.seq !== undefined);
    expect(replayed[0]).toMatchObject({ type: 'conversation', seq: 1 });
    expect(replayed.slice(1)).toEqual(original);
    expect((resumed as { lastSeq: number }).lastSeq).toBe(Math.max(...seqs(original)));
  });

  it('accepts the seed plan form {"message": …}', async () => {
    const client = await connect();
    client.sendRaw('{"message": "hello from the seed"}');
    const done = await client.next((e) => e.type === 'done');
    expect(done.type).toBe('done');
    const texts = client.events.filter((e) => e.type === 'text');
    expect(textOf(texts)).toContain('You said: hello from the seed');
    expect(texts.at(-1)).toMatchObject({ completed: true });
  });

  it('answers bad frames with an error and keeps the connection', async () => {
    const client = await connect();
    const expectError = async (send: () => void, code: string) => {
      const from = client.events.length;
      send();
      const error = await client.next((e) => e.type === 'error', { from });
      expect(error).toMatchObject({ type: 'error', code });
      expect(error).not.toHaveProperty('seq');
      return error;
    };
    await expectError(() => client.sendRaw('not json {'), 'BAD_FRAME');
    await expectError(() => client.sendRaw('[1,2]'), 'BAD_FRAME');
    await expectError(() => client.send({ type: 'subscribe' }), 'UNKNOWN_TYPE');
    await expectError(() => client.send({ type: 'resume', conversationId: 'c1' }), 'BAD_FRAME');
    await expectError(() => client.sendRaw(Buffer.from([1, 2, 3]), { binary: true }), 'BAD_FRAME');
    await expectError(() => client.send({ type: 'message', content: 'x'.repeat(16_001) }), 'MESSAGE_TOO_LONG');
    const large = await expectError(() => client.send({ type: 'message', content: 'y'.repeat(100_000) }), 'FRAME_TOO_LARGE');
    expect(JSON.stringify(large).length).toBeLessThan(300);
    await expectError(() => client.send({ type: 'resume', conversationId: '00000000-0000-4000-8000-000000000000', afterSeq: 0 }), 'NOT_FOUND');
    await expectError(() => client.send({ type: 'stop', conversationId: 'not-a-conversation' }), 'NOT_FOUND');
    const from = client.events.length;
    client.send({ type: 'ping' });
    expect(await client.next((e) => e.type === 'pong', { from })).toEqual({ type: 'pong' });
    expect(client.closeCode).toBeUndefined();
  });

  it('refuses a second message while a turn is running in that conversation', async () => {
    const client = await connect();
    const { conversationId, turnId } = await client.ask('slow answer, and I am impatient');
    const from = client.events.length;
    client.send({ type: 'message', conversationId, content: 'are you done?', clientMessageId: 'm-impatient' });
    const error = await client.next((e) => e.type === 'error', { from });
    expect(error).toMatchObject({ code: 'TURN_IN_PROGRESS', retryable: true, conversationId, clientMessageId: 'm-impatient' });
    client.send({ type: 'stop', conversationId });
    await client.turn(turnId);
  });

  it('takes the same conversation written in upper case as the same conversation: still one turn at a time', async () => {
    const client = await connect();
    const { conversationId, turnId } = await client.ask('slow answer, then the same conversation in capitals');
    const from = client.events.length;
    client.send({ type: 'message', conversationId: conversationId.toUpperCase(), content: 'are you done?', clientMessageId: 'm-upper' });
    const answer = await client.next((e) => (e.type === 'error' || e.type === 'turn_start') && e.clientMessageId === 'm-upper', { from });
    expect(answer).toMatchObject({ type: 'error', code: 'TURN_IN_PROGRESS' });
    client.send({ type: 'stop', conversationId: conversationId.toUpperCase() });
    expect((await client.turn(turnId)).at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });
    // Resumed in capitals, it is the same log, under the id the server gave it.
    const replay = await connect();
    replay.send({ type: 'resume', conversationId: conversationId.toUpperCase(), afterSeq: 0 });
    expect(await replay.next((e) => e.type === 'resumed')).toMatchObject({ conversationId, turnRunning: false });
    expect(replay.events.filter((e) => e.type === 'turn_start')).toHaveLength(1);
  });

  it('takes the next message the moment `done` arrives: the turn is over before anyone hears it ended', async () => {
    const client = await connect();
    let turn = await client.ask('hello there');
    for (let i = 0; i < 5; i++) {
      await client.turn(turn.turnId);
      turn = await client.ask(`hello again ${i}`, { conversationId: turn.conversationId });
    }
    expect((await client.turn(turn.turnId)).at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
  });

  it('survives a flood of frames: some are refused with one warning, and the socket lives', async () => {
    const client = await connect();
    for (let i = 0; i < 300; i++) client.send({ type: 'ping' });
    const warning = await client.next((e) => e.type === 'error');
    expect(warning).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pongs = client.events.filter((e) => e.type === 'pong').length;
    expect(pongs).toBeGreaterThan(0);
    expect(pongs).toBeLessThan(300);
    expect(client.events.filter((e) => e.type === 'error').length).toBeLessThanOrEqual(3);
    const from = client.events.length;
    client.send({ type: 'ping' });
    await client.next((e) => e.type === 'pong', { from });
    expect(client.closeCode).toBeUndefined();
  });

  it('refuses an upgrade from a forged Origin, and accepts its own', async () => {
    const refused = await ChatClient.refused(server.wsUrl, { origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'UNAUTHORIZED' });
    const own = await connect({ origin: server.url });
    expect(own.events[0]?.type).toBe('connected');
  });

  it('never puts the API key or the NetBox token in a frame or a log line', async () => {
    const client = await connect();
    const { turnId } = await client.ask('Which devices are in site chi-dc1?');
    await client.turn(turnId);
    const secrets = [API_KEY, server.sandbox.token];
    const everything = [...client.frames, ...server.logLines];
    expect(server.logLines.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(everything.filter((line) => line.includes(secret))).toEqual([]);
  });
});
