import { context, trace } from '@opentelemetry/api';
import { NetboxClient } from '@netbox-chatbox/netbox-mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { watchNetboxRequests } from '../../src/observability/netbox-request-watch.ts';
import { startTracing, TRACER_NAME, type Tracing } from '../../src/observability/tracing.ts';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.ts';

const sandbox = useSandbox();
let receiver: OtlpReceiver;
let tracing: Tracing | undefined;
let stopWatch: () => void;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = await startTracing({ endpoint: receiver.url, serviceVersion: '9.9.9' });
  stopWatch = watchNetboxRequests([sandbox.current.url], createMetrics({ processMetrics: false }));
});
afterAll(async () => {
  stopWatch();
  await tracing?.shutdown();
  await receiver.close();
});

describe('OpenTelemetry traces over OTLP/HTTP', () => {
  it('is off without an endpoint', async () => {
    expect(await startTracing({ endpoint: undefined, serviceVersion: '1' })).toBeUndefined();
  });

  it('exports NetBox requests as client spans under the span that made them, to a real OTLP receiver', async () => {
    const tracer = trace.getTracer(TRACER_NAME);
    const client = new NetboxClient({ url: sandbox.current.url, token: sandbox.current.token });
    const parent = tracer.startSpan('tool netbox_get_objects');
    await context.with(trace.setSpan(context.active(), parent), async () => {
      await client.get('/api/dcim/devices/', { q: 'secret-search-text', limit: 2 });
    });
    parent.end();
    await tracing!.flush();

    const spans = receiver.spans;
    const tool = spans.find((s) => s.name === 'tool netbox_get_objects');
    const request = spans.find((s) => s.name === 'NetBox GET /api/dcim/devices/');
    expect(tool).toBeDefined();
    expect(request).toMatchObject({ traceId: tool!.traceId, parentSpanId: tool!.spanId, kind: 3 });
    expect(request!.attributes).toMatchObject({ 'http.request.method': 'GET', 'url.path': '/api/dcim/devices/', 'http.response.status_code': 200 });
    expect(JSON.stringify(spans)).not.toContain('secret-search-text');
    expect(tool!.resource).toMatchObject({ 'service.name': 'netbox-chatbox', 'service.version': '9.9.9' });
    expect(receiver.contentTypes.every((type) => type.startsWith('application/json'))).toBe(true);
  });
});
