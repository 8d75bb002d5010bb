import { afterEach, describe, expect, it } from 'vitest';
import { ChatClient } from './support/chat-client.ts';
import { useTestServer } from './support/test-server.ts';
import { transcriptFiles } from './support/transcript-files.ts';

const server = useTestServer({ mode: 'multi-user' });
const clients: ChatClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

async function signIn(username: string): Promise<{ cookie: string; userId: string; client: ChatClient }> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: username }) });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { user } = (await response.json()) as { user: { id: string } };
  const client = await ChatClient.connect(server.wsUrl, { cookie });
  clients.push(client);
  return { cookie, userId: user.id, client };
}

async function sdkSession(conversationId: string): Promise<string> {
  const [row] = await server.app.store.db.query<{ id: string }>('SELECT sdk_session_id AS id FROM conversations WHERE id = $1', [conversationId]);
  if (!row?.id) throw new Error('no SDK session stored');
  return row.id;
}

describe('the CLI’s own transcript files', () => {
  it('are kept apart per user, and deleting a conversation deletes its transcripts from the store and the disk', async () => {
    const alice = await signIn('admin');
    const bob = await signIn('mchen');
    const asked = await alice.client.ask('hello there');
    await alice.client.turn(asked.turnId);
    const other = await bob.client.ask('hello there');
    await bob.client.turn(other.turnId);
    const aliceSession = await sdkSession(asked.conversationId);
    const bobSession = await sdkSession(other.conversationId);

    const files = transcriptFiles(server.config.dataDir);
    const aliceFile = files.find((file) => file.endsWith(`${aliceSession}.jsonl`));
    const bobFile = files.find((file) => file.endsWith(`${bobSession}.jsonl`));
    expect(aliceFile).toMatch(new RegExp(`^agent/users/${alice.userId}/`));
    expect(bobFile).toMatch(new RegExp(`^agent/users/${bob.userId}/`));

    const deleted = await fetch(`${server.url}/api/conversations/${asked.conversationId}`, { method: 'DELETE', headers: { cookie: alice.cookie } });
    expect(deleted.status).toBe(204);
    expect(transcriptFiles(server.config.dataDir)).toEqual([bobFile]);
    expect(await server.app.store.db.query('SELECT 1 FROM sdk_transcripts WHERE session_id = $1', [aliceSession])).toEqual([]);
    expect((await server.app.store.db.query('SELECT 1 FROM sdk_transcripts WHERE session_id = $1', [bobSession])).length).toBeGreaterThan(0);
  }, 60_000);
});
