import { ChatResponseSchema, ConversationListSchema, ConversationSchema, type ChatResponse } from '@netbox-chatbox/protocol';
import { describe, expect, it } from 'vitest';
import { ChatClient } from '../e2e-server/support/chat-client.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

const server = useTestServer({
  rules: [{ name: 'slow', when: { user: '^tell me slowly' }, chunkDelayMs: 60, reply: [{ type: 'text', text: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') }] }],
});

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
}

async function chat(body: Record<string, unknown>): Promise<ChatResponse> {
  const response = await api('/api/chat', { method: 'POST', body });
  expect(response.status).toBe(200);
  return ChatResponseSchema.parse(await response.json());
}

describe('POST /api/chat, the seed plan’s non-streaming form', () => {
  it('answers with the whole message, the tools used and their NetBox queries', async () => {
    const answer = await chat({ message: 'Which devices are in site chi-dc1?' });
    expect(answer).toMatchObject({ completed: true, stopReason: 'end_turn', session_id: answer.conversationId });
    expect(answer.message).toMatch(/\| chi-dc1-cr01 \| Core Router \|/);
    expect(answer.toolCalls).toEqual([
      expect.objectContaining({
        name: 'mcp__netbox__netbox_get_objects',
        status: 'ok',
        resultSummary: 'dcim.device: all 18',
        rows: 18,
        queries: [expect.stringMatching(/^\/api\/dcim\/devices\/\?site_id=1&/)],
        links: expect.objectContaining({ list: `${server.sandbox.url}/dcim/devices/?site_id=1` }),
      }),
    ]);
    expect(answer.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('continues a conversation given as session_id (the seed’s name) with its context', async () => {
    const first = await chat({ message: 'hello there' });
    const second = await chat({ message: 'what did I ask?', session_id: first.session_id });
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.message).toBe('You first asked: "hello there". Now you say: "what did I ask?". This is turn 2.');
  });

  it('refuses an empty message and an unknown conversation', async () => {
    const empty = await api('/api/chat', { method: 'POST', body: { message: '   ' } });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'BAD_FRAME' });
    const unknown = await api('/api/chat', { method: 'POST', body: { message: 'hi', conversationId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('streams the same turn to a socket that follows the conversation', async () => {
    const first = await chat({ message: 'hello there' });
    const socket = await ChatClient.connect(server.wsUrl);
    socket.send({ type: 'resume', conversationId: first.conversationId, afterSeq: 0 });
    await socket.next((e) => e.type === 'resumed');
    const second = chat({ message: 'and again', conversationId: first.conversationId });
    const start = await socket.next((e) => e.type === 'turn_start' && e.content === 'and again');
    const answer = await second;
    const events = await socket.turn((start as { turnId: string }).turnId);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(answer.turnId).toBe((start as { turnId: string }).turnId);
    await socket.close();
  });
});

describe('conversations over HTTP', () => {
  it('lists, gets, renames, exports and deletes a conversation', async () => {
    const answer = await chat({ message: 'Which devices are in site chi-dc1?' });
    const id = answer.conversationId;

    const list = ConversationListSchema.parse(await (await api('/api/conversations')).json());
    expect(list.conversations[0]).toMatchObject({ id, title: 'Which devices are in site chi-dc1?', messageCount: 2 });

    const conversation = ConversationSchema.parse(await (await api(`/api/conversations/${id}`)).json());
    expect(conversation.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    const assistant = conversation.messages[1];
    expect(assistant?.content).toBe(answer.message);
    expect(assistant?.toolCalls[0]).toMatchObject({ name: 'mcp__netbox__netbox_get_objects', status: 'ok', rows: 18 });
    expect(assistant?.usage?.output_tokens).toBeGreaterThan(0);

    const renamed = await api(`/api/conversations/${id}`, { method: 'PATCH', body: { title: 'Devices in Chicago' } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id, title: 'Devices in Chicago' });
    const blank = await api(`/api/conversations/${id}`, { method: 'PATCH', body: { title: '   ' } });
    expect(blank.status).toBe(400);

    const markdown = await api(`/api/conversations/${id}/export`);
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(markdown.headers.get('content-disposition')).toBe('attachment; filename="devices-in-chicago.md"');
    const text = await markdown.text();
    expect(text.split('\n')[0]).toBe('# Devices in Chicago');
    expect(text).toContain('## You · ');
    expect(text).toContain('Which devices are in site chi-dc1?');
    expect(text).toMatch(/1\. `netbox_get_objects` — dcim\.device where site=chi-dc1: dcim\.device: all 18/);
    expect(text).toMatch(/- NetBox API: `\/api\/dcim\/devices\/\?site_id=1&/);

    const json = await api(`/api/conversations/${id}/export?format=json`);
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="devices-in-chicago.json"');
    const exported = ConversationSchema.parse(await json.json());
    const { resumeAfterSeq: _before, ...stored } = conversation;
    expect(exported).toEqual({ ...stored, title: 'Devices in Chicago' });

    // Nothing is after the resume point of a finished conversation: a socket resuming there gets no replay.
    const { resumeAfterSeq } = ConversationSchema.parse(await (await api(`/api/conversations/${id}`)).json());
    expect(resumeAfterSeq).toBeGreaterThan(_before ?? 0);
    const socket = await ChatClient.connect(server.wsUrl);
    socket.send({ type: 'resume', conversationId: id, afterSeq: resumeAfterSeq });
    await socket.next((e) => e.type === 'resumed');
    expect(socket.events.filter((e) => 'seq' in e && e.seq !== undefined)).toEqual([]);
    await socket.close();

    const deleted = await api(`/api/conversations/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await api(`/api/conversations/${id}`)).status).toBe(404);
    expect((await api(`/api/conversations/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('pages the list with a cursor', async () => {
    for (const n of [1, 2, 3]) await chat({ message: `hello number ${n}` });
    const first = ConversationListSchema.parse(await (await api('/api/conversations?limit=2')).json());
    expect(first.conversations).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = ConversationListSchema.parse(await (await api(`/api/conversations?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)).json());
    expect(second.conversations.map((c) => c.id)).not.toContain(first.conversations[0]?.id);
    const bad = await api('/api/conversations?cursor=nonsense');
    expect(bad.status).toBe(400);
  });

  it('points a page that opens a conversation mid-answer at the start of that answer, so it misses nothing', async () => {
    const writer = await ChatClient.connect(server.wsUrl);
    const first = await writer.ask('hello there');
    await writer.turn(first.turnId);
    writer.send({ type: 'message', conversationId: first.conversationId, content: 'tell me slowly' });
    const start = (await writer.next((e) => e.type === 'turn_start' && e.content === 'tell me slowly')) as { seq: number; turnId: string };
    await writer.next((e) => e.type === 'text' && e.turnId === start.turnId && e.content !== '');

    const conversation = ConversationSchema.parse(await (await api(`/api/conversations/${first.conversationId}`)).json());
    expect(conversation.resumeAfterSeq).toBe(start.seq - 1);
    const reader = await ChatClient.connect(server.wsUrl);
    reader.send({ type: 'resume', conversationId: first.conversationId, afterSeq: conversation.resumeAfterSeq });
    const readerEnd = await reader.turn(start.turnId);
    const writerEnd = await writer.turn(start.turnId);
    expect(readerEnd.map((e) => JSON.stringify(e))).toEqual(writerEnd.map((e) => JSON.stringify(e)));
    await Promise.all([reader.close(), writer.close()]);
  });

  it('deleting a conversation stops its running answer first', async () => {
    const socket = await ChatClient.connect(server.wsUrl);
    const { conversationId, turnId } = await socket.ask('Which devices are in site chi-dc1?');
    const deleted = await api(`/api/conversations/${conversationId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(server.app.chat.isTurnRunning(conversationId)).toBe(false);
    await socket.turn(turnId);
    expect((await api(`/api/conversations/${conversationId}`)).status).toBe(404);
    await socket.close();
  });

  it('refuses a state change from another site’s page', async () => {
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(response.status).toBe(403);
  });
});
