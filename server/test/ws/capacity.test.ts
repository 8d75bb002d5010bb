import type { BusyEvent } from '@netbox-chatbox/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatClient, textOf } from '../e2e-server/support/chat-client.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

const SLOW_WORDS = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

/** One live CLI process at most, and warm-up on. */
const server = useTestServer({
  env: { MAX_LIVE_SESSIONS: '1' },
  warmUp: true,
  rules: [{ name: 'slow answer', when: { user: '^slow' }, chunkDelayMs: 30, reply: [{ type: 'text', text: SLOW_WORDS }] }],
});

const clients: ChatClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

async function eventually(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('warm-up and the cap on live CLI processes', () => {
  it('warms a CLI for the user when the socket opens, and the first question uses it', async () => {
    const client = await ChatClient.connect(server.wsUrl);
    clients.push(client);
    await eventually(() => server.app.pool.stats().spares === 1, 'a warm spare');
    const { turnId } = await client.ask('hello there');
    const events = await client.turn(turnId);
    expect(textOf(events)).toContain('You said: hello there');
    const started = server.logLines.filter((line) => line.includes('"msg":"cli process started"'));
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(started[0] ?? '{}')).toMatchObject({ warm: true, resume: false });
  });

  it('queues a conversation when every process is busy, says so, and answers it afterwards', async () => {
    const a = await ChatClient.connect(server.wsUrl);
    const b = await ChatClient.connect(server.wsUrl);
    clients.push(a, b);
    const slow = await a.ask('slow answer, taking the only process');
    await a.next((e) => e.type === 'text' && e.turnId === slow.turnId);
    const waiting = await b.ask('hello from the queue');
    const busy = (await b.next((e) => e.type === 'busy')) as BusyEvent;
    expect(busy).toMatchObject({ conversationId: waiting.conversationId, turnId: waiting.turnId, position: 1 });
    expect(server.app.pool.stats().live).toBe(1);
    const first = await a.turn(slow.turnId);
    expect(textOf(first)).toBe(SLOW_WORDS);
    const second = await b.turn(waiting.turnId);
    expect(textOf(second)).toContain('You said: hello from the queue');
    // The queued turn's answer began only after the slow one had ended.
    const slowDone = a.arrival((e) => e.type === 'done' && e.turnId === slow.turnId);
    expect(b.arrival((e) => e.type === 'text' && e.turnId === waiting.turnId)).toBeGreaterThan(slowDone);
    expect(second.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
  });
});
