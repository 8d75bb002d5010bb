import { NetboxClient } from '@netbox-chatbox/netbox-mcp';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { registerMetricsRoute } from '../../src/http/metrics-route.ts';
import { createMetrics, type Metrics } from '../../src/observability/metrics.ts';
import { watchNetboxRequests } from '../../src/observability/netbox-request-watch.ts';

const sandbox = useSandbox();

/** One sample line's value from the text exposition, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function serve(metrics: Metrics, mode: 'demo' | 'multi-user', token?: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  registerMetricsRoute(app, { metrics, mode, token });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

describe('GET /metrics', () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => Promise.all(apps.map((app) => app.close())));

  it('serves the Prometheus text format with the turn, model, tool and gauge series', async () => {
    const metrics = createMetrics();
    metrics.watch({ liveSessions: () => 3, queueLength: () => 2, openSockets: () => 5 });
    metrics.turnEnded('done', 2.5);
    metrics.turnEnded('error', 1, 'MODEL_OVERLOADED');
    metrics.firstToken(0.4);
    metrics.usage('claude-sonnet-4-5', { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 800 }, 0.0123);
    metrics.toolCall('netbox_get_objects', 'ok', 0.2);
    metrics.toolCall('Bash', 'denied', 0);
    const { app, url } = await serve(metrics, 'demo');
    apps.push(app);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'chatbox_turns_total{outcome="done"}')).toBe(1);
    expect(sample(text, 'chatbox_turn_errors_total{code="MODEL_OVERLOADED"}')).toBe(1);
    expect(sample(text, 'chatbox_turn_first_token_seconds_count')).toBe(1);
    expect(sample(text, 'chatbox_turn_duration_seconds_count')).toBe(2);
    expect(sample(text, 'chatbox_model_tokens_total{model="claude-sonnet-4-5",kind="input"}')).toBe(1200);
    expect(sample(text, 'chatbox_model_tokens_total{model="claude-sonnet-4-5",kind="cache_read"}')).toBe(800);
    expect(sample(text, 'chatbox_model_cost_usd_total{model="claude-sonnet-4-5"}')).toBeCloseTo(0.0123);
    expect(sample(text, 'chatbox_tool_calls_total{tool="Bash",outcome="denied"}')).toBe(1);
    expect(sample(text, 'chatbox_live_sessions')).toBe(3);
    expect(sample(text, 'chatbox_session_queue_length')).toBe(2);
    expect(sample(text, 'chatbox_open_sockets')).toBe(5);
    expect(text).toMatch(/^chatbox_process_resident_memory_bytes \d+/m);
  });

  it('needs the metrics token in multi-user mode, and is off without one', async () => {
    const token = 'm'.repeat(40);
    const on = await serve(createMetrics({ processMetrics: false }), 'multi-user', token);
    const off = await serve(createMetrics({ processMetrics: false }), 'multi-user', undefined);
    apps.push(on.app, off.app);
    expect((await fetch(`${on.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${on.url}/metrics`, { headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).status).toBe(401);
    expect((await fetch(`${on.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const refused = await fetch(`${off.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/METRICS_TOKEN/);
  });
});

describe('NetBox requests seen through undici', () => {
  let metrics: Metrics;
  let stop: () => void;
  beforeAll(() => {
    metrics = createMetrics({ processMetrics: false });
    stop = watchNetboxRequests([sandbox.current.url], metrics);
  });
  afterAll(() => stop());
  afterEach(() => void sandbox.current.setFaults({ errorRate: 0, hangRate: 0 }));

  const text = () => metrics.registry.metrics();

  it('times the MCP tools’ requests (npm undici) and fetch’s alike, by method and status class, and no other host', async () => {
    const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token });
    await client.get('/api/dcim/sites/', { limit: 1 });
    await fetch(`${sandbox.current.url}/api/status/`, { headers: { authorization: `Token ${sandbox.current.token}` } }).then((r) => r.arrayBuffer());
    await fetch(`${sandbox.current.url}/api/dcim/sites/`).then((r) => r.arrayBuffer());
    const other = Fastify();
    other.get('/', async () => 'x');
    const otherUrl = await other.listen({ host: '127.0.0.1', port: 0 });
    await fetch(otherUrl).then((r) => r.text());
    await other.close();
    const t = await text();
    expect(sample(t, 'chatbox_netbox_request_duration_seconds_count{method="GET",status="2xx"}')).toBe(2);
    expect(sample(t, 'chatbox_netbox_request_duration_seconds_count{method="GET",status="4xx"}')).toBe(1);
    expect(sample(t, 'chatbox_netbox_request_errors_total{reason="status_auth"}')).toBe(1);
  });

  it('counts a NetBox that answers 5xx and one that never answers', async () => {
    const headers = { authorization: sandbox.current.authorization };
    sandbox.current.setFaults({ errorRate: 1 });
    expect((await fetch(`${sandbox.current.url}/api/dcim/sites/`, { headers }).then(async (r) => (await r.arrayBuffer(), r.status)))).toBe(500);
    sandbox.current.setFaults({ errorRate: 0, hangRate: 1 });
    await expect(fetch(`${sandbox.current.url}/api/dcim/sites/`, { headers, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    const t = await text();
    expect(sample(t, 'chatbox_netbox_request_errors_total{reason="status_5xx"}')).toBe(1);
    expect(sample(t, 'chatbox_netbox_request_errors_total{reason="timeout"}')).toBe(1);
    expect(sample(t, 'chatbox_netbox_request_duration_seconds_count{method="GET",status="0xx"}')).toBe(1);
  });
});
