import type { ErrorEvent, ServerEvent } from '@netbox-chatbox/protocol';
import { defaultScenario, startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { ChatClient, textOf } from './support/chat-client.ts';
import { ServerProcesses, type ServerProcess } from './support/server-process.ts';
import { API_KEY } from './support/test-server.ts';
import { transcriptCopies } from './support/transcript-files.ts';

const sandbox = useSandbox();
let model: ScriptedModel;
let cluster: PostgresCluster;
const processes = new ServerProcesses();
const clients: ChatClient[] = [];

/** 200 words at 40 ms a chunk of two: about 4 s of answer, long enough to do things in the middle of it. */
const SLOW_WORDS = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');

/** A replica: `npm start` in its own OS process on the shared PostgreSQL. */
function startServer(): Promise<ServerProcess> {
  return processes.start({
    NETBOX_URL: sandbox.current.url,
    NETBOX_TOKEN: sandbox.current.token,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: API_KEY,
    DATABASE_URL: cluster.url,
  });
}

async function connect(server: ServerProcess): Promise<ChatClient> {
  const client = await ChatClient.connect(server.wsUrl);
  clients.push(client);
  return client;
}

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
  await processes.stopAll();
  model.clearRequests();
});
afterAll(async () => {
  await processes.stopAll();
  await model?.close();
  await cluster?.stop();
});

interface LoggedBody {
  messages: { role: string; content: unknown }[];
}

function seqsOf(events: readonly ServerEvent[]): number[] {
  return events.flatMap((e) => ('seq' in e && typeof e.seq === 'number' ? [e.seq] : []));
}

/** The model's request as one string: every message it was given, to look for what it must know. */
function lastRequestText(): string {
  return JSON.stringify((model.messageRequests() as LoggedBody[]).at(-1)?.messages);
}

/** The SDK session that holds a conversation's context, read from the shared database. */
async function sdkSessionOf(conversationId: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string | null }>('SELECT sdk_session_id AS id FROM conversations WHERE id = $1', [conversationId]);
    if (!rows[0]?.id) throw new Error('no SDK session stored');
    return rows[0].id;
  } finally {
    await client.end();
  }
}

/** Waits until the conversation's last answer is stored as finished, so the process that wrote it is idle. */
async function settled(server: ServerProcess, conversationId: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const body = (await (await fetch(`${server.url}/api/conversations/${conversationId}`)).json()) as { messages: { status: string }[] };
    if (body.messages.at(-1)?.status === 'complete') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the answer was not stored as complete within 10 s');
}

describe('two server processes on one PostgreSQL', () => {
  it('continue on the second a conversation started on the first, with its events and the model’s context', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    expect(one.pid).not.toBe(two.pid);

    const a = await connect(one);
    const first = await a.ask('hello there');
    expect(textOf(await a.turn(first.turnId))).toContain('You said: hello there');
    const lastSeq = Math.max(...seqsOf(a.events));
    model.clearRequests();

    const b = await connect(two);
    b.send({ type: 'resume', conversationId: first.conversationId, afterSeq: 0 });
    expect(await b.next((e) => e.type === 'resumed')).toMatchObject({ lastSeq, turnRunning: false, reload: false });
    expect(textOf(b.events)).toContain('You said: hello there');
    const second = await b.ask('and what did I ask first?', { conversationId: first.conversationId });
    const events = await b.turn(second.turnId);
    expect(events[0]).toMatchObject({ type: 'turn_start', seq: lastSeq + 1 });
    expect(textOf(events)).toBe('You first asked: "hello there". Now you say: "and what did I ask first?". This is turn 2.');
    // The second process's CLI never saw turn 1: it came back through the shared store.
    expect(lastRequestText()).toContain('hello there');

    expect(await Promise.all([processes.stop(one), processes.stop(two)])).toEqual([0, 0]);
    expect(one.output() + two.output()).not.toContain(API_KEY);
  }, 90_000);

  it('run one turn at a time per conversation across both: a message sent to each at once, one wins and the other gets TURN_IN_PROGRESS', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const a = await connect(one);
    const b = await connect(two);
    const first = await a.ask('hello there');
    await a.turn(first.turnId);
    const conversationId = first.conversationId;
    const before = Math.max(...seqsOf(a.events));
    await settled(one, conversationId);

    // Both messages leave at the same moment, one to each process.
    a.send({ type: 'message', conversationId, content: 'slow answer from the first', clientMessageId: 'on-one' });
    b.send({ type: 'message', conversationId, content: 'slow answer from the second', clientMessageId: 'on-two' });
    const answers = await Promise.all(
      [a, b].map((client, i) =>
        client.next((e) => (e.type === 'turn_start' || e.type === 'error') && e.clientMessageId === (i === 0 ? 'on-one' : 'on-two'), { timeoutMs: 30_000 }),
      ),
    );
    const won = answers.filter((e) => e.type === 'turn_start');
    const refused = answers.filter((e): e is ErrorEvent => e.type === 'error');
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'TURN_IN_PROGRESS', retryable: true, conversationId });
    const winner = won[0] as Extract<ServerEvent, { type: 'turn_start' }>;
    const winnerClient = answers[0]?.type === 'turn_start' ? a : b;
    const turn = await winnerClient.turn(winner.turnId);
    expect(textOf(turn)).toBe(SLOW_WORDS);

    // The log holds that one turn, whole and in order, and nothing of the refused message.
    const replay = await connect(one);
    replay.send({ type: 'resume', conversationId, afterSeq: before });
    await replay.next((e) => e.type === 'resumed');
    const logged = replay.events.filter((e) => 'seq' in e && typeof e.seq === 'number');
    expect(logged.filter((e) => e.type === 'turn_start')).toHaveLength(1);
    expect(new Set(logged.map((e) => ('turnId' in e ? e.turnId : undefined)))).toEqual(new Set([winner.turnId]));
    expect(seqsOf(logged)).toEqual(Array.from({ length: logged.length }, (_, i) => before + 1 + i));
    expect(textOf(logged)).toBe(SLOW_WORDS);
    const stored = (await (await fetch(`${one.url}/api/conversations/${conversationId}`)).json()) as { messages: unknown[] };
    expect(stored.messages).toHaveLength(4);
  }, 90_000);

  it('show a socket on one process the turn running on the other, live, every chunk once and in order', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const a = await connect(one);
    const first = await a.ask('hello there');
    await a.turn(first.turnId);
    const conversationId = first.conversationId;
    const before = Math.max(...seqsOf(a.events));

    const b = await connect(two);
    b.send({ type: 'resume', conversationId, afterSeq: before });
    expect(await b.next((e) => e.type === 'resumed')).toMatchObject({ lastSeq: before, turnRunning: false });
    const from = b.events.length;
    const { turnId } = await a.ask('slow answer, followed from the other process', { conversationId });
    // Live: the follower has text while the answer is still being written on the first process.
    await b.next((e) => e.type === 'text' && e.turnId === turnId && e.content !== '', { from, timeoutMs: 10_000 });
    expect(a.events.some((e) => e.type === 'done' && e.turnId === turnId)).toBe(false);
    const seen = await b.turn(turnId);
    const sent = await a.turn(turnId);
    expect(seqsOf(seen)).toEqual(seqsOf(sent));
    expect(seqsOf(b.events.slice(from))).toEqual(Array.from({ length: seen.length }, (_, i) => before + 1 + i));
    expect(textOf(seen)).toBe(SLOW_WORDS);
    expect(seen).toEqual(sent);
  }, 90_000);

  it('stop, from a socket on one process, the turn running on the other', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const a = await connect(one);
    const { conversationId, turnId } = await a.ask('slow answer, stopped from elsewhere');
    await a.until(() => (a.events.filter((e) => e.type === 'text' && e.turnId === turnId).length >= 5 ? true : undefined));
    const b = await connect(two);
    b.send({ type: 'resume', conversationId, afterSeq: 0 });
    expect(await b.next((e) => e.type === 'resumed')).toMatchObject({ turnRunning: true });
    b.send({ type: 'stop', conversationId });
    const seen = await b.turn(turnId);
    expect(seen.at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });
    expect(textOf(seen)).not.toContain('word199');
    expect((await a.turn(turnId)).at(-1)).toMatchObject({ type: 'done', stopReason: 'stopped' });
  }, 90_000);

  it('close, on the other process within 30 s, a turn whose process was killed (kill -9), and go on there with the full context', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const a = await connect(one);
    const first = await a.ask('hello there');
    await a.turn(first.turnId);
    const conversationId = first.conversationId;

    const b = await connect(two);
    b.send({ type: 'resume', conversationId, afterSeq: Math.max(...seqsOf(a.events)) });
    await b.next((e) => e.type === 'resumed');
    const { turnId } = await a.ask('slow answer, then a crash', { conversationId });
    await a.until(() => (a.events.filter((e) => e.type === 'text' && e.turnId === turnId).length >= 10 ? true : undefined));
    await processes.kill(one);
    const killedAt = performance.now();

    const ended = await b.next<ErrorEvent>((e) => e.type === 'error' && e.turnId === turnId, { timeoutMs: 35_000 });
    const closedAfterMs = performance.now() - killedAt;
    expect(closedAfterMs).toBeLessThan(30_000);
    expect(ended).toMatchObject({ code: 'INTERNAL', retryable: true });
    const seen = textOf(b.events.filter((e) => 'turnId' in e && e.turnId === turnId));
    expect(seen.startsWith('word0 word1')).toBe(true);
    expect(seen).not.toContain('word199');

    // The stored answer holds everything the event log has, and is marked as failed.
    const stored = (await (await fetch(`${two.url}/api/conversations/${conversationId}`)).json()) as { messages: { role: string; status: string; content: string }[] };
    expect(stored.messages.at(-1)).toMatchObject({ role: 'assistant', status: 'error', content: seen });

    // The conversation takes new messages on the live process, and the model is given all of it.
    model.clearRequests();
    const next = await b.ask('what was my second question?', { conversationId });
    const events = await b.turn(next.turnId);
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    expect(textOf(events)).toContain('This is turn 3.');
    const context = lastRequestText();
    for (const expected of ['hello there', 'You said: hello there', 'slow answer, then a crash', JSON.stringify(seen).slice(1, -1), 'cut off']) {
      expect(context).toContain(expected);
    }
  }, 120_000);

  it('delete a conversation’s transcript files on both, whichever one the delete went to', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    const a = await connect(one);
    const first = await a.ask('hello there');
    await a.turn(first.turnId);
    const b = await connect(two);
    const second = await b.ask('and on the other one?', { conversationId: first.conversationId });
    await b.turn(second.turnId);
    const sessionId = await sdkSessionOf(first.conversationId);
    // The first process's CLI wrote it in the user's directory; the second resumed it into a private one.
    const copies = transcriptCopies(sessionId, [one.dataDir, two.dataDir]);
    expect(copies.filter((file) => file.startsWith(one.dataDir))).toHaveLength(1);
    expect(copies.length).toBeGreaterThanOrEqual(2);

    expect((await fetch(`${one.url}/api/conversations/${first.conversationId}`, { method: 'DELETE' })).status).toBe(204);
    for (const deadline = Date.now() + 10_000; transcriptCopies(sessionId, [one.dataDir, two.dataDir]).length > 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(transcriptCopies(sessionId, [one.dataDir, two.dataDir])).toEqual([]);
    expect((await fetch(`${two.url}/api/conversations/${first.conversationId}`)).status).toBe(404);
  }, 90_000);
});
