import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { closeDeadTurn } from '../../src/chat/dead-turns.ts';
import { createChatEventsRepo, createTurnLeasesRepo, isStoreError, type Store } from '../../src/store/index.ts';
import { BACKENDS, useBackends } from './store-backends.ts';

const backends = useBackends();

/** Another server process on the same database: its own holder id. */
function otherProcess(store: Store) {
  const id = `other-${randomUUID().slice(0, 8)}`;
  return { turns: createTurnLeasesRepo(store.db, id, id), events: createChatEventsRepo(store.db, id), id };
}

async function conversationOf(store: Store) {
  const user = await store.users.upsert({ netboxUrl: 'https://netbox.example.com', username: `u-${randomUUID().slice(0, 8)}` });
  const conversation = await store.conversations.create(user.id, { title: 'leases' });
  return { userId: user.id, conversationId: conversation.id };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('turn leases on %s', (backend) => {
  it('let one turn run per conversation, whoever asks and however the id is written', async () => {
    const store = await backends.open(backend);
    const scope = await conversationOf(store);
    const other = otherProcess(store);
    expect(await store.turns.acquire(scope, 't1', 15_000)).toEqual({ kind: 'acquired' });
    expect(await other.turns.acquire(scope, 't2', 15_000)).toEqual({ kind: 'held', turnId: 't1', holder: store.replicaId, expired: false });
    const upper = { ...scope, conversationId: scope.conversationId.toUpperCase() };
    expect(await other.turns.acquire(upper, 't3', 15_000)).toMatchObject({ kind: 'held', turnId: 't1' });
    expect(await store.turns.running(scope.conversationId, 15_000)).toEqual({ turnId: 't1', holder: store.replicaId });
    await store.turns.release(scope.conversationId, 't1');
    expect(await other.turns.acquire(upper, 't2', 15_000)).toEqual({ kind: 'acquired' });
    expect(await store.turns.acquire({ ...scope, conversationId: randomUUID() }, 't9', 15_000)).toEqual({ kind: 'not_found' });
  });

  it('refuse a process’s writes for a turn once its lease is gone', async () => {
    const store = await backends.open(backend);
    const scope = await conversationOf(store);
    await store.turns.acquire(scope, 't1', 15_000);
    const fence = { turnId: 't1', holder: store.replicaId };
    const ids = { conversationId: scope.conversationId, turnId: 't1' };
    expect(await store.events.appendMany(scope, [{ turnId: 't1', event: { type: 'text', ...ids, content: 'a', completed: false } }], fence)).toEqual({ firstSeq: 1, lastSeq: 1 });
    await store.db.query('DELETE FROM turn_leases WHERE conversation_id = $1', [scope.conversationId]);
    await expect(store.events.appendMany(scope, [{ turnId: 't1', event: { type: 'text', ...ids, content: 'b', completed: false } }], fence)).rejects.toSatisfy((error) =>
      isStoreError(error, 'LEASE_LOST'),
    );
    await expect(store.messages.upsertAssistantMessage({ ...scope, turnId: 't1', content: 'b', toolCalls: [], status: 'running' }, fence)).rejects.toSatisfy((error) =>
      isStoreError(error, 'LEASE_LOST'),
    );
    expect((await store.events.after(scope, 0))?.lastSeq).toBe(1);
  });

  it('end a turn in one step: closing events, final answer, lease released', async () => {
    const store = await backends.open(backend);
    const scope = await conversationOf(store);
    await store.turns.acquire(scope, 't1', 15_000);
    const fence = { turnId: 't1', holder: store.replicaId };
    const ids = { conversationId: scope.conversationId, turnId: 't1' };
    await store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'q' });
    const closing = [{ turnId: 't1', event: { type: 'text', ...ids, content: '', completed: true } }];
    expect(await store.turns.finish(scope, fence, closing, { content: 'done', toolCalls: [], status: 'complete' })).toEqual({ firstSeq: 1, lastSeq: 1 });
    expect(await store.turns.running(scope.conversationId, 15_000)).toBeNull();
    expect((await store.messages.list(scope))?.at(-1)).toMatchObject({ role: 'assistant', content: 'done', status: 'complete' });
    // Finishing again (a process that lost its lease meanwhile) writes nothing.
    await expect(store.turns.finish(scope, fence, closing, { content: 'again', toolCalls: [], status: 'complete' })).rejects.toSatisfy((error) => isStoreError(error, 'LEASE_LOST'));
    expect((await store.events.after(scope, 0))?.lastSeq).toBe(1);
  });

  it('close a dead process’s turn from what it recorded, once, and free the conversation', async () => {
    const store = await backends.open(backend);
    const scope = await conversationOf(store);
    const dead = otherProcess(store);
    const ids = { conversationId: scope.conversationId, turnId: 't1' };
    const fence = { turnId: 't1', holder: dead.id };
    await dead.turns.acquire(scope, 't1', 15_000);
    await store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'question' });
    await dead.events.appendMany(
      scope,
      [
        { turnId: 't1', event: { type: 'turn_start', ...ids, messageId: randomUUID(), content: 'question' } },
        { turnId: 't1', event: { type: 'text', ...ids, content: 'A first try', completed: false } },
        { turnId: 't1', event: { type: 'text_reset', ...ids, length: 0 } },
        { turnId: 't1', event: { type: 'text', ...ids, content: 'Half an ', completed: false } },
        { turnId: 't1', event: { type: 'tool_use', ...ids, toolUseId: 'tu1', name: 'mcp__netbox__netbox_get_objects', input: {}, summary: 'Devices' } },
        { turnId: 't1', event: { type: 'text', ...ids, content: 'answer', completed: false } },
      ],
      fence,
    );
    // The dead process's last save lags the log, as saves do.
    await store.messages.upsertAssistantMessage({ ...scope, turnId: 't1', content: 'A first', toolCalls: [], status: 'running' }, fence);
    // Its lease is not dead yet: renewed just now.
    expect(await store.turns.dead(5_000)).toEqual([]);
    await sleep(60);
    const found = await store.turns.dead(50);
    expect(found).toEqual([{ ...scope, turnId: 't1' }]);
    const turn = found[0]!;
    const [first, second] = await Promise.all([
      store.turns.closeDead(turn, 50, (events) => closeDeadTurn(turn, events)),
      otherProcess(store).turns.closeDead(turn, 50, (events) => closeDeadTurn(turn, events)),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await store.turns.dead(50)).toEqual([]);
    const log = await store.events.after(scope, 0);
    expect(log?.events.slice(-2).map((e) => e.event)).toEqual([
      { type: 'text', ...ids, content: '', completed: true },
      { type: 'error', ...ids, code: 'INTERNAL', message: 'The server stopped while this answer was being written.', retryable: true },
    ]);
    expect(log?.lastSeq).toBe(8);
    expect((await store.messages.list(scope))?.at(-1)).toMatchObject({
      content: 'Half an answer',
      status: 'error',
      interrupted: true,
      toolCalls: [{ id: 'tu1', status: 'error' }],
    });
    expect(await store.turns.acquire(scope, 't2', 15_000)).toEqual({ kind: 'acquired' });
  });

  it('find answers left running with no lease at all, and close them too', async () => {
    const store = await backends.open(backend);
    const scope = await conversationOf(store);
    await store.messages.addUserMessage({ ...scope, turnId: 'old', content: 'q' });
    await store.messages.upsertAssistantMessage({ ...scope, turnId: 'old', content: 'half', toolCalls: [], status: 'running' });
    const [turn] = await store.turns.dead(15_000);
    expect(turn).toEqual({ ...scope, turnId: 'old' });
    expect(await store.turns.closeDead(turn!, 15_000, (events) => closeDeadTurn(turn!, events))).toBe(true);
    expect((await store.messages.list(scope))?.at(-1)).toMatchObject({ status: 'error', interrupted: true });
    expect(await store.turns.dead(15_000)).toEqual([]);
  });

  it('keep a renewed lease alive, and tell its holder which leases it still has', async () => {
    const store = await backends.open(backend);
    const a = await conversationOf(store);
    const b = await conversationOf(store);
    await store.turns.acquire(a, 'ta', 15_000);
    await store.turns.acquire(b, 'tb', 15_000);
    await store.db.query('DELETE FROM turn_leases WHERE conversation_id = $1', [b.conversationId]);
    await sleep(60);
    expect(await store.turns.renew()).toEqual([{ conversationId: a.conversationId, turnId: 'ta' }]);
    expect(await otherProcess(store).turns.dead(50)).toEqual([]);
  });
});
