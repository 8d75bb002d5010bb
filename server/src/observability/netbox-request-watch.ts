import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Metrics, NetboxRequestError } from './metrics.ts';
import { TRACER_NAME } from './tracing.ts';

/** The part of undici's request object the diagnostics channels give (npm undici and Node's own fetch alike). */
interface UndiciRequest {
  readonly origin?: string | URL;
  readonly method?: string;
  readonly path?: string;
}

interface InFlight {
  readonly started: number;
  readonly method: string;
  readonly span: Span;
  status?: number;
}

/**
 * Every request this process makes to NetBox, seen through undici's diagnostics channels: the NetBox MCP tools
 * (npm undici), sign-in and the starters (Node's fetch) alike, with no change to the code that makes them. Each
 * becomes a latency sample, an error count when it fails, and a client span under whatever span was active when
 * it was made (a tool call's). Paths only: query strings can hold what a user searched for.
 */
export function watchNetboxRequests(origins: readonly string[], metrics: Metrics): () => void {
  const watched = new Set(origins.map((origin) => new URL(origin).origin));
  const inFlight = new WeakMap<object, InFlight>();
  const tracer = trace.getTracer(TRACER_NAME);

  const onCreate = (message: unknown) => {
    const request = (message as { request: UndiciRequest }).request;
    const origin = request.origin === undefined ? '' : new URL(String(request.origin)).origin;
    if (!watched.has(origin)) return;
    const method = (request.method ?? 'GET').toUpperCase();
    const path = (request.path ?? '/').split('?')[0] ?? '/';
    const span = tracer.startSpan(
      `NetBox ${method} ${path}`,
      { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'url.path': path, 'server.address': new URL(origin).hostname } },
      context.active(),
    );
    inFlight.set(request, { started: performance.now(), method, span });
  };
  const onHeaders = (message: unknown) => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const entry = inFlight.get(request);
    if (entry) entry.status = response.statusCode;
  };
  const finish = (request: object, error?: Error) => {
    const entry = inFlight.get(request);
    if (!entry) return;
    inFlight.delete(request);
    const seconds = (performance.now() - entry.started) / 1000;
    const failure = error ? errorReason(error) : statusReason(entry.status);
    metrics.netboxRequest(entry.method, entry.status, seconds, failure);
    if (entry.status !== undefined) entry.span.setAttribute('http.response.status_code', entry.status);
    if (failure) entry.span.setStatus({ code: SpanStatusCode.ERROR, message: failure });
    entry.span.end();
  };
  const onTrailers = (message: unknown) => finish((message as { request: object }).request);
  const onError = (message: unknown) => {
    const { request, error } = message as { request: object; error: Error };
    finish(request, error);
  };

  const channels: Array<[string, (message: unknown) => void]> = [
    ['undici:request:create', onCreate],
    ['undici:request:headers', onHeaders],
    ['undici:request:trailers', onTrailers],
    ['undici:request:error', onError],
  ];
  for (const [name, handler] of channels) subscribe(name, handler);
  return () => {
    for (const [name, handler] of channels) unsubscribe(name, handler);
  };
}

function statusReason(status: number | undefined): NetboxRequestError | undefined {
  if (status === undefined) return undefined;
  if (status === 429) return 'status_429';
  if (status >= 500) return 'status_5xx';
  if (status === 401 || status === 403) return 'status_auth';
  return undefined;
}

function errorReason(error: Error): NetboxRequestError {
  const name = `${error.name} ${(error as { code?: string }).code ?? ''}`;
  if (/Timeout/i.test(name)) return 'timeout';
  if (/Abort/i.test(name)) return 'aborted';
  return 'network';
}
