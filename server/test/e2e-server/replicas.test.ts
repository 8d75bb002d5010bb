import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { startApp, type RunningApp } from '../../src/app.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { ChatClient, textOf } from './support/chat-client.ts';
import { API_KEY, captureLogger, testConfig } from './support/test-server.ts';

const sandbox = useSandbox();
let model: ScriptedModel;
let cluster: PostgresCluster;
const apps: RunningApp[] = [];
const dirs: string[] = [];

/** A server with its own data directory (so its own CLI transcript files), on the shared PostgreSQL. */
async function replica(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'server-replica-'));
  dirs.push(dir);
  const env = {
    NETBOX_URL: sandbox.current.url,
    NETBOX_TOKEN: sandbox.current.token,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: API_KEY,
    DATABASE_URL: cluster.url,
  };
  const app = await startApp({ config: testConfig(env, dir, false), logger: captureLogger().logger, warmUp: false });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  [model, cluster] = await Promise.all([startScriptedModel({ chunkDelayMs: 2 }), startPostgresCluster()]);
}, 120_000);
afterAll(async () => {
  for (const app of apps.splice(0)) await app.close();
  await model?.close();
  await cluster?.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface LoggedBody {
  messages: { role: string; content: unknown }[];
}

describe('two servers on one PostgreSQL', () => {
  it('continues on the second a conversation started on the first, with its events and context', async () => {
    const [one, two] = await Promise.all([replica(), replica()]);
    expect(one.store.kind).toBe('postgres');
    const a = await ChatClient.connect(`${one.url.replace('http', 'ws')}/ws/chat`);
    const first = await a.ask('hello there');
    await a.turn(first.turnId);
    const lastSeq = Math.max(...a.events.flatMap((e) => ('seq' in e && typeof e.seq === 'number' ? [e.seq] : [])));
    await a.close();
    model.clearRequests();

    const b = await ChatClient.connect(`${two.url.replace('http', 'ws')}/ws/chat`);
    b.send({ type: 'resume', conversationId: first.conversationId, afterSeq: 0 });
    expect(await b.next((e) => e.type === 'resumed')).toMatchObject({ lastSeq, reload: false });
    expect(textOf(b.events)).toContain('You said: hello there');
    const second = await b.ask('and what did I ask first?', { conversationId: first.conversationId });
    const events = await b.turn(second.turnId);
    expect(textOf(events)).toBe('You first asked: "hello there". Now you say: "and what did I ask first?". This is turn 2.');
    expect(JSON.stringify((model.messageRequests() as LoggedBody[]).at(-1)?.messages)).toContain('hello there');
    expect(events[0]).toMatchObject({ type: 'turn_start', seq: lastSeq + 1 });
    await b.close();

    // The first server sees the whole conversation too, and its next answer knows turn 2, which it never saw.
    const stored = (await (await fetch(`${one.url}/api/conversations/${first.conversationId}`)).json()) as { messages: unknown[] };
    expect(stored.messages).toHaveLength(4);
    model.clearRequests();
    const again = await ChatClient.connect(`${one.url.replace('http', 'ws')}/ws/chat`);
    const third = await again.ask('back on the first server', { conversationId: first.conversationId });
    const thirdEvents = await again.turn(third.turnId);
    expect(textOf(thirdEvents)).toContain('This is turn 3.');
    expect(JSON.stringify((model.messageRequests() as LoggedBody[]).at(-1)?.messages)).toContain('and what did I ask first?');
    await again.close();
  }, 90_000);
});
