import type { IncomingHttpHeaders } from 'node:http';

/** One request the stub received, as tests read it back. */
export interface RecordedRequest {
  readonly at: string;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: string;
  /** Whether a route answered it; unknown routes are recorded too, to learn what a client calls. */
  readonly known: boolean;
  /** Headers without credentials: this log is printed and asserted on. */
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie']);

function safeHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name)) continue;
    safe[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return safe;
}

export class RequestLog {
  #entries: RecordedRequest[] = [];

  record(request: { method: string; url: string; headers: IncomingHttpHeaders; body: unknown }, known: boolean): RecordedRequest {
    const [path = '', query = ''] = request.url.split('?', 2);
    const entry: RecordedRequest = {
      at: new Date().toISOString(),
      method: request.method,
      path,
      query,
      known,
      headers: safeHeaders(request.headers),
      body: request.body ?? null,
    };
    this.#entries.push(entry);
    return entry;
  }

  list(): RecordedRequest[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}
