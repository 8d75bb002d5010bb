import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.ts';
import { captureLogger, testConfig, useTestServer } from '../e2e-server/support/test-server.ts';

const server = useTestServer({ model: false });

describe('health and readiness without a model', () => {
  it('answers /health with 200 as soon as it listens', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready with 503 and says the model is not configured, and how to fix it', async () => {
    const response = await fetch(`${server.url}/ready`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { ready: boolean; checks: Record<string, { ok: boolean; reason?: string }> };
    expect(body.ready).toBe(false);
    expect(body.checks.model).toMatchObject({ ok: false, provider: 'none' });
    expect(body.checks.model?.reason).toMatch(/set ANTHROPIC_API_KEY/);
    expect(body.checks.netbox).toMatchObject({ ok: true, url: server.sandbox.url, version: '4.6.8' });
    expect(body.checks.store).toMatchObject({ ok: true, kind: 'pglite' });
    // Extra MCP servers are reported only when MCP_CONFIG names some (mcp-servers.test.ts).
    expect(body.checks).not.toHaveProperty('mcp');
  });

  it('reports NetBox unreachable with the reason when it is down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'server-test-'));
    // Port 9 (discard): nothing listens there on a test machine.
    const config = testConfig({ NETBOX_URL: 'http://127.0.0.1:9', NETBOX_TOKEN: server.sandbox.token }, dir, true);
    const app = await startApp({ config, logger: captureLogger().logger, warmUp: false });
    try {
      const response = await fetch(`${app.url}/ready`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { checks: { netbox: { ok: boolean; reason: string } } };
      expect(body.checks.netbox.ok).toBe(false);
      expect(body.checks.netbox.reason).toMatch(/could not be reached .*NETBOX_URL/);
      expect(body.checks.netbox.reason).not.toContain(server.sandbox.token);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends a CSP that blocks remote images and scripts, and no CORS headers for unknown origins', async () => {
    const response = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example' } });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the OpenAPI document with the HTTP API', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/api/chat', '/api/conversations', '/api/conversations/{id}', '/api/conversations/{id}/export', '/api/auth/sign-in', '/api/auth/sign-out', '/api/auth/me']),
    );
    expect(doc.paths['/api/chat']).toHaveProperty('post');
  });

  it('answers a message with MODEL_NOT_CONFIGURED and the reason', async () => {
    const response = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { code: string; error: string; retryable: boolean };
    expect(body).toMatchObject({ code: 'MODEL_NOT_CONFIGURED', retryable: false });
    expect(body.error).toMatch(/ANTHROPIC_API_KEY/);
  });

  it('answers unknown routes and bad bodies with the error shape', async () => {
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', retryable: false });
    const bad = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_FRAME' });
  });
});

describe('request limits', () => {
  it('never rate-limits /health and /ready, while the API is limited past 600 requests a minute', async () => {
    const hit = async (path: string, n: number): Promise<number[]> => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i += 50) {
        const batch = await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => fetch(`${server.url}${path}`).then(async (r) => (await r.arrayBuffer(), r.status))));
        statuses.push(...batch);
      }
      return statuses;
    };
    const health = await hit('/health', 700);
    expect(health.filter((s) => s !== 200)).toEqual([]);
    expect((await hit('/ready', 5)).every((s) => s === 503)).toBe(true);
    const api = await hit('/api/openapi.json', 650);
    expect(api.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});
