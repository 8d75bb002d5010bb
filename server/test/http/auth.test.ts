import type { ToolResultEvent } from '@netbox-chatbox/protocol';
import { describe, expect, it } from 'vitest';
import { ChatClient } from '../e2e-server/support/chat-client.ts';
import { API_KEY, SESSION_SECRET, useTestServer } from '../e2e-server/support/test-server.ts';

const SIGN_IN_PER_MINUTE = 25;
const server = useTestServer({ mode: 'multi-user', signInPerMinute: SIGN_IN_PER_MINUTE });

interface SignedIn {
  readonly cookie: string;
  readonly setCookie: string;
  readonly body: { user: { id: string; username: string; displayName?: string } };
}

async function signIn(body: Record<string, string>): Promise<SignedIn> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('nbc_session=')) ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, body: (await response.json()) as SignedIn['body'] };
}

async function api(path: string, cookie: string | undefined, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
}

const frames: string[] = [];
const cookies: string[] = [];

describe('sign-in (multi-user mode)', () => {
  it('signs in with a NetBox username and password into an httpOnly SameSite cookie', async () => {
    const signed = await signIn({ username: 'mchen', password: 'mchen' });
    cookies.push(signed.cookie);
    expect(signed.body.user).toMatchObject({ username: 'mchen', displayName: 'Maya Chen' });
    expect(signed.setCookie).toMatch(/HttpOnly/);
    expect(signed.setCookie).toMatch(/SameSite=Lax/);
    expect(signed.setCookie).toMatch(/Path=\//);
    expect(signed.setCookie).not.toMatch(/Secure/);
    const me = await api('/api/auth/me', signed.cookie);
    expect(await me.json()).toEqual({ user: signed.body.user, mode: 'multi-user' });
    // The provisioned NetBox token is stored encrypted, never in plain text.
    const rows = await server.app.store.db.query<{ token_ciphertext: string }>('SELECT token_ciphertext FROM netbox_credentials');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.token_ciphertext).not.toMatch(/nbt_/);
  });

  it('signs in with a NetBox API token', async () => {
    const signed = await signIn({ token: server.sandbox.token });
    cookies.push(signed.cookie);
    expect(signed.body.user.username).toBe('admin');
  });

  it('refuses a wrong password, a token NetBox does not know and a malformed token', async () => {
    const wrong = await api('/api/auth/sign-in', undefined, { method: 'POST', body: { username: 'mchen', password: 'not-it' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'UNAUTHORIZED', error: 'NetBox did not accept that username and password.' });
    const unknown = await api('/api/auth/sign-in', undefined, { method: 'POST', body: { token: 'a'.repeat(40) } });
    expect(unknown.status).toBe(401);
    const malformed = await api('/api/auth/sign-in', undefined, { method: 'POST', body: { token: 'hello' } });
    expect(malformed.status).toBe(400);
    const neither = await api('/api/auth/sign-in', undefined, { method: 'POST', body: { user: 'x' } });
    expect(neither.status).toBe(400);
  });

  it('needs the cookie for the API and the socket', async () => {
    expect((await api('/api/auth/me', undefined)).status).toBe(401);
    expect((await api('/api/conversations', undefined)).status).toBe(401);
    expect((await api('/api/conversations', 'nbc_session=forged-value')).status).toBe(401);
    const refused = await ChatClient.refused(server.wsUrl);
    expect(refused.status).toBe(401);
    const signed = await signIn({ username: 'pnair', password: 'pnair' });
    cookies.push(signed.cookie);
    const forged = await ChatClient.refused(server.wsUrl, { cookie: signed.cookie, origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const socket = await ChatClient.connect(server.wsUrl, { cookie: signed.cookie, origin: server.url });
    expect(socket.events[0]).toMatchObject({ type: 'connected', mode: 'multi-user', user: { username: 'pnair', displayName: 'Priya Nair' } });
    frames.push(...socket.frames);
    await socket.close();
  });

  it('shows each user only their own conversations', async () => {
    const maya = await signIn({ username: 'mchen', password: 'mchen' });
    const rafael = await signIn({ username: 'rkowalski', password: 'rkowalski' });
    cookies.push(maya.cookie, rafael.cookie);
    const asked = await api('/api/chat', maya.cookie, { method: 'POST', body: { message: 'hello from Maya' } });
    expect(asked.status).toBe(200);
    const { conversationId } = (await asked.json()) as { conversationId: string };

    const mine = (await (await api('/api/conversations', maya.cookie)).json()) as { conversations: { id: string }[] };
    expect(mine.conversations.map((c) => c.id)).toContain(conversationId);
    const theirs = (await (await api('/api/conversations', rafael.cookie)).json()) as { conversations: { id: string }[] };
    expect(theirs.conversations.map((c) => c.id)).not.toContain(conversationId);
    expect((await api(`/api/conversations/${conversationId}`, rafael.cookie)).status).toBe(404);
    expect((await api(`/api/conversations/${conversationId}/export`, rafael.cookie)).status).toBe(404);
    expect((await api(`/api/conversations/${conversationId}`, rafael.cookie, { method: 'PATCH', body: { title: 'mine now' } })).status).toBe(404);
    expect((await api(`/api/conversations/${conversationId}`, rafael.cookie, { method: 'DELETE' })).status).toBe(404);
    expect((await api('/api/chat', rafael.cookie, { method: 'POST', body: { message: 'hi', conversationId } })).status).toBe(404);

    const socket = await ChatClient.connect(server.wsUrl, { cookie: rafael.cookie });
    socket.send({ type: 'resume', conversationId, afterSeq: 0 });
    expect(await socket.next((e) => e.type === 'error')).toMatchObject({ code: 'NOT_FOUND', conversationId });
    socket.send({ type: 'stop', conversationId });
    expect(await socket.next((e) => e.type === 'error' && e.code === 'NOT_FOUND', { from: 2 })).toBeTruthy();
    expect(socket.events.some((e) => e.type === 'text')).toBe(false);
    frames.push(...socket.frames);
    await socket.close();
  });

  it('answers each user with their own NetBox token: a one-tenant user sees only that tenant', async () => {
    const ask = async (cookie: string) => {
      const socket = await ChatClient.connect(server.wsUrl, { cookie });
      const { turnId } = await socket.ask('Which devices are in site chi-dc1?');
      const events = await socket.turn(turnId);
      frames.push(...socket.frames);
      await socket.close();
      return events.find((e): e is ToolResultEvent => e.type === 'tool_result');
    };
    const viewer = await signIn({ username: 'tenant-viewer', password: 'tenant-viewer' });
    const admin = await signIn({ username: 'admin', password: 'admin' });
    cookies.push(viewer.cookie, admin.cookie);
    const full = await ask(admin.cookie);
    const limited = await ask(viewer.cookie);
    expect(full?.total ?? full?.rows).toBe(18);
    // The viewer's token may not see that site at all: NetBox's own permissions decide, not the chat.
    expect(limited).toMatchObject({ isError: true, summary: expect.stringMatching(/^OBJECT_NOT_FOUND: No dcim\.site is named 'chi-dc1'/) });
  });

  it('signs out: the session ends, its sockets close, the cookie is cleared', async () => {
    const signed = await signIn({ username: 'ebrennan', password: 'ebrennan' });
    cookies.push(signed.cookie);
    const socket = await ChatClient.connect(server.wsUrl, { cookie: signed.cookie });
    const out = await api('/api/auth/sign-out', signed.cookie, { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('nbc_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await socket.until(() => socket.closeCode, 5000, 'the socket to close')).toBe(4401);
    expect((await api('/api/auth/me', signed.cookie)).status).toBe(401);
    expect((await ChatClient.refused(server.wsUrl, { cookie: signed.cookie })).status).toBe(401);
    frames.push(...socket.frames);
  });

  it('never logs or sends a session cookie, a NetBox token, the API key or the session secret', () => {
    const secrets = [API_KEY, SESSION_SECRET, server.sandbox.token, ...cookies.map((c) => c.split('=')[1] ?? '')].filter((s) => s.length > 8);
    expect(secrets.length).toBeGreaterThan(5);
    const everything = [...frames, ...server.logLines];
    for (const secret of secrets) expect(everything.filter((line) => line.includes(secret))).toEqual([]);
    expect(everything.filter((line) => /nbt_[A-Za-z0-9]+\.[A-Za-z0-9]/.test(line))).toEqual([]);
    expect(server.logLines.filter((line) => /"password":"(?!\[redacted\])/.test(line))).toEqual([]);
  });

  it('slows password guessing down: too many sign-ins a minute get 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_PER_MINUTE; i++) {
      const response = await api('/api/auth/sign-in', undefined, { method: 'POST', body: { username: 'mchen', password: `guess-${i}` } });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(await response.json()).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
  });
});
