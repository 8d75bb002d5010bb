import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { NetboxMcpError } from '../errors.ts';
import { authorizationHeader } from './auth-header.ts';
import { sharedAgent } from './dispatcher.ts';
import { describeErrorBody } from './error-body.ts';
import { toSearchParams, type QueryParams } from './query-string.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, type RetryPolicy } from './retry-policy.ts';

export interface NetboxClientOptions {
  /** NetBox's base URL, e.g. `https://netbox.example.com` (a path prefix like `/netbox` is kept). */
  readonly url: string;
  /** v1 (40 hex) or v2 (`nbt_…`) token; the header scheme is chosen from its form. */
  readonly token?: string | undefined;
  /** Per attempt, for headers and body. */
  readonly timeoutMs?: number;
  /**
   * One request's whole budget, retries and their waits included: a hung NetBox costs this, not attempts ×
   * timeout. Default 20 s.
   */
  readonly deadlineMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly verifyTls?: boolean;
  /** Connections per NetBox origin. */
  readonly maxConnections?: number;
  /** Override for tests. */
  readonly dispatcher?: Dispatcher;
}

export interface Page<T = Record<string, unknown>> {
  readonly count: number;
  readonly next: string | null;
  readonly previous: string | null;
  readonly results: T[];
}

export interface NetboxStatus {
  readonly version: string;
  readonly raw: Record<string, unknown>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_DEADLINE_MS = 20_000;

/**
 * The only way our tools reach NetBox: GET only, keep-alive, retries with backoff for transient failures,
 * and every failure turned into a NetboxMcpError that carries NetBox's own words.
 */
export class NetboxClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  readonly #authorization: string | undefined;
  readonly #retry: RetryPolicy;
  readonly #dispatcher: Dispatcher;
  #status: Promise<NetboxStatus> | undefined;
  /** Requests sent, for tests and benchmarks. */
  requestCount = 0;

  constructor(options: NetboxClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.url);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.#authorization = options.token ? authorizationHeader(options.token) : undefined;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#dispatcher =
      options.dispatcher ?? sharedAgent({ verifyTls: options.verifyTls ?? true, connections: options.maxConnections ?? 16 });
  }

  /**
   * GET a NetBox API path (`/api/dcim/devices/`) and parse its JSON. Transient failures are retried, all
   * within one deadline: each attempt gets what is left of it, and no retry starts that could not finish.
   */
  async get<T = unknown>(path: string, params?: QueryParams): Promise<T> {
    const url = this.apiUrl(path, params);
    const started = Date.now();
    const deadline = started + this.deadlineMs;
    for (let attempt = 0; ; attempt++) {
      const left = deadline - Date.now();
      try {
        return (await this.#attempt(url, path, Math.min(this.timeoutMs, left), { attempts: attempt + 1, started })) as T;
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        const wait = backoffDelay(this.#retry, attempt, error.retryAfter);
        // A retry that would start with next to no time left only delays the answer the user gets anyway.
        if (attempt >= this.#retry.retries || deadline - Date.now() - wait < MIN_ATTEMPT_MS) throw error.final;
        await sleep(wait);
      }
    }
  }

  list<T = Record<string, unknown>>(path: string, params?: QueryParams): Promise<Page<T>> {
    return this.get<Page<T>>(path, params);
  }

  /** `/api/status/`, fetched once per client. */
  status(): Promise<NetboxStatus> {
    this.#status ??= this.get<Record<string, unknown>>('/api/status/').then(
      (raw) => ({ version: String(raw['netbox-version'] ?? 'unknown'), raw }),
      (error: unknown) => {
        this.#status = undefined;
        throw error;
      },
    );
    return this.#status;
  }

  apiUrl(path: string, params?: QueryParams): string {
    const query = toSearchParams(params).toString();
    return `${this.baseUrl}${path}${query ? `?${query}` : ''}`;
  }

  /** The NetBox web UI URL for an API path: `/api/dcim/devices/3/` → `<base>/dcim/devices/3/`. */
  uiUrl(apiPath: string, params?: QueryParams): string {
    const query = toSearchParams(params).toString();
    return `${this.baseUrl}${apiPath.replace(/^\/api\//, '/')}${query ? `?${query}` : ''}`;
  }

  async #attempt(url: string, path: string, timeoutMs: number, tries: Tries): Promise<unknown> {
    this.requestCount++;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#authorization) headers.authorization = this.#authorization;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: 'GET',
        headers,
        dispatcher: this.#dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RetryableFailure(this.#networkError(error, path, tries));
    }
    let body: string;
    try {
      body = await response.body.text();
    } catch (error) {
      throw new RetryableFailure(this.#networkError(error, path, tries));
    }
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new NetboxMcpError('NETBOX_BAD_RESPONSE', `NetBox answered ${path} with something that is not JSON.`, {
          hint: 'Check that NETBOX_URL points at NetBox itself, not a login page or proxy.',
          status,
        });
      }
    }
    const failure = httpError(status, path, describeErrorBody(body), this.baseUrl);
    if (isRetryableStatus(status)) {
      const retryAfter = response.headers['retry-after'];
      throw new RetryableFailure(failure, typeof retryAfter === 'string' ? retryAfter : null);
    }
    throw failure;
  }

  #networkError(error: unknown, path: string, tries: Tries): NetboxMcpError {
    const { code, name } = error as { code?: unknown; name?: unknown };
    const label = typeof code === 'string' ? code : typeof name === 'string' ? name : '';
    const timedOut = /TIMEOUT|AbortError|TimeoutError/i.test(`${label} ${String(name)}`);
    if (timedOut) {
      const spent = ((Date.now() - tries.started) / 1000).toFixed(1);
      const attempts = `${tries.attempts} attempt${tries.attempts === 1 ? '' : 's'}`;
      return new NetboxMcpError('NETBOX_TIMEOUT', `NetBox did not answer ${path}: ${attempts} timed out, ${spent} s in all (deadline ${this.deadlineMs / 1000} s).`, {
        hint: 'NetBox is slow or overloaded; narrow the query (filters, fewer rows) or try again.',
        cause: error,
      });
    }
    return new NetboxMcpError('NETBOX_UNREACHABLE', `NetBox at ${this.baseUrl} could not be reached (${label || 'network error'}).`, {
      hint: 'NetBox may be down or the URL wrong; tell the user NetBox is unreachable rather than guessing.',
      cause: error,
    });
  }
}

/** Which attempt of one request this is, and when the first began: what a timeout error reports. */
interface Tries {
  readonly attempts: number;
  readonly started: number;
}

/** Less than this left of the deadline: another attempt could not get an answer, so none is made. */
const MIN_ATTEMPT_MS = 250;

class RetryableFailure extends Error {
  readonly final: NetboxMcpError;
  readonly retryAfter: string | null;

  constructor(
    final: NetboxMcpError,
    retryAfter: string | null = null,
  ) {
    super(final.message);
    this.final = final;
    this.retryAfter = retryAfter;
  }
}

function normalizeBaseUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return `${parsed.origin}${path}`;
}

function httpError(status: number, path: string, detail: string, baseUrl: string): NetboxMcpError {
  const said = `NetBox answered ${status} for ${path}: ${detail}`;
  if (status === 401 || status === 403) {
    return new NetboxMcpError('NETBOX_AUTH', said, {
      status,
      hint: 'The NetBox token is missing, invalid or lacks permission for this object type. Tell the user; do not retry.',
    });
  }
  if (status === 404) {
    // One object missing is a wrong id; a list, the status or the schema missing means this is not NetBox's API.
    const oneObject = /\/\d+\/(?:[\w-]+\/)?$/.test(path);
    return new NetboxMcpError('NETBOX_NOT_FOUND', said, {
      status,
      hint: oneObject
        ? 'Check the object type and id.'
        : `NetBox's API has no ${path} at NETBOX_URL (${baseUrl}): check that it is NetBox's own base URL (with any path prefix it is served under), or that this NetBox serves that endpoint. Tell the user; do not retry.`,
    });
  }
  if (status === 400) {
    return new NetboxMcpError('NETBOX_BAD_REQUEST', said, {
      status,
      hint: 'NetBox rejected a filter value; fix the value named above (use netbox_describe_type for valid filters).',
    });
  }
  if (status === 429) return new NetboxMcpError('NETBOX_RATE_LIMITED', said, { status, hint: 'NetBox is rate limiting; wait and try fewer requests.' });
  return new NetboxMcpError('NETBOX_SERVER_ERROR', said, { status, hint: 'NetBox failed; try again later or narrow the query.' });
}
