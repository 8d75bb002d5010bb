import type { BusyEvent } from '@netbox-chatbox/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatClient, textOf } from '../e2e-server/support/chat-client.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

const SLOW_WORDS = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');

/** Three live sessions, so one signed-in user may hold one (a quarter, at least 1). */
const server = useTestServer({
  mode: 'multi-user',
  env: { MAX_LIVE_SESSIONS: '3' },
  rules: [{ name: 'slow answer', when: { user: '^slow' }, chunkDelayMs: 40, reply: [{ type: 'text', text: SLOW_WORDS }] }],
});

const clients: ChatClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

async function signedIn(username: string): Promise<ChatClient> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const client = await ChatClient.connect(server.wsUrl, { cookie });
  clients.push(client);
  return client;
}

describe('one user flooding while another asks', () => {
  it('keeps the flooding user to their share, so the other user’s question is answered at once', async () => {
    expect(server.config.limits).toMatchObject({ maxLiveSessions: 3, maxLiveSessionsPerUser: 1 });
    const heavy = await signedIn('admin');
    const light = await signedIn('mchen');
    const flood: Array<{ conversationId: string; turnId: string }> = [];
    for (let i = 0; i < 3; i++) flood.push(await heavy.ask(`slow answer number ${i}`));
    const asked = performance.now();
    const question = await light.ask('hello there');
    const answer = await light.turn(question.turnId, 60_000);
    const answeredAfter = performance.now() - asked;
    expect(textOf(answer)).toContain('You said: hello there');
    expect(light.events.filter((e) => e.type === 'busy')).toEqual([]);

    // Meanwhile the flood waits its turn, one at a time, told where it stands.
    const firstSlowDone = await heavy.next((e) => e.type === 'done' && e.turnId === flood[0]?.turnId, { timeoutMs: 60_000 });
    expect(heavy.arrival((e) => e === firstSlowDone)).toBeGreaterThan(light.arrival((e) => e.type === 'done' && e.turnId === question.turnId));
    expect(answeredAfter).toBeLessThan(4_000);
    const busy = heavy.events.filter((e): e is BusyEvent => e.type === 'busy');
    expect(new Set(busy.map((e) => e.turnId))).toEqual(new Set([flood[1]?.turnId, flood[2]?.turnId]));
    for (const turn of flood) expect(textOf(await heavy.turn(turn.turnId, 60_000))).toBe(SLOW_WORDS);
  }, 120_000);
});
