import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../e2e-server/support/raw-http.ts';
import { startReverseProxy, type ReverseProxy } from '../e2e-server/support/reverse-proxy.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

/**
 * Behind a TLS-terminating reverse proxy (how teams deploy): every request comes from the proxy's address over
 * plain http. With TRUST_PROXY naming the proxy, the server sees the client's address and scheme from the
 * forwarded headers; from anyone else, those headers are ignored.
 */
const LIMIT = 5;
const server = useTestServer({ mode: 'multi-user', model: false, signInPerMinute: LIMIT, env: { TRUST_PROXY: '127.0.0.1' } });
const publicHttps = useTestServer({ mode: 'multi-user', model: false, env: { PUBLIC_URL: 'https://chat.example.com' } });

let proxy: ReverseProxy;
beforeAll(async () => {
  proxy = await startReverseProxy(server.url, { from: '127.0.0.1' });
});
afterAll(async () => {
  await proxy?.close();
});

/** A sign-in through the proxy by the client at `client` (another loopback address: another machine, to the proxy). */
function viaProxy(client: string, body: Record<string, string>): Promise<RawResponse> {
  return rawRequest(`${proxy.url}/api/auth/sign-in`, { body, localAddress: client });
}

function sessionCookie(response: RawResponse): string {
  return (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('nbc_session=')) ?? '';
}

describe('session cookies', () => {
  it('are Secure when the request reached the trusted proxy over https', async () => {
    const response = await viaProxy('127.0.0.2', { username: 'mchen', password: 'mchen' });
    expect(response.status).toBe(200);
    expect(sessionCookie(response)).toMatch(/; Secure/);
  });

  it('are not made Secure by an X-Forwarded-Proto from an untrusted address', async () => {
    const response = await rawRequest(`${server.url}/api/auth/sign-in`, {
      body: { username: 'mchen', password: 'mchen' },
      headers: { 'x-forwarded-proto': 'https' },
      localAddress: '127.0.0.9',
    });
    expect(response.status).toBe(200);
    expect(sessionCookie(response)).not.toMatch(/Secure/);
  });

  it('are always Secure when PUBLIC_URL is https, even on a plain-http hop from a proxy nobody said to trust', async () => {
    const response = await rawRequest(`${publicHttps.url}/api/auth/sign-in`, { host: 'chat.example.com', body: { username: 'mchen', password: 'mchen' } });
    expect(response.status).toBe(200);
    expect(sessionCookie(response)).toMatch(/; Secure/);
  });
});

describe('sign-in limits', () => {
  it('count each client behind the proxy, not the proxy: one guesser does not lock everybody out', async () => {
    const guesser: number[] = [];
    for (let i = 0; i <= LIMIT; i++) guesser.push((await viaProxy('127.0.0.3', { username: `nobody-${i}`, password: 'guess' })).status);
    expect(guesser.slice(0, LIMIT).every((status) => status === 401)).toBe(true);
    const refused = await viaProxy('127.0.0.3', { username: 'ebrennan', password: 'ebrennan' });
    expect(refused.status).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', retryable: true, error: expect.stringMatching(/sign-in attempts from this address/) });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    // Someone else, behind the same proxy, signs in.
    expect((await viaProxy('127.0.0.4', { username: 'ebrennan', password: 'ebrennan' })).status).toBe(200);
  });

  it('count each username across addresses: guessing one password from many machines is slowed down too', async () => {
    const statuses: number[] = [];
    for (const client of ['127.0.0.5', '127.0.0.6', '127.0.0.7']) {
      for (let i = 0; i < 2; i++) statuses.push((await viaProxy(client, { username: 'pnair', password: `guess-${client}-${i}` })).status);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array.from({ length: LIMIT }, () => 401));
    expect(statuses[LIMIT]).toBe(429);
    const refused = await viaProxy('127.0.0.8', { username: 'PNair ', password: 'pnair' });
    expect(refused.status).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', error: expect.stringMatching(/sign-in attempts for this user/) });
    // Another user from the same addresses is not affected.
    expect((await viaProxy('127.0.0.5', { username: 'rkowalski', password: 'rkowalski' })).status).toBe(200);
  });

  it('ignore an X-Forwarded-For from an untrusted address: a guesser cannot pose as many clients', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const response = await rawRequest(`${server.url}/api/auth/sign-in`, {
        body: { username: `spoof-${i}`, password: 'guess' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        localAddress: '127.0.0.10',
      });
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('health checks through the proxy', () => {
  it('never answers /health or /ready with 429, however many requests the proxy forwards', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 700; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => rawRequest(`${proxy.url}${j % 10 === 0 ? '/ready' : '/health'}`, { localAddress: '127.0.0.11' })));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(630);
    // The API itself is limited per client, also through the proxy.
    const api: number[] = [];
    for (let i = 0; i < 650; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => rawRequest(`${proxy.url}/api/openapi.json`, { localAddress: '127.0.0.12' })));
      api.push(...batch.map((r) => r.status));
    }
    expect(api.includes(429)).toBe(true);
    expect((await rawRequest(`${proxy.url}/api/openapi.json`, { localAddress: '127.0.0.13' })).status).toBe(200);
  });
});
