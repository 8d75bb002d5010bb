import { beforeAll, describe, expect, it } from 'vitest';
import { isStoreError, type Store } from '../../src/store/index.ts';
import { BACKENDS, useBackends } from './store-backends.ts';

const backends = useBackends();

/** User B, signed in on the same server, tries every store function on user A's things. */
describe.each(BACKENDS)('user isolation on %s', (backend) => {
  let store: Store;
  let alice: { id: string };
  let bob: { id: string };
  let conversationId: string;
  let credentialId: string;
  let aliceSession: string;
  beforeAll(async () => {
    store = await backends.open(backend);
    alice = await store.users.upsert({ netboxUrl: 'https://netbox.example.com', username: 'alice' });
    bob = await store.users.upsert({ netboxUrl: 'https://netbox.example.com', username: 'bob' });
    const conversation = await store.conversations.create(alice.id, { title: 'Alice only' });
    conversationId = conversation.id;
    const scope = { userId: alice.id, conversationId };
    await store.conversations.setSdkSessionId(alice.id, conversationId, 'alice-sdk');
    await store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'secret question' });
    await store.messages.upsertAssistantMessage({ ...scope, turnId: 't1', content: 'secret answer', toolCalls: [], status: 'complete' });
    await store.events.append(scope, 't1', { type: 'text', content: 'secret answer' });
    credentialId = (await store.credentials!.save({ userId: alice.id, token: 'alice-token-0123456789', kind: 'v1' })).id;
    aliceSession = (await store.sessions.create({ userId: alice.id, credentialId, ttlMs: 60_000 })).token;
  });

  it('B reads nothing of A\'s', async () => {
    const asBob = { userId: bob.id, conversationId };
    expect(await store.conversations.get(bob.id, conversationId)).toBeNull();
    expect((await store.conversations.list(bob.id)).conversations).toEqual([]);
    expect(await store.messages.list(asBob)).toBeNull();
    expect(await store.events.after(asBob, 0)).toBeNull();
    expect(await store.credentials!.get(bob.id, credentialId)).toBeNull();
  });

  it('B changes nothing of A\'s', async () => {
    const asBob = { userId: bob.id, conversationId };
    expect(await store.conversations.rename(bob.id, conversationId, 'hijacked')).toBeNull();
    expect(await store.conversations.touch(bob.id, conversationId)).toBeNull();
    expect(await store.conversations.setSdkSessionId(bob.id, conversationId, 'bob-sdk')).toBeNull();
    expect(await store.conversations.delete(bob.id, conversationId)).toBeNull();
    const notFound = (error: unknown) => isStoreError(error, 'NOT_FOUND');
    await expect(store.messages.addUserMessage({ ...asBob, turnId: 't2', content: 'injected' })).rejects.toSatisfy(notFound);
    await expect(store.messages.upsertAssistantMessage({ ...asBob, turnId: 't1', content: 'overwritten', toolCalls: [], status: 'complete' })).rejects.toSatisfy(notFound);
    await expect(store.events.append(asBob, 't1', { type: 'text', content: 'injected' })).rejects.toSatisfy(notFound);
    expect(await store.events.pruneTurns(asBob, 0)).toBe(0);
    expect(await store.credentials!.delete(bob.id, credentialId)).toBe(false);
    expect(await store.sessions.revokeAllForUser(bob.id)).toBe(0);

    const conversation = await store.conversations.get(alice.id, conversationId);
    expect(conversation).toMatchObject({ title: 'Alice only', sdkSessionId: 'alice-sdk', lastSeq: 1 });
    const scope = { userId: alice.id, conversationId };
    expect((await store.messages.list(scope))?.map((m) => m.content)).toEqual(['secret question', 'secret answer']);
    expect((await store.events.after(scope, 0))?.events.map((e) => e.event)).toEqual([{ type: 'text', content: 'secret answer' }]);
    expect((await store.credentials!.get(alice.id, credentialId))?.token).toBe('alice-token-0123456789');
    expect(await store.sessions.find(aliceSession)).toMatchObject({ userId: alice.id });
  });
});
