import type { NoticeEvent, ToolResultEvent } from '@netbox-chatbox/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { answerOf, ChatClient, textOf } from '../e2e-server/support/chat-client.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

const RATE_LIMIT = 4;
const server = useTestServer({ env: { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } });
/** Messages this file's user has sent: the per-user limit counts them all. */
let sent = 0;

const clients: ChatClient[] = [];
async function connect(): Promise<ChatClient> {
  const client = await ChatClient.connect(server.wsUrl);
  clients.push(client);
  return client;
}
afterEach(async () => {
  server.setNetboxFaults({});
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

describe('failures a user can act on, with the conversation intact', () => {
  it('says the model is being retried after a 529 and a 500, and then answers', async () => {
    server.model.setFaults([{ status: 529 }, { status: 500 }]);
    const client = await connect();
    const { turnId } = await client.ask('hello there');
    sent++;
    const events = await client.turn(turnId);
    const notices = events.filter((e): e is NoticeEvent => e.type === 'notice');
    expect(notices.map((n) => n.code)).toEqual(['MODEL_RETRYING', 'MODEL_RETRYING']);
    expect(notices[0]?.message).toMatch(/^The AI model is overloaded; retrying \(attempt 1 of \d+\)\.$/);
    expect(textOf(events)).toContain('You said: hello there');
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
  });

  it('replaces the text of a model stream cut midway with the retry’s: one clean answer live, in the replay and stored', async () => {
    const client = await connect();
    const clean = await client.ask('hello there');
    sent++;
    const expected = textOf(await client.turn(clean.turnId));
    server.model.setFaults([{ cutAfterChunks: 6 }]);
    const { conversationId, turnId } = await client.ask('hello there');
    sent++;
    const events = await client.turn(turnId);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    // The cut attempt's words came, and were taken back: the answer is the retry's, once.
    expect(events.filter((e) => e.type === 'text_reset')).toMatchObject([{ length: 0 }]);
    expect(textOf(events).length).toBeGreaterThan(expected.length);
    const answer = answerOf(events);
    expect(answer).toBe(expected);
    const stored = (await (await fetch(`${server.url}/api/conversations/${conversationId}`)).json()) as { messages: { content: string }[] };
    expect(stored.messages.at(-1)?.content).toBe(expected);
    const replay = await connect();
    replay.send({ type: 'resume', conversationId, afterSeq: 0 });
    await replay.next((e) => e.type === 'resumed');
    expect(answerOf(replay.events.filter((e) => 'turnId' in e && e.turnId === turnId))).toBe(expected);
  });

  it('reports NetBox down in the tool result, and the answer says so instead of guessing', async () => {
    server.setNetboxFaults({ dropRate: 1 });
    const client = await connect();
    const { conversationId, turnId } = await client.ask('Which devices are in site chi-dc1?');
    sent++;
    const events = await client.turn(turnId, 60_000);
    const result = events.find((e): e is ToolResultEvent => e.type === 'tool_result');
    expect(result).toMatchObject({ isError: true, summary: expect.stringMatching(/^NETBOX_UNREACHABLE: /) });
    expect(textOf(events)).toMatch(/NetBox could not answer that/);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    const stored = (await (await fetch(`${server.url}/api/conversations/${conversationId}`)).json()) as { messages: { toolCalls: { status: string }[] }[] };
    expect(stored.messages[1]?.toolCalls[0]?.status).toBe('error');
  }, 90_000);

  it('limits messages per user per minute, across sockets, and says when to retry', async () => {
    const a = await connect();
    const b = await connect();
    let limited: unknown;
    for (let i = 0; i < RATE_LIMIT + 1 && !limited; i++) {
      const client = i % 2 === 0 ? a : b;
      const from = client.events.length;
      client.send({ type: 'message', content: `hello number ${i}`, clientMessageId: `rl${i}` });
      const answer = await client.next((e) => (e.type === 'turn_start' || e.type === 'error') && e.clientMessageId === `rl${i}`, { from });
      if (answer.type === 'error') limited = answer;
      else {
        sent++;
        await client.turn((answer as { turnId: string }).turnId);
      }
    }
    expect(sent).toBe(RATE_LIMIT);
    expect(limited).toMatchObject({ type: 'error', code: 'RATE_LIMITED', retryable: true, message: expect.stringMatching(/^You have sent 4 messages in the last minute, the most allowed\. Try again in \d+ s\.$/) });
    // The limit is the user's, over HTTP too.
    const http = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });
    expect(http.status).toBe(429);
    expect(await http.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
