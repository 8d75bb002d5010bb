import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.ts';
import { ChatClient } from '../e2e-server/support/chat-client.ts';
import { rawRequest } from '../e2e-server/support/raw-http.ts';
import { captureLogger, SESSION_SECRET, testConfig } from '../e2e-server/support/test-server.ts';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';

/**
 * DNS rebinding: a page of evil.example whose name is made to resolve to 127.0.0.1 talks to the server as its
 * own origin. The browser sends `Host: evil.example:PORT` (and the same Origin), so the server must refuse any
 * host name it is not meant to be reached by, on every route and on the socket, before anything runs.
 */
const sandbox = useSandbox();
const PUBLIC = 'chat.example.com:8443';

const apps: Record<'demo' | 'single-user' | 'multi-user', RunningApp | undefined> = { demo: undefined, 'single-user': undefined, 'multi-user': undefined };
const dirs: string[] = [];

beforeAll(async () => {
  const start = async (env: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'host-check-'));
    dirs.push(dir);
    return startApp({ config: testConfig(env, dir, true), logger: captureLogger().logger, warmUp: false, webDir: null });
  };
  apps.demo = await start({});
  apps['single-user'] = await start({ NETBOX_URL: sandbox.current.url, NETBOX_TOKEN: sandbox.current.token });
  apps['multi-user'] = await start({ NETBOX_URL: sandbox.current.url, SESSION_SECRET, PUBLIC_URL: `https://${PUBLIC}` });
}, 60_000);

afterAll(async () => {
  for (const app of Object.values(apps)) await app?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function app(mode: keyof typeof apps): RunningApp {
  const running = apps[mode];
  if (!running) throw new Error(`${mode} server not started`);
  return running;
}

const port = (mode: keyof typeof apps) => new URL(app(mode).url).port;

describe.each(['demo', 'single-user', 'multi-user'] as const)('%s mode', (mode) => {
  const evil = () => `evil.example:${port(mode)}`;

  it('refuses a forged Host on GET, POST, unknown routes and the UI before any route runs', async () => {
    const base = app(mode).url;
    const list = await rawRequest(`${base}/api/conversations`, { host: evil() });
    expect(list.status).toBe(421);
    expect(list.json()).toEqual({ error: expect.stringMatching(/not reached by that name/), code: 'HOST_NOT_ALLOWED', retryable: false });
    const chat = await rawRequest(`${base}/api/chat`, { host: evil(), headers: { origin: `http://${evil()}` }, body: { message: 'what is 10.1.3.4' } });
    expect(chat.status).toBe(421);
    for (const path of ['/api/auth/me', '/api/openapi.json', '/ready', '/', '/c/123', '/api/nothing-here']) {
      expect((await rawRequest(`${base}${path}`, { host: evil() })).status, path).toBe(421);
    }
    // Spellings of a name that is not ours: a loopback address as a subdomain, a trailing dot, user info.
    for (const host of [`127.0.0.1.evil.example:${port(mode)}`, `localhost.evil.example`, `evil.example`, `x@localhost:${port(mode)}`]) {
      expect((await rawRequest(`${base}/api/auth/me`, { host })).status, host).toBe(421);
    }
  });

  it('refuses the WebSocket upgrade with a forged Host', async () => {
    const refused = await ChatClient.refused(`${app(mode).url.replace(/^http/, 'ws')}/ws/chat`, { host: evil(), origin: `http://${evil()}` });
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
  });

  it('answers the loopback names it is reached by, with any port (an SSH tunnel, the dev server)', async () => {
    const base = app(mode).url;
    const expected = mode === 'multi-user' ? 401 : 200;
    for (const host of [`127.0.0.1:${port(mode)}`, `localhost:${port(mode)}`, `[::1]:${port(mode)}`, 'localhost:9000', `LOCALHOST:${port(mode)}`]) {
      expect((await rawRequest(`${base}/api/auth/me`, { host })).status, host).toBe(expected);
    }
    if (mode === 'multi-user') return;
    const socket = await ChatClient.connect(`${base.replace(/^http/, 'ws')}/ws/chat`, { host: `localhost:${port(mode)}`, origin: `http://localhost:${port(mode)}` });
    expect(socket.events[0]).toMatchObject({ type: 'connected', mode });
    await socket.close();
  });
});

describe('multi-user mode with PUBLIC_URL', () => {
  it('answers the public host name, with or without the default port spelled out', async () => {
    const base = app('multi-user').url;
    expect((await rawRequest(`${base}/api/auth/me`, { host: PUBLIC })).status).toBe(401);
    expect((await rawRequest(`${base}/api/auth/me`, { host: 'Chat.Example.com:8443' })).status).toBe(401);
    // Another port of the public name is another site.
    expect((await rawRequest(`${base}/api/auth/me`, { host: 'chat.example.com' })).status).toBe(421);
    expect((await rawRequest(`${base}/api/auth/me`, { host: 'chat.example.com:443' })).status).toBe(421);
  });

  it('ignores X-Forwarded-Host when no proxy is trusted', async () => {
    const response = await rawRequest(`${app('multi-user').url}/api/auth/me`, { host: 'evil.example', headers: { 'x-forwarded-host': PUBLIC } });
    expect(response.status).toBe(421);
  });

  it('accepts a sign-in posted from a page of the public origin', async () => {
    const response = await rawRequest(`${app('multi-user').url}/api/auth/sign-in`, {
      host: PUBLIC,
      headers: { origin: `https://${PUBLIC}` },
      body: { username: 'mchen', password: 'wrong' },
    });
    expect(response.status).toBe(401);
  });
});
