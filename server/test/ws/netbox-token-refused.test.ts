import type { ErrorEvent, ToolResultEvent } from '@netbox-chatbox/protocol';
import { describe, expect, it } from 'vitest';
import { deleteNetboxToken } from '../../../netbox-sandbox/test/support/netbox-admin.ts';
import { generatedDataset } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { ChatClient, textOf } from '../e2e-server/support/chat-client.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

/**
 * A user's NetBox token that stops working in the middle of a conversation (revoked, expired, NetBox reset):
 * the chat says plainly that the NetBox sign-in has expired, ends the sign-in, and keeps the conversation for
 * when the user is back. A token that works but may not see something is not that.
 */
const server = useTestServer({
  mode: 'multi-user',
  rules: [
    {
      name: 'circuit providers',
      when: { user: '^which circuit providers' },
      reply: [{ type: 'tool_use', name: 'mcp__netbox__netbox_get_objects', input: { object_type: 'circuits.provider', filters: {} } }],
    },
  ],
});

const singleUser = useTestServer();

async function signIn(username: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: username }) });
  expect(response.status).toBe(200);
  return (response.headers.getSetCookie().find((c) => c.startsWith('nbc_session=')) ?? '').split(';')[0] ?? '';
}

/** Deletes a user's sign-in token in NetBox, as an admin would in NetBox's UI. */
async function revokeInNetbox(cookie: string): Promise<void> {
  const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { user: { id: string } };
  const [row] = await server.app.store.db.query<{ provisioned_token_id: number }>('SELECT provisioned_token_id FROM netbox_credentials WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [me.user.id]);
  await deleteNetboxToken(server.sandbox.url, row?.provisioned_token_id);
}

describe('a NetBox token that stops working mid-conversation', () => {
  it('ends the turn with NETBOX_SIGN_IN_EXPIRED, signs the user out, and keeps the conversation', async () => {
    const cookie = await signIn('mchen');
    const socket = await ChatClient.connect(server.wsUrl, { cookie });
    const first = await socket.ask('Which devices are in site chi-dc1?');
    expect((await socket.turn(first.turnId)).at(-1)).toMatchObject({ type: 'done' });

    await revokeInNetbox(cookie);
    const second = await socket.ask('Which devices are in site fra-dc1?', { conversationId: first.conversationId });
    const events = await socket.turn(second.turnId);
    const result = events.find((e): e is ToolResultEvent => e.type === 'tool_result');
    expect(result).toMatchObject({ isError: true, summary: expect.stringMatching(/^NETBOX_AUTH: /) });
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      code: 'NETBOX_SIGN_IN_EXPIRED',
      retryable: false,
      message: expect.stringMatching(/^Your NetBox sign-in has expired/),
    } satisfies Partial<ErrorEvent>);
    // The model was stopped, not left to explain a failure the chat has already named.
    expect(textOf(events)).not.toMatch(/NetBox could not answer/);
    expect(await socket.until(() => socket.closeCode, 5000, 'the socket to close')).toBe(4401);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect(await server.app.store.db.query('SELECT 1 FROM netbox_credentials c JOIN users u ON u.id = c.user_id WHERE u.username = $1', ['mchen'])).toEqual([]);

    // Back after signing in again: the conversation is all there, and goes on.
    const again = await signIn('mchen');
    const stored = (await (await fetch(`${server.url}/api/conversations/${first.conversationId}`, { headers: { cookie: again } })).json()) as {
      messages: { role: string; status: string; error?: { code: string } }[];
    };
    expect(stored.messages.map((m) => `${m.role}:${m.status}`)).toEqual(['user:complete', 'assistant:complete', 'user:complete', 'assistant:error']);
    expect(stored.messages[3]?.error?.code).toBe('NETBOX_SIGN_IN_EXPIRED');
    const resumed = await ChatClient.connect(server.wsUrl, { cookie: again });
    const third = await resumed.ask('Which devices are in site fra-dc1?', { conversationId: first.conversationId });
    const answer = await resumed.turn(third.turnId);
    expect(answer.find((e) => e.type === 'tool_result')).toMatchObject({ isError: false });
    expect(answer.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    await resumed.close();
  }, 90_000);

  it('answers POST /api/chat with 401 and the code', async () => {
    const cookie = await signIn('pnair');
    await revokeInNetbox(cookie);
    const response = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Which devices are in site chi-dc1?' }) });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'NETBOX_SIGN_IN_EXPIRED', retryable: false });
  }, 60_000);

  it('is not what a refusal for lack of permission is: the token works, the user stays signed in', async () => {
    const cookie = await signIn('tenant-viewer');
    const socket = await ChatClient.connect(server.wsUrl, { cookie });
    const { turnId } = await socket.ask('which circuit providers are there?');
    const events = await socket.turn(turnId);
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ isError: true, summary: expect.stringMatching(/^NETBOX_AUTH: NetBox answered 403/) });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    await socket.close();
  }, 60_000);
});

describe('the server’s own token, without sign-in', () => {
  it('ends the turn with NETBOX_AUTH telling the administrator to replace NETBOX_TOKEN', async () => {
    const id = generatedDataset().tables.users_token!.find((row) => row.key === singleUser.sandbox.token)?.id;
    await deleteNetboxToken(singleUser.sandbox.url, Number(id));
    const socket = await ChatClient.connect(singleUser.wsUrl);
    const { turnId } = await socket.ask('Which devices are in site chi-dc1?');
    const events = await socket.turn(turnId);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'NETBOX_AUTH', retryable: false, message: expect.stringMatching(/NETBOX_TOKEN.*administrator/) });
    // Nobody to sign out: the socket stays.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.closeCode).toBeUndefined();
    await socket.close();
  }, 60_000);
});
