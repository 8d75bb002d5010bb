import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isStoreError, openStore, type Store } from '../../src/store/index.ts';
import { BACKENDS, useBackends } from './store-backends.ts';

const backends = useBackends();

async function conversationOf(store: Store) {
  const user = await store.users.upsert({ netboxUrl: 'https://netbox.example.com', username: `u-${randomUUID()}` });
  const conversation = await store.conversations.create(user.id, { title: 'events' });
  return { userId: user.id, conversationId: conversation.id };
}

describe.each(BACKENDS)('the chat event log on %s', (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backends.open(backend);
  });

  it('numbers events 1, 2, 3… per conversation and replays them after a seq', async () => {
    const a = await conversationOf(store);
    const b = await conversationOf(store);
    expect(await store.events.append(a, 't1', { type: 'turn_start', content: 'hi' })).toBe(1);
    expect(await store.events.append(a, 't1', { type: 'text', content: 'Hel', completed: false })).toBe(2);
    expect(await store.events.append(b, 't9', { type: 'text', content: 'other' })).toBe(1);
    expect(await store.events.append(a, null, { type: 'conversation', title: 'renamed' })).toBe(3);
    const replay = await store.events.after(a, 1);
    expect(replay).toMatchObject({ lastSeq: 3, gap: false });
    expect(replay?.events.map((e) => [e.seq, e.turnId, e.event])).toEqual([
      [2, 't1', { type: 'text', content: 'Hel', completed: false }],
      [3, null, { type: 'conversation', title: 'renamed' }],
    ]);
    expect(await store.events.after(a, 3)).toEqual({ events: [], lastSeq: 3, gap: false });
    expect((await store.conversations.get(a.userId, a.conversationId))?.lastSeq).toBe(3);
    const limited = await store.events.after(a, 0, 2);
    expect(limited?.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(limited?.gap).toBe(false);
  });

  it('resumes a page before the answer still being written, else after the last event', async () => {
    const scope = await conversationOf(store);
    expect(await store.events.resumePoint(scope)).toBe(0);
    await store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'first' });
    await store.events.append(scope, 't1', { type: 'turn_start', content: 'first' });
    await store.events.append(scope, 't1', { type: 'done' });
    await store.messages.upsertAssistantMessage({ ...scope, turnId: 't1', content: 'one', toolCalls: [], status: 'complete' });
    expect(await store.events.resumePoint(scope)).toBe(2);
    await store.messages.addUserMessage({ ...scope, turnId: 't2', content: 'second' });
    await store.events.append(scope, 't2', { type: 'turn_start', content: 'second' });
    await store.events.append(scope, 't2', { type: 'text', content: 'Hel', completed: false });
    await store.messages.upsertAssistantMessage({ ...scope, turnId: 't2', content: 'Hel', toolCalls: [], status: 'running' });
    expect(await store.events.resumePoint(scope)).toBe(2);
    await store.messages.upsertAssistantMessage({ ...scope, turnId: 't2', content: 'Hello', toolCalls: [], status: 'complete' });
    expect(await store.events.resumePoint(scope)).toBe(4);
    expect(await store.events.resumePoint({ ...scope, userId: randomUUID() })).toBeNull();
  });

  it('gives every concurrent append its own seq, with no gaps', async () => {
    const scope = await conversationOf(store);
    const seqs = await Promise.all(Array.from({ length: 60 }, (_, i) => store.events.append(scope, 't1', { i })));
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const replay = await store.events.after(scope, 0);
    for (const event of replay!.events) expect(event.event).toEqual({ i: seqs.indexOf(event.seq) });
  });

  it('stores events with NUL characters and half surrogate pairs', async () => {
    const scope = await conversationOf(store);
    await store.events.append(scope, 't1', { type: 'text', content: 'a\u0000b \uD83D' });
    const replay = await store.events.after(scope, 0);
    expect(replay?.events[0]?.event).toEqual({ type: 'text', content: 'a\u0000b \uFFFD' });
  });

  it('prunes old turns as a prefix, and reports the gap to a client that is too far behind', async () => {
    const scope = await conversationOf(store);
    for (const turn of ['t1', 't2', 't3']) {
      for (let i = 0; i < 3; i += 1) await store.events.append(scope, turn, { turn, i });
    }
    expect(await store.events.pruneTurns(scope, 2)).toBe(3);
    expect((await store.events.after(scope, 0))?.events.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8, 9]);
    expect((await store.events.after(scope, 0))?.gap).toBe(true);
    expect((await store.events.after(scope, 2))?.gap).toBe(true);
    expect((await store.events.after(scope, 3))?.gap).toBe(false);
    expect((await store.events.after(scope, 6))?.events.map((e) => e.seq)).toEqual([7, 8, 9]);
    expect(await store.events.pruneTurns(scope, 0)).toBe(6);
    expect(await store.events.after(scope, 5)).toEqual({ events: [], lastSeq: 9, gap: true });
    expect(await store.events.after(scope, 9)).toEqual({ events: [], lastSeq: 9, gap: false });
    // Numbering goes on after pruning.
    expect(await store.events.append(scope, 't4', {})).toBe(10);
  });

  it('prunes by age, leaving a suffix of each log', async () => {
    const scope = await conversationOf(store);
    await store.events.append(scope, 't1', { old: true });
    await store.events.append(scope, 't1', { old: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cutoff = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.events.append(scope, 't2', { old: false });
    expect(await store.events.pruneOlderThan(cutoff)).toBeGreaterThanOrEqual(2);
    expect((await store.events.after(scope, 0))?.events.map((e) => e.seq)).toEqual([3]);
  });

  it('refuses appends to a conversation that is gone or not the caller\'s', async () => {
    const scope = await conversationOf(store);
    await expect(store.events.append({ ...scope, conversationId: randomUUID() }, 't1', {})).rejects.toSatisfy((error) => isStoreError(error, 'NOT_FOUND'));
    await store.conversations.delete(scope.userId, scope.conversationId);
    await expect(store.events.append(scope, 't1', {})).rejects.toSatisfy((error) => isStoreError(error, 'NOT_FOUND'));
  });
});

describe('two server processes on one PostgreSQL', () => {
  it('allocate seqs of one conversation without collisions or gaps (two pools, concurrent appends)', async () => {
    const url = await backends.postgresUrl();
    const [one, two] = await Promise.all([openStore({ database: { kind: 'postgres', url } }), openStore({ database: { kind: 'postgres', url } })]);
    try {
      const scope = await conversationOf(one);
      const perProcess = 100;
      const appendFrom = (store: Store, name: string) =>
        Promise.all(Array.from({ length: perProcess }, async (_, i) => ({ seq: await store.events.append(scope, 't1', { from: name, i }), from: name, i })));
      const results = (await Promise.all([appendFrom(one, 'one'), appendFrom(two, 'two')])).flat();
      const seqs = results.map((r) => r.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 2 * perProcess }, (_, i) => i + 1));
      const replay = await two.events.after(scope, 0);
      expect(replay?.lastSeq).toBe(2 * perProcess);
      expect(replay?.gap).toBe(false);
      const bySeq = new Map(results.map((r) => [r.seq, { from: r.from, i: r.i }]));
      for (const event of replay!.events) expect(event.event).toEqual(bySeq.get(event.seq));
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
