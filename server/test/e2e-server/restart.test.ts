import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenario, startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { startApp, type RunningApp } from '../../src/app.ts';
import { ChatClient, textOf } from './support/chat-client.ts';
import { API_KEY, captureLogger, testConfig } from './support/test-server.ts';

const sandbox = useSandbox();
let model: ScriptedModel;
let dataDir: string;
const SLOW_WORDS = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');

beforeAll(async () => {
  model = await startScriptedModel({
    chunkDelayMs: 2,
    scenario: { rules: [{ name: 'slow', when: { user: '^slow' }, chunkDelayMs: 40, reply: [{ type: 'text', text: SLOW_WORDS }] }, ...defaultScenario().rules] },
  });
  dataDir = mkdtempSync(join(tmpdir(), 'server-restart-'));
});
afterAll(async () => {
  await model?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(): Promise<RunningApp> {
  const env = { NETBOX_URL: sandbox.current.url, NETBOX_TOKEN: sandbox.current.token, ANTHROPIC_BASE_URL: model.url, ANTHROPIC_API_KEY: API_KEY };
  return startApp({ config: testConfig(env, dataDir, false), logger: captureLogger().logger, warmUp: false });
}

interface LoggedBody {
  messages: { role: string; content: unknown }[];
}

describe('a server restart', () => {
  it('keeps the conversation, its events and the model’s context (through the store, not the CLI’s files)', async () => {
    const first = await start();
    let conversationId: string;
    let firstEvents: number;
    try {
      const socket = await ChatClient.connect(`${first.url.replace('http', 'ws')}/ws/chat`);
      const turn = await socket.ask('hello there');
      conversationId = turn.conversationId;
      const events = await socket.turn(turn.turnId);
      expect(textOf(events)).toContain('You said: hello there');
      firstEvents = socket.events.filter((e) => 'seq' in e && e.seq !== undefined).length;
      await socket.close();
    } finally {
      await first.close();
    }
    // The CLI's own transcript files go: the context must come back from our store (the SDK's sessionStore).
    rmSync(join(dataDir, 'agent'), { recursive: true, force: true });
    model.clearRequests();

    const second = await start();
    try {
      const socket = await ChatClient.connect(`${second.url.replace('http', 'ws')}/ws/chat`);
      socket.send({ type: 'resume', conversationId, afterSeq: 0 });
      const resumed = await socket.next((e) => e.type === 'resumed');
      expect(resumed).toMatchObject({ lastSeq: firstEvents, turnRunning: false, reload: false });
      const turn = await socket.ask('and what did I ask first?', { conversationId });
      const events = await socket.turn(turn.turnId);
      expect(textOf(events)).toBe('You first asked: "hello there". Now you say: "and what did I ask first?". This is turn 2.');
      const bodies = model.messageRequests() as LoggedBody[];
      expect(JSON.stringify(bodies.at(-1)?.messages)).toContain('hello there');
      expect(events[0]).toMatchObject({ type: 'turn_start', seq: firstEvents + 1 });
      await socket.close();
      const stored = (await (await fetch(`${second.url}/api/conversations/${conversationId}`)).json()) as { messages: unknown[] };
      expect(stored.messages).toHaveLength(4);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('stores an answer cut short by a shutdown as stopped, with what was written so far', async () => {
    const first = await start();
    const socket = await ChatClient.connect(`${first.url.replace('http', 'ws')}/ws/chat`);
    const { conversationId, turnId } = await socket.ask('slow answer, then a shutdown');
    await socket.until(() => (socket.events.filter((e) => e.type === 'text' && e.turnId === turnId).length >= 3 ? true : undefined));
    await first.close();
    expect(await socket.until(() => socket.closeCode, 5000, 'the socket to close')).toBeDefined();

    const second = await start();
    try {
      const stored = (await (await fetch(`${second.url}/api/conversations/${conversationId}`)).json()) as { messages: { role: string; status: string; content: string }[] };
      const answer = stored.messages[1];
      expect(answer).toMatchObject({ role: 'assistant', status: 'stopped' });
      expect(answer?.content.startsWith('word0 word1')).toBe(true);
      expect(answer?.content).not.toContain('word199');
      const replay = await ChatClient.connect(`${second.url.replace('http', 'ws')}/ws/chat`);
      replay.send({ type: 'resume', conversationId, afterSeq: 0 });
      await replay.next((e) => e.type === 'resumed');
      expect(replay.events.filter((e) => e.type === 'done').at(-1)).toMatchObject({ turnId, stopReason: 'stopped' });
      expect(textOf(replay.events)).toBe(answer?.content);
      await replay.close();
    } finally {
      await second.close();
    }
  }, 60_000);

  it('ends, at the next start, a turn that a crash left unfinished: the replay shows its error, and the chat goes on', async () => {
    const first = await start();
    let conversationId: string;
    let lastSeq: number;
    const crashed = randomUUID();
    try {
      const socket = await ChatClient.connect(`${first.url.replace('http', 'ws')}/ws/chat`);
      const turn = await socket.ask('hello there');
      conversationId = turn.conversationId;
      await socket.turn(turn.turnId);
      await socket.close();
      // What a process that died mid-answer leaves behind: a running answer and its events, with no end.
      const [owner] = await first.store.db.query<{ userId: string }>('SELECT user_id AS "userId" FROM conversations WHERE id = $1', [conversationId]);
      const scope = { userId: owner?.userId ?? '', conversationId };
      const ids = { conversationId, turnId: crashed };
      const question = await first.store.messages.addUserMessage({ ...scope, turnId: crashed, content: 'a question the crash cut off' });
      await first.store.events.append(scope, crashed, { type: 'turn_start', ...ids, messageId: question.id, content: 'a question the crash cut off' });
      // The answer row is saved at most once a second, so it lags the event log: the log is what clients saw.
      await first.store.messages.upsertAssistantMessage({ ...scope, turnId: crashed, content: 'Half', toolCalls: [], status: 'running' });
      lastSeq = await first.store.events.append(scope, crashed, { type: 'text', ...ids, content: 'Half an ans', completed: false });
    } finally {
      await first.close();
    }

    const second = await start();
    try {
      const socket = await ChatClient.connect(`${second.url.replace('http', 'ws')}/ws/chat`);
      socket.send({ type: 'resume', conversationId, afterSeq: 0 });
      expect(await socket.next((e) => e.type === 'resumed')).toMatchObject({ lastSeq: lastSeq + 2, turnRunning: false, reload: false });
      const ending = await socket.turn(crashed, 1000);
      expect(ending.slice(-3)).toEqual([
        { type: 'text', conversationId, turnId: crashed, seq: lastSeq, content: 'Half an ans', completed: false },
        { type: 'text', conversationId, turnId: crashed, seq: lastSeq + 1, content: '', completed: true },
        { type: 'error', conversationId, turnId: crashed, seq: lastSeq + 2, code: 'INTERNAL', message: 'The server stopped while this answer was being written.', retryable: true },
      ]);
      const stored = (await (await fetch(`${second.url}/api/conversations/${conversationId}`)).json()) as { messages: { status: string; content: string }[] };
      expect(stored.messages.at(-1)).toMatchObject({ status: 'error', content: 'Half an ans' });

      const next = await socket.ask('still there?', { conversationId });
      const events = await socket.turn(next.turnId);
      expect(events[0]).toMatchObject({ type: 'turn_start', seq: lastSeq + 3 });
      expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
      await socket.close();
    } finally {
      await second.close();
    }
  }, 60_000);
});
