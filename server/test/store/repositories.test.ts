import { randomUUID } from 'node:crypto';
import { ChatMessageSchema, type ToolCall } from '@netbox-chatbox/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken, isStoreError, toChatMessage, type Store } from '../../src/store/index.ts';
import { BACKENDS, useBackends } from './store-backends.ts';

const backends = useBackends();
const NETBOX = 'https://netbox.example.com';

const TOOL_CALL: ToolCall = {
  id: 'toolu_01',
  name: 'mcp__netbox__netbox_get_objects',
  input: { object_type: 'dcim.device', filters: { site: 'chi-dc1' } },
  summary: 'Devices in site chi-dc1',
  status: 'ok',
  resultSummary: '18 devices',
  rows: 18,
  total: 18,
  truncated: false,
  queries: ['/api/dcim/devices/?site=chi-dc1&limit=50'],
  links: { list: 'https://netbox.example.com/dcim/devices/?site=chi-dc1', objects: { 'chi-dc1-cr01': 'https://netbox.example.com/dcim/devices/1/' } },
  durationMs: 42.5,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('repositories on %s', (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backends.open(backend);
  });
  const newUser = (username = `user-${randomUUID()}`) => store.users.upsert({ netboxUrl: NETBOX, username, displayName: 'Some One', signIn: true });

  describe('users', () => {
    it('creates a user on first sight and finds the same one again', async () => {
      const first = await newUser('alice');
      expect(first).toMatchObject({ netboxUrl: NETBOX, username: 'alice', displayName: 'Some One' });
      expect(first.lastSignInAt).toBeInstanceOf(Date);
      const again = await store.users.upsert({ netboxUrl: NETBOX, username: 'alice', displayName: 'Alice A.' });
      expect(again.id).toBe(first.id);
      expect(again.displayName).toBe('Alice A.');
      expect(again.lastSignInAt).toEqual(first.lastSignInAt);
      expect(await store.users.get(first.id)).toEqual(again);
    });

    it('keeps the same username on two NetBoxes apart', async () => {
      const here = await store.users.upsert({ netboxUrl: NETBOX, username: 'bob' });
      const there = await store.users.upsert({ netboxUrl: 'https://other.example.com', username: 'bob' });
      expect(here.id).not.toBe(there.id);
    });

    it('finds nothing for unknown or malformed ids', async () => {
      expect(await store.users.get(randomUUID())).toBeNull();
      expect(await store.users.get('not-a-uuid')).toBeNull();
    });
  });

  describe('credentials', () => {
    it('stores the token encrypted and gives it back decrypted', async () => {
      const user = await newUser();
      const credentials = store.credentials!;
      const token = 'nbt_key123.abcdefghijklmnopqrstuvwxyz0123456789';
      const { id } = await credentials.save({ userId: user.id, token, kind: 'v2', provisionedTokenId: 71 });
      const raw = await store.db.query<{ token_ciphertext: string }>('SELECT token_ciphertext FROM netbox_credentials WHERE id = $1', [id]);
      expect(raw[0]?.token_ciphertext).toMatch(/^v1\./);
      expect(JSON.stringify(raw)).not.toContain('abcdefghijklmnopqrstuvwxyz');
      expect(await credentials.get(user.id, id)).toMatchObject({ id, userId: user.id, kind: 'v2', token, provisionedTokenId: 71 });
      const given = await credentials.save({ userId: user.id, token: '0123456789abcdef0123456789abcdef01234567', kind: 'v1' });
      expect((await credentials.get(user.id, given.id))?.provisionedTokenId).toBeNull();
    });

    it('refuses a row whose ciphertext was altered or copied from another row', async () => {
      const user = await newUser();
      const credentials = store.credentials!;
      const a = await credentials.save({ userId: user.id, token: 'token-a-0123456789', kind: 'v1' });
      const b = await credentials.save({ userId: user.id, token: 'token-b-0123456789', kind: 'v1' });
      await store.db.query('UPDATE netbox_credentials SET token_ciphertext = (SELECT token_ciphertext FROM netbox_credentials WHERE id = $1) WHERE id = $2', [a.id, b.id]);
      await expect(credentials.get(user.id, b.id)).rejects.toSatisfy((error) => isStoreError(error, 'TOKEN_UNREADABLE'));
      expect((await credentials.get(user.id, a.id))?.token).toBe('token-a-0123456789');
    });

    it('deleting a credential ends the sessions that used it', async () => {
      const user = await newUser();
      const { id } = await store.credentials!.save({ userId: user.id, token: 'token-0123456789', kind: 'v1' });
      const { token } = await store.sessions.create({ userId: user.id, credentialId: id, ttlMs: 60_000 });
      expect(await store.credentials!.delete(user.id, id)).toBe(true);
      expect(await store.sessions.find(token)).toBeNull();
      expect(await store.credentials!.get(user.id, id)).toBeNull();
    });

    it('is taken once: whoever takes it revokes its token, and its sessions end', async () => {
      const user = await newUser();
      const token = 'nbt_key123.taken0123456789';
      const { id } = await store.credentials!.save({ userId: user.id, token, kind: 'v2', provisionedTokenId: 9 });
      const session = await store.sessions.create({ userId: user.id, credentialId: id, ttlMs: 60_000 });
      const [first, second] = await Promise.all([store.credentials!.take(user.id, id), store.credentials!.take(user.id, id)]);
      expect([first, second].filter(Boolean)).toEqual([expect.objectContaining({ id, userId: user.id, token, provisionedTokenId: 9 })]);
      expect(await store.sessions.find(session.token)).toBeNull();
      expect(await store.credentials!.take((await newUser()).id, id)).toBeNull();
    });

    it('takes the credentials of ended sign-ins, and of sign-ins that never got a session once they are old', async () => {
      const user = await newUser();
      const credentials = store.credentials!;
      const save = async (name: string) => (await credentials.save({ userId: user.id, token: `token-${name}-0123456789`, kind: 'v1' })).id;
      const live = await save('live');
      await store.sessions.create({ userId: user.id, credentialId: live, ttlMs: 60_000 });
      const expired = await save('expired');
      await store.sessions.create({ userId: user.id, credentialId: expired, ttlMs: 1 });
      const revoked = await save('revoked');
      await store.sessions.revoke((await store.sessions.create({ userId: user.id, credentialId: revoked, ttlMs: 60_000 })).token);
      const sharedLive = await save('shared');
      await store.sessions.create({ userId: user.id, credentialId: sharedLive, ttlMs: 1 });
      await store.sessions.create({ userId: user.id, credentialId: sharedLive, ttlMs: 60_000 });
      const orphan = await save('orphan');
      await sleep(20);
      const ours = (rows: { id: string }[]) => rows.map((row) => row.id).filter((id) => [live, expired, revoked, sharedLive, orphan].includes(id));
      const taken = await credentials.takeEnded(100, 60_000);
      expect(ours(taken).sort()).toEqual([expired, revoked].sort());
      expect(taken.find((row) => row.id === expired)?.token).toBe('token-expired-0123456789');
      expect(ours(await credentials.takeEnded(100, 60_000))).toEqual([]);
      expect(ours(await credentials.takeEnded(100, 0))).toEqual([orphan]);
      expect((await credentials.get(user.id, live))?.token).toBe('token-live-0123456789');
      expect((await credentials.get(user.id, sharedLive))?.token).toBe('token-shared-0123456789');
    });
  });

  describe('sessions', () => {
    it('hands out a random cookie value and keeps only its hash', async () => {
      const user = await newUser();
      const { token, session } = await store.sessions.create({ userId: user.id, credentialId: null, ttlMs: 60_000 });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeGreaterThanOrEqual(59_000);
      const raw = await store.db.query('SELECT * FROM sessions WHERE user_id = $1', [user.id]);
      expect(JSON.stringify(raw)).not.toContain(token);
      expect(raw[0]?.id_hash).toBe(hashSessionToken(token));
      expect(await store.sessions.find(token)).toMatchObject({ userId: user.id, credentialId: null });
    });

    it('finds nothing for unknown, malformed, revoked or expired cookies', async () => {
      const user = await newUser();
      expect(await store.sessions.find('x'.repeat(43))).toBeNull();
      expect(await store.sessions.find("'; DROP TABLE sessions; --")).toBeNull();
      const live = await store.sessions.create({ userId: user.id, credentialId: null, ttlMs: 60_000 });
      expect((await store.sessions.revoke(live.token))?.userId).toBe(user.id);
      expect(await store.sessions.find(live.token)).toBeNull();
      expect(await store.sessions.revoke(live.token)).toBeNull();
      const short = await store.sessions.create({ userId: user.id, credentialId: null, ttlMs: 1 });
      await sleep(20);
      expect(await store.sessions.find(short.token)).toBeNull();
      expect(await store.sessions.touch(short.token, 60_000)).toBeNull();
    });

    it('touch records activity and slides the expiry forward, never back', async () => {
      const user = await newUser();
      const { token, session } = await store.sessions.create({ userId: user.id, credentialId: null, ttlMs: 60_000 });
      await sleep(5);
      const touched = await store.sessions.touch(token);
      expect(touched!.lastSeenAt.getTime()).toBeGreaterThan(session.lastSeenAt.getTime());
      expect(touched!.expiresAt).toEqual(session.expiresAt);
      const extended = await store.sessions.touch(token, 3_600_000);
      expect(extended!.expiresAt.getTime()).toBeGreaterThan(session.expiresAt.getTime() + 3_000_000);
      const notShortened = await store.sessions.touch(token, 1_000);
      expect(notShortened!.expiresAt).toEqual(extended!.expiresAt);
    });

    it('revokes all of a user\'s sessions, and prunes dead ones', async () => {
      const user = await newUser();
      const a = await store.sessions.create({ userId: user.id, credentialId: null, ttlMs: 60_000 });
      const b = await store.sessions.create({ userId: user.id, credentialId: null, ttlMs: 60_000 });
      expect(await store.sessions.revokeAllForUser(user.id)).toBe(2);
      expect(await store.sessions.find(a.token)).toBeNull();
      expect(await store.sessions.find(b.token)).toBeNull();
      expect(await store.sessions.prune()).toBeGreaterThanOrEqual(2);
      expect(await store.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id])).toEqual([]);
    });
  });

  describe('conversations', () => {
    it('creates, gets, renames and records the SDK session', async () => {
      const user = await newUser();
      const created = await store.conversations.create(user.id, { title: 'Devices in chi-dc1' });
      expect(created).toMatchObject({ title: 'Devices in chi-dc1', sdkSessionId: null, lastSeq: 0 });
      expect(await store.conversations.get(user.id, created.id)).toEqual(created);
      const renamed = await store.conversations.rename(user.id, created.id, 'Core routers');
      expect(renamed).toMatchObject({ id: created.id, title: 'Core routers', updatedAt: created.updatedAt });
      const withSdk = await store.conversations.setSdkSessionId(user.id, created.id, 'sdk-session-1');
      expect(withSdk?.sdkSessionId).toBe('sdk-session-1');
      expect(await store.conversations.get(user.id, randomUUID())).toBeNull();
      expect(await store.conversations.get(user.id, 'nope')).toBeNull();
      expect(await store.conversations.rename(user.id, randomUUID(), 'x')).toBeNull();
    });

    it('lists newest activity first, in pages with no repeats', async () => {
      const user = await newUser();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        ids.push((await store.conversations.create(user.id, { title: `c${i}` })).id);
        // PGlite's clock ticks in milliseconds; equal times would order by id.
        await sleep(2);
      }
      await store.conversations.touch(user.id, ids[1]!);
      const all = await store.conversations.list(user.id);
      expect(all.conversations.map((c) => c.title)).toEqual(['c1', 'c4', 'c3', 'c2', 'c0']);
      expect(all.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store['conversations']['list']>> = await store.conversations.list(user.id, { limit: 2, cursor });
        expect(page.conversations.length).toBeLessThanOrEqual(2);
        seen.push(...page.conversations.map((c) => c.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['c1', 'c4', 'c3', 'c2', 'c0']);
      await expect(store.conversations.list(user.id, { cursor: 'garbage' })).rejects.toSatisfy((error) => isStoreError(error, 'BAD_CURSOR'));
    });

    it('counts messages in the list', async () => {
      const user = await newUser();
      const conversation = await store.conversations.create(user.id, { title: 'count' });
      await store.messages.addUserMessage({ userId: user.id, conversationId: conversation.id, turnId: 't1', content: 'hi' });
      const { conversations } = await store.conversations.list(user.id);
      expect(conversations[0]).toMatchObject({ id: conversation.id, messageCount: 1 });
    });

    it('delete removes its messages, events and the SDK transcripts of every session it had', async () => {
      const user = await newUser();
      const conversation = await store.conversations.create(user.id, { title: 'to delete' });
      const scope = { userId: user.id, conversationId: conversation.id };
      // A first session whose transcript was lost, then the one that holds the context now.
      await store.conversations.setSdkSessionId(user.id, conversation.id, 'sdk-lost-earlier');
      await store.sdkSessions.append({ projectKey: 'p', sessionId: 'sdk-lost-earlier' }, [{ type: 'user', uuid: 'u0' }]);
      await store.conversations.setSdkSessionId(user.id, conversation.id, 'sdk-to-delete');
      await store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'hi' });
      await store.events.append(scope, 't1', { type: 'text', content: 'x' });
      await store.sdkSessions.append({ projectKey: 'p', sessionId: 'sdk-to-delete' }, [{ type: 'user', uuid: 'u1' }]);
      expect(await store.conversations.knownSdkSessions(['sdk-to-delete', 'sdk-lost-earlier', 'sdk-other'])).toEqual(new Set(['sdk-to-delete', 'sdk-lost-earlier']));
      expect((await store.conversations.delete(user.id, conversation.id))?.sort()).toEqual(['sdk-lost-earlier', 'sdk-to-delete']);
      expect(await store.sdkSessions.load({ projectKey: 'p', sessionId: 'sdk-lost-earlier' })).toBeNull();
      expect(await store.conversations.knownSdkSessions(['sdk-to-delete', 'sdk-lost-earlier'])).toEqual(new Set());
      expect(await store.conversations.get(user.id, conversation.id)).toBeNull();
      expect(await store.messages.list(scope)).toBeNull();
      expect(await store.events.after(scope, 0)).toBeNull();
      expect(await store.sdkSessions.load({ projectKey: 'p', sessionId: 'sdk-to-delete' })).toBeNull();
      expect(await store.db.query('SELECT 1 FROM messages WHERE conversation_id = $1', [conversation.id])).toEqual([]);
      expect(await store.conversations.delete(user.id, conversation.id)).toBeNull();
    });
  });

  describe('messages', () => {
    it('keeps a turn\'s question and its answer, upserted as it streams, in order', async () => {
      const user = await newUser();
      const conversation = await store.conversations.create(user.id, { title: 'messages' });
      const scope = { userId: user.id, conversationId: conversation.id };
      const question = await store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'Which devices are in chi-dc1?' });
      const running = await store.messages.upsertAssistantMessage({ ...scope, turnId: 't1', content: 'These are', toolCalls: [{ ...TOOL_CALL, status: 'running', queries: [] }], status: 'running' });
      const done = await store.messages.upsertAssistantMessage({
        ...scope,
        turnId: 't1',
        content: 'These are the devices.',
        toolCalls: [TOOL_CALL],
        status: 'complete',
        usage: { input_tokens: 120, output_tokens: 30, cache_read_input_tokens: 5 },
        costUsd: 0.0012,
        durationMs: 1532.7,
      });
      expect(done.id).toBe(running.id);
      expect(done.updatedAt.getTime()).toBeGreaterThanOrEqual(running.updatedAt.getTime());
      await store.messages.addUserMessage({ ...scope, turnId: 't2', content: 'And in dal-dc1?' });
      await store.messages.upsertAssistantMessage({ ...scope, turnId: 't2', content: 'Partial', toolCalls: [], status: 'error', error: { code: 'MODEL_OVERLOADED', message: 'The AI model is overloaded.' } });
      const messages = await store.messages.list(scope);
      expect(messages?.map((m) => [m.turnId, m.role, m.status])).toEqual([
        ['t1', 'user', 'complete'],
        ['t1', 'assistant', 'complete'],
        ['t2', 'user', 'complete'],
        ['t2', 'assistant', 'error'],
      ]);
      expect(messages?.[0]).toMatchObject({ id: question.id, content: 'Which devices are in chi-dc1?', toolCalls: [], usage: null });
      expect(messages?.[1]).toMatchObject({ content: 'These are the devices.', toolCalls: [TOOL_CALL], usage: { input_tokens: 120, output_tokens: 30, cache_read_input_tokens: 5 }, costUsd: 0.0012, durationMs: 1532.7 });
      expect(messages?.[3]?.error).toEqual({ code: 'MODEL_OVERLOADED', message: 'The AI model is overloaded.' });
      for (const message of messages ?? []) expect(ChatMessageSchema.parse(toChatMessage(message))).toEqual(toChatMessage(message));
    });

    it('stores text with NUL characters and half surrogate pairs instead of failing', async () => {
      const user = await newUser();
      const conversation = await store.conversations.create(user.id, { title: 'odd\u0000title' });
      const scope = { userId: user.id, conversationId: conversation.id };
      await store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'nul\u0000here' });
      const odd = { ...TOOL_CALL, summary: 'cut \uD83D', input: { q: 'nul\u0000' } };
      await store.messages.upsertAssistantMessage({ ...scope, turnId: 't1', content: 'emoji cut \uD83D', toolCalls: [odd], status: 'complete' });
      const messages = await store.messages.list(scope);
      expect(messages?.[0]?.content).toBe('nul\uFFFDhere');
      expect(messages?.[1]?.content).toBe('emoji cut \uFFFD');
      expect(messages?.[1]?.toolCalls[0]).toMatchObject({ summary: 'cut \uFFFD', input: { q: 'nul\uFFFD' } });
    });

    it('refuses to write into a conversation that does not exist', async () => {
      const user = await newUser();
      const scope = { userId: user.id, conversationId: randomUUID() };
      await expect(store.messages.addUserMessage({ ...scope, turnId: 't1', content: 'x' })).rejects.toSatisfy((error) => isStoreError(error, 'NOT_FOUND'));
      await expect(store.messages.upsertAssistantMessage({ ...scope, turnId: 't1', content: 'x', toolCalls: [], status: 'running' })).rejects.toSatisfy((error) =>
        isStoreError(error, 'NOT_FOUND'),
      );
    });
  });

  it('answers ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('a store without SESSION_SECRET', () => {
  it('has no credentials repository (demo and single-user modes)', async () => {
    const store = await backends.open('postgres', {});
    expect(store.credentials).toBeNull();
  });
});
