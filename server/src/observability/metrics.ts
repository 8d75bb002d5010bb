import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How a turn ended, as the protocol's last event of a turn says it. */
export type TurnOutcome = 'done' | 'stopped' | 'error';
/** How a tool call ended: its result, a refusal by the tool gate, or a stop by the user. */
export type ToolOutcome = 'ok' | 'error' | 'denied' | 'cancelled';

export interface TokenUsage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cacheReadTokens?: number;
  readonly cacheCreationTokens?: number;
}

/** What a scrape reads now (live sessions, queue, sockets): asked at scrape time, never kept in step by hand. */
export interface MetricsSources {
  liveSessions(): number;
  queueLength(): number;
  openSockets(): number;
}

export interface Metrics {
  readonly registry: Registry;
  /** Answers the scrape with the sources of this server process. */
  watch(sources: MetricsSources): void;
  turnEnded(outcome: TurnOutcome, seconds: number, errorCode?: string): void;
  firstToken(seconds: number): void;
  usage(model: string, usage: TokenUsage, costUsd: number | undefined): void;
  toolCall(tool: string, outcome: ToolOutcome, seconds: number): void;
  netboxRequest(method: string, status: number | undefined, seconds: number, error?: NetboxRequestError): void;
}

/** Why a NetBox request failed below HTTP, or the HTTP answer that counts as a NetBox failure. */
export type NetboxRequestError = 'timeout' | 'network' | 'aborted' | 'status_429' | 'status_5xx' | 'status_auth';

const SECONDS_SHORT = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];
const SECONDS_LONG = [0.5, 1, 2, 5, 10, 20, 40, 80, 160, 300, 600];
const SECONDS_NETBOX = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/**
 * The server's Prometheus metrics, in a registry of its own (two servers in one test process stay apart).
 * Label values come from closed sets or from names the server controls (tool names, model names): no user text.
 */
export function createMetrics(options: { prefix?: string; processMetrics?: boolean } = {}): Metrics {
  const prefix = options.prefix ?? 'chatbox_';
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];

  const turns = new Counter({ name: `${prefix}turns_total`, help: 'Turns (one question and its answer) by how they ended.', labelNames: ['outcome'], registers });
  const turnErrors = new Counter({ name: `${prefix}turn_errors_total`, help: 'Turns that ended in an error, by protocol error code.', labelNames: ['code'], registers });
  const firstToken = new Histogram({ name: `${prefix}turn_first_token_seconds`, help: 'From a question accepted to the first text of its answer.', buckets: SECONDS_SHORT, registers });
  const duration = new Histogram({ name: `${prefix}turn_duration_seconds`, help: 'From a question accepted to the end of its answer.', buckets: SECONDS_LONG, registers });
  const tokens = new Counter({ name: `${prefix}model_tokens_total`, help: 'Model tokens by model and kind (input, output, cache_read, cache_write).', labelNames: ['model', 'kind'], registers });
  const cost = new Counter({ name: `${prefix}model_cost_usd_total`, help: 'Model cost in US dollars as the Agent SDK reports it, by model.', labelNames: ['model'], registers });
  const toolCalls = new Counter({ name: `${prefix}tool_calls_total`, help: 'Tool calls by tool and outcome (ok, error, denied, cancelled).', labelNames: ['tool', 'outcome'], registers });
  const toolSeconds = new Histogram({ name: `${prefix}tool_call_duration_seconds`, help: 'Tool calls from the model asking to the result, by tool.', labelNames: ['tool'], buckets: SECONDS_SHORT, registers });
  const netboxSeconds = new Histogram({
    name: `${prefix}netbox_request_duration_seconds`,
    help: 'NetBox REST requests by method and status class (0xx: no answer).',
    labelNames: ['method', 'status'],
    buckets: SECONDS_NETBOX,
    registers,
  });
  const netboxErrors = new Counter({ name: `${prefix}netbox_request_errors_total`, help: 'NetBox requests that failed, by reason.', labelNames: ['reason'], registers });

  let sources: MetricsSources | undefined;
  new Gauge({ name: `${prefix}live_sessions`, help: 'Agent SDK sessions (CLI processes) open, spares included.', registers, collect() { this.set(sources?.liveSessions() ?? 0); } });
  new Gauge({ name: `${prefix}session_queue_length`, help: 'Turns waiting for a free session.', registers, collect() { this.set(sources?.queueLength() ?? 0); } });
  new Gauge({ name: `${prefix}open_sockets`, help: 'Chat WebSockets open.', registers, collect() { this.set(sources?.openSockets() ?? 0); } });

  return {
    registry,
    watch(next) {
      sources = next;
    },
    turnEnded(outcome, seconds, errorCode) {
      turns.inc({ outcome });
      duration.observe(seconds);
      if (outcome === 'error' && errorCode) turnErrors.inc({ code: errorCode });
    },
    firstToken(seconds) {
      firstToken.observe(seconds);
    },
    usage(model, usage, costUsd) {
      const kinds: Array<[string, number | undefined]> = [
        ['input', usage.inputTokens],
        ['output', usage.outputTokens],
        ['cache_read', usage.cacheReadTokens],
        ['cache_write', usage.cacheCreationTokens],
      ];
      for (const [kind, count] of kinds) if (count && count > 0) tokens.inc({ model, kind }, count);
      if (costUsd && costUsd > 0) cost.inc({ model }, costUsd);
    },
    toolCall(tool, outcome, seconds) {
      toolCalls.inc({ tool, outcome });
      toolSeconds.observe({ tool }, seconds);
    },
    netboxRequest(method, status, seconds, error) {
      netboxSeconds.observe({ method, status: status === undefined ? '0xx' : `${Math.floor(status / 100)}xx` }, seconds);
      if (error) netboxErrors.inc({ reason: error });
    },
  };
}
