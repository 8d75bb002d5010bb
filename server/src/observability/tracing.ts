import { context, propagation, trace } from '@opentelemetry/api';

/** The name every span of the chat server is made under. */
export const TRACER_NAME = 'netbox-chatbox';

export interface Tracing {
  /** Sends what is buffered: at shutdown, and in tests. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces of each turn (message → model requests → tool calls → NetBox requests), exported as
 * OTLP/JSON over HTTP to the collector at `endpoint` (OTEL_EXPORTER_OTLP_ENDPOINT; the exporter itself reads the
 * other standard variables, such as OTEL_EXPORTER_OTLP_HEADERS). Without an endpoint nothing is set up, and every
 * span the server makes is the API's no-op; the SDK is loaded only when there is one.
 */
export async function startTracing(options: { endpoint: string | undefined; serviceVersion: string }): Promise<Tracing | undefined> {
  if (!options.endpoint) return undefined;
  const [{ AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { OTLPTraceExporter }, { resourceFromAttributes }, { BatchSpanProcessor, TracerProvider }] =
    await Promise.all([
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace'),
    ]);
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'netbox-chatbox', 'service.version': options.serviceVersion }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: traceUrl(options.endpoint) }) })],
  });
  trace.setGlobalTracerProvider(provider);
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The spec's rule: OTEL_EXPORTER_OTLP_ENDPOINT is a base, to which /v1/traces is appended. */
function traceUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
