import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../netbox-sandbox/test/support/test-sandbox.ts';
import { authorizationHeader } from '../src/client/auth-header.ts';
import { describeErrorBody } from '../src/client/error-body.ts';
import { NetboxClient } from '../src/client/netbox-client.ts';
import { toSearchParams } from '../src/client/query-string.ts';
import { NetboxMcpError } from '../src/errors.ts';

const sandbox = useSandbox();
const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20 } };

async function failure(promise: Promise<unknown>): Promise<NetboxMcpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NetboxMcpError);
  return error as NetboxMcpError;
}

describe('NetboxClient against the sandbox', () => {
  it('reads the NetBox version from /api/status/', async () => {
    const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token });
    expect((await client.status()).version).toBe('4.6.8');
  });

  it('sends several values of a filter as repeated keys', async () => {
    const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token });
    const page = await client.list<{ status: { value: string } }>('/api/dcim/devices/', { status: ['planned', 'offline'], limit: 1000 });
    expect(page.count).toBeGreaterThan(0);
    expect(page.results.every((d) => ['planned', 'offline'].includes(d.status.value))).toBe(true);
  });

  it('passes NetBox 403 body through as NETBOX_AUTH, without retrying', async () => {
    const client = new NetboxClient({ url: sandbox.current.url, token: '0123456789abcdef0123456789abcdef01234567', ...fast });
    const error = await failure(client.get('/api/dcim/sites/'));
    expect(error.code).toBe('NETBOX_AUTH');
    expect(error.message).toContain('Invalid v1 token');
    expect(client.requestCount).toBe(1);
  });

  it('passes NetBox 400 body through as NETBOX_BAD_REQUEST', async () => {
    const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token });
    const error = await failure(client.get('/api/dcim/devices/', { site: 'no-such-site' }));
    expect(error.code).toBe('NETBOX_BAD_REQUEST');
    expect(error.message).toContain('no-such-site');
  });

  it('retries 5xx with backoff and then reports NetBox failing', async () => {
    sandbox.current.setFaults({ errorRate: 1, errorStatus: 503 });
    try {
      const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token, ...fast });
      const error = await failure(client.get('/api/dcim/sites/'));
      expect(error.code).toBe('NETBOX_SERVER_ERROR');
      expect(error.status).toBe(503);
      expect(client.requestCount).toBe(3);
    } finally {
      sandbox.current.setFaults({ errorRate: 0 });
    }
  });

  it('times out a hanging request', async () => {
    sandbox.current.setFaults({ hangRate: 1 });
    try {
      const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token, timeoutMs: 200, retry: { retries: 1, baseDelayMs: 5 } });
      const started = Date.now();
      const error = await failure(client.get('/api/dcim/sites/'));
      expect(error.code).toBe('NETBOX_TIMEOUT');
      expect(client.requestCount).toBe(2);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      sandbox.current.setFaults({ hangRate: 0 });
    }
  });

  it('keeps one overall deadline per request, retries included, for a NetBox that hangs', async () => {
    sandbox.current.setFaults({ hangRate: 1 });
    try {
      // Three tries of 1 s each would cost 3 s and more; the deadline holds the whole request to 1.5 s.
      const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token, timeoutMs: 1_000, deadlineMs: 1_500, retry: { retries: 2, baseDelayMs: 5 } });
      const started = Date.now();
      const error = await failure(client.get('/api/dcim/sites/'));
      const elapsed = Date.now() - started;
      expect(error.code).toBe('NETBOX_TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(1_200);
      expect(elapsed).toBeLessThan(1_900);
      expect(client.requestCount).toBe(2);
      expect(error.message).toMatch(/2 attempts timed out, 1\.\d s in all \(deadline 1\.5 s\)/);
    } finally {
      sandbox.current.setFaults({ hangRate: 0 });
    }
  });

  it('defaults to a 20 s deadline over 15 s attempts', () => {
    const client = new NetboxClient({ url: sandbox.current.url });
    expect({ timeoutMs: client.timeoutMs, deadlineMs: client.deadlineMs }).toEqual({ timeoutMs: 15_000, deadlineMs: 20_000 });
  });

  it('reports dropped connections as NetBox unreachable after retrying', async () => {
    sandbox.current.setFaults({ dropRate: 1 });
    try {
      const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token, ...fast });
      const error = await failure(client.get('/api/dcim/sites/'));
      expect(error.code).toBe('NETBOX_UNREACHABLE');
      expect(client.requestCount).toBe(3);
    } finally {
      sandbox.current.setFaults({ dropRate: 0 });
    }
  });
});

describe('NetboxClient against a flaky HTTP server', () => {
  let server: Server;
  let url: string;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (hits <= 2) {
        res.writeHead(hits === 1 ? 429 : 502, { 'content-type': 'text/html', 'retry-after': '0' });
        res.end('<html><title>Bad Gateway</title></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, auth: req.headers.authorization }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/netbox/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('recovers after a 429 and a 502, keeps the base path and sends a v2 token as Bearer', async () => {
    const client = new NetboxClient({ url, token: 'nbt_abc.def', ...fast });
    const body = await client.get<{ path: string; auth: string }>('/api/status/', { a: [1, 2] });
    expect(body).toEqual({ path: '/netbox/api/status/?a=1&a=2', auth: 'Bearer nbt_abc.def' });
    expect(client.requestCount).toBe(3);
  });

  it('reports a NetBox that is down', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise((resolve) => down.close(resolve));
    const client = new NetboxClient({ url: `http://127.0.0.1:${port}`, ...fast });
    const error = await failure(client.get('/api/status/'));
    expect(error.code).toBe('NETBOX_UNREACHABLE');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});

describe('client helpers', () => {
  it('chooses the token scheme from the token form', () => {
    expect(authorizationHeader('0123456789abcdef0123456789abcdef01234567')).toBe('Token 0123456789abcdef0123456789abcdef01234567');
    expect(authorizationHeader('nbt_k.s')).toBe('Bearer nbt_k.s');
    expect(authorizationHeader('Bearer nbt_k.s')).toBe('Bearer nbt_k.s');
  });

  it('reduces NetBox error bodies to one line', () => {
    expect(describeErrorBody('{"detail":"Invalid v2 token"}')).toBe('Invalid v2 token');
    expect(describeErrorBody('{"site":["Select a valid choice. x is not one of the available choices."]}')).toBe(
      'site: Select a valid choice. x is not one of the available choices.',
    );
    expect(describeErrorBody('<html><head><title>502 Bad Gateway</title></head></html>')).toBe('502 Bad Gateway');
    expect(describeErrorBody('')).toBe('(empty body)');
  });

  it('repeats keys for lists and skips undefined', () => {
    expect(toSearchParams({ site: ['a', 'b'], x: undefined, brief: true }).toString()).toBe('site=a&site=b&brief=true');
  });
});
