import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorEvent, ServerEvent } from '@netbox-chatbox/protocol';
import { defaultScenario, startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { startApp, type RunningApp } from '../../src/app.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { ChatClient, textOf } from './support/chat-client.ts';
import { API_KEY, captureLogger, testConfig } from './support/test-server.ts';

const sandbox = useSandbox();
let model: ScriptedModel;
let cluster: PostgresCluster;
const apps: RunningApp[] = [];
const clients: ChatClient[] = [];
const dirs: string[] = [];
const SLOW_WORDS = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');

beforeAll(async () => {
  [model, cluster] = await Promise.all([
    startScriptedModel({
      chunkDelayMs: 2,
      scenario: { rules: [{ name: 'slow', when: { user: '^slow' }, chunkDelayMs: 40, reply: [{ type: 'text', text: SLOW_WORDS }] }, ...defaultScenario().rules] },
    }),
    startPostgresCluster(),
  ]);
}, 120_000);
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const app of apps.splice(0)) await app.close();
});
afterAll(async () => {
  await model?.close();
  await cluster?.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function server(maxOutageMs: number): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'server-outage-'));
  dirs.push(dir);
  const env = { NETBOX_URL: sandbox.current.url, NETBOX_TOKEN: sandbox.current.token, ANTHROPIC_BASE_URL: model.url, ANTHROPIC_API_KEY: API_KEY, DATABASE_URL: await cluster.createDatabase() };
  const app = await startApp({ config: testConfig(env, dir, false), logger: captureLogger().logger, warmUp: false, outageLimits: { maxBufferedEvents: 5_000, maxOutageMs } });
  apps.push(app);
  return app;
}

async function connect(app: RunningApp): Promise<ChatClient> {
  const client = await ChatClient.connect(`${app.url.replace('http', 'ws')}/ws/chat`);
  clients.push(client);
  return client;
}

function turnEvents(events: readonly ServerEvent[], turnId: string): ServerEvent[] {
  return events.filter((e) => 'turnId' in e && e.turnId === turnId);
}

function seqsOf(events: readonly ServerEvent[]): number[] {
  return events.flatMap((e) => ('seq' in e && typeof e.seq === 'number' ? [e.seq] : []));
}

async function storedAnswer(app: RunningApp, conversationId: string): Promise<{ status: string; content: string; error?: { code: string } }> {
  const body = (await (await fetch(`${app.url}/api/conversations/${conversationId}`)).json()) as { messages: { status: string; content: string; error?: { code: string } }[] };
  return body.messages.at(-1) as { status: string; content: string; error?: { code: string } };
}

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('PostgreSQL stopped in the middle of an answer and started again', () => {
  it('holds the events while it is away and writes them when it is back: the client, the replay and the stored answer all have every word', async () => {
    const app = await server(30_000);
    const client = await connect(app);
    const { conversationId, turnId } = await client.ask('slow answer through a database outage');
    await client.until(() => (client.events.filter((e) => e.type === 'text' && e.turnId === turnId).length >= 10 ? true : undefined));
    await cluster.pause();
    try {
      const during = await fetch(`${app.url}/api/conversations/${conversationId}`);
      expect(during.status).toBe(503);
      expect(await during.json()).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await cluster.resume();
    }
    const seen = await client.turn(turnId, 60_000);
    expect(seen.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    expect(textOf(seen)).toBe(SLOW_WORDS);
    const seqs = seqsOf(seen);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));

    const replay = await connect(app);
    replay.send({ type: 'resume', conversationId, afterSeq: 0 });
    await replay.next((e) => e.type === 'resumed');
    expect(turnEvents(replay.events, turnId)).toEqual(seen);
    expect(await storedAnswer(app, conversationId)).toMatchObject({ status: 'complete', content: SLOW_WORDS });
  }, 120_000);

  it('ends the turn with STORE_UNAVAILABLE when it stays away too long, and writes that end, with no gap, once it is back', async () => {
    const app = await server(1_500);
    const client = await connect(app);
    const { conversationId, turnId } = await client.ask('slow answer through a long database outage');
    await client.until(() => (client.events.filter((e) => e.type === 'text' && e.turnId === turnId).length >= 10 ? true : undefined));
    let told: ErrorEvent;
    await cluster.pause();
    try {
      told = await client.next<ErrorEvent>((e) => e.type === 'error' && e.turnId === turnId, { timeoutMs: 20_000 });
    } finally {
      await cluster.resume();
    }
    expect(told).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true, conversationId });
    const seenText = textOf(turnEvents(client.events, turnId));
    expect(seenText.startsWith('word0 word1')).toBe(true);
    expect(seenText).not.toContain('word199');

    const stored = await until(async () => {
      const answer = await storedAnswer(app, conversationId);
      return answer.status === 'error' ? answer : undefined;
    }, 'the turn’s end to be stored');
    expect(stored).toMatchObject({ content: seenText, error: { code: 'STORE_UNAVAILABLE' } });
    const replay = await connect(app);
    replay.send({ type: 'resume', conversationId, afterSeq: 0 });
    await replay.next((e) => e.type === 'resumed');
    const logged = turnEvents(replay.events, turnId);
    expect(textOf(logged)).toBe(seenText);
    expect(logged.at(-1)).toMatchObject({ type: 'error', code: 'STORE_UNAVAILABLE' });

    // The conversation goes on, and the model hears where the cut answer stopped.
    model.clearRequests();
    const next = await client.ask('are you back?', { conversationId });
    expect((await client.turn(next.turnId, 60_000)).at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
  }, 120_000);
});
