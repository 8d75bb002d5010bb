import Fastify from 'fastify';
import { errorBody } from '../anthropic/error-body.ts';
import { FaultQueue } from '../faults/fault-queue.ts';
import type { Fault } from '../faults/fault-schema.ts';
import { faultListSchema } from '../faults/fault-schema.ts';
import { defaultScenario, parseScenario } from '../scenario/load-scenario.ts';
import type { Scenario, ScenarioInput } from '../scenario/scenario-schema.ts';
import { registerMessageRoutes } from './message-routes.ts';
import { registerProbeRoutes } from './probe-routes.ts';
import { RequestLog, type RecordedRequest } from './request-log.ts';
import type { StubState } from './stub-state.ts';
import { registerStubRoutes } from './stub-routes.ts';

export interface ScriptedModelOptions {
  /** Loopback by default: the stub is test infrastructure and answers anyone who reaches it. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Rules to play; the built-in NetBox scenario when absent. */
  readonly scenario?: Scenario | ScenarioInput;
  /** Pause between streamed chunks (default 15 ms), so clients see an answer arrive over time. */
  readonly chunkDelayMs?: number;
  /** Called for each request to a route the stub does not know (they are answered 404 and recorded). */
  readonly onUnknownRoute?: (request: RecordedRequest) => void;
}

export interface ScriptedModel {
  /** `http://127.0.0.1:<port>`: what `ANTHROPIC_BASE_URL` takes. */
  readonly url: string;
  close(): Promise<void>;
  /** Every request received, oldest first (credentials left out). */
  requests(): RecordedRequest[];
  /** Only the `POST /v1/messages` bodies: the conversations the model was asked to continue. */
  messageRequests(): unknown[];
  clearRequests(): void;
  /** Replaces the fault queue; each fault applies to one `POST /v1/messages`, in order. */
  setFaults(faults: readonly Fault[]): void;
  setScenario(scenario: Scenario | ScenarioInput): void;
}

export const DEFAULT_CHUNK_DELAY_MS = 15;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startScriptedModel(options: ScriptedModelOptions = {}): Promise<ScriptedModel> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw Object.assign(new Error(`host must be a loopback address (127.0.0.1, ::1, localhost), got "${host}"`), { code: 'NOT_LOOPBACK' });
  }
  const state: StubState = {
    scenario: options.scenario ? parseScenario(options.scenario) : defaultScenario(),
    faults: new FaultQueue(),
    log: new RequestLog(),
    chunkDelayMs: options.chunkDelayMs ?? DEFAULT_CHUNK_DELAY_MS,
  };
  // Claude Code sends the whole conversation, tool definitions and system prompt each turn: allow big bodies.
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 64 * 1024 * 1024 });
  registerMessageRoutes(app, state);
  registerProbeRoutes(app, state);
  registerStubRoutes(app, state);
  app.setNotFoundHandler(async (request, reply) => {
    const entry = state.log.record(request, false);
    options.onUnknownRoute?.(entry);
    return reply.code(404).send(errorBody(404, `The scripted model has no route ${request.method} ${entry.path}`));
  });
  const address = await app.listen({ host, port: options.port ?? 0 });
  return {
    url: address,
    close: () => app.close(),
    requests: () => state.log.list(),
    messageRequests: () => state.log.list().filter((r) => r.method === 'POST' && r.path === '/v1/messages').map((r) => r.body),
    clearRequests: () => state.log.clear(),
    setFaults: (faults) => state.faults.set(faultListSchema.parse(faults)),
    setScenario: (scenario) => {
      state.scenario = parseScenario(scenario);
    },
  };
}
