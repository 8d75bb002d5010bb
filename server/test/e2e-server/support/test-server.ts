import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenario, startScriptedModel, type Rule, type ScriptedModel } from '@netbox-chatbox/testing';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { useSandbox } from '../../../../netbox-sandbox/test/support/test-sandbox.ts';
import { startApp, type RunningApp } from '../../../src/app.ts';
import { loadConfig, type Config } from '../../../src/config/index.ts';
import { REDACT_PATHS } from '../../../src/http/logger.ts';
import { PGLITE_MEMORY } from '../../../src/store/index.ts';

/** Looks like a real key, so a leak of it into a frame or a log line is easy to find. */
export const API_KEY = 'sk-ant-api03-SERVER-TEST-SECRET-do-not-log-0123456789';

export const SESSION_SECRET = 'test-session-secret-0123456789-abcdefghijklmnop';

export interface TestServerSettings {
  /** Whether to start the scripted model and point the server at it. Default true. */
  readonly model?: boolean;
  /** Rules tried before the built-in NetBox scenario's. */
  readonly rules?: readonly Rule[];
  readonly chunkDelayMs?: number;
  /** single-user (default: the sandbox's token as NETBOX_TOKEN) or multi-user (sign-in, SESSION_SECRET). */
  readonly mode?: 'single-user' | 'multi-user';
  /** More variables, e.g. RATE_LIMIT_PER_MINUTE. */
  readonly env?: Record<string, string>;
  /** Keep the store in this directory instead of in memory. */
  readonly dataDir?: () => string;
  readonly warmUp?: boolean;
  readonly signInPerMinute?: number;
  readonly credentialSweepMs?: number;
}

export interface TestServer {
  readonly app: RunningApp;
  readonly url: string;
  readonly wsUrl: string;
  readonly model: ScriptedModel;
  readonly sandbox: { url: string; token: string };
  readonly config: Config;
  /** Every log line the server wrote, as JSON text. */
  readonly logLines: string[];
  /** Makes the sandbox NetBox slow, failing or unreachable (see netbox-sandbox's Faults); `{}` for none. */
  setNetboxFaults(faults: { latencyMs?: number; errorRate?: number; errorStatus?: number; hangRate?: number; dropRate?: number }): void;
}

/** A pino logger at debug level, with the server's redaction, whose lines are kept. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** The configuration a test server gets, from the same loadConfig as production. */
export function testConfig(env: Record<string, string>, dataDir: string, inMemory: boolean): Config {
  // The machine's memory would allow dozens of CLI processes; tests keep to the 8 they were written for, shared
  // freely unless a test asks for limits of its own.
  const pool = 'MAX_LIVE_SESSIONS' in env ? {} : { MAX_LIVE_SESSIONS: '8', MAX_LIVE_SESSIONS_PER_USER: '8' };
  const config = loadConfig({ PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'debug', ...pool, ...env }, { envFile: null });
  return inMemory ? { ...config, database: { kind: 'pglite', dir: PGLITE_MEMORY } } : config;
}

/**
 * The whole server for one test file, on a free port: the sandbox NetBox, the scripted model (real HTTP), the
 * real Agent SDK and CLI, PGlite in memory, and a log that the tests can search for secrets.
 */
export function useTestServer(settings: TestServerSettings = {}): TestServer {
  const sandbox = useSandbox();
  const state: { app?: RunningApp; model?: ScriptedModel; config?: Config; dataDir?: string; lines: string[] } = { lines: [] };
  beforeAll(async () => {
    const withModel = settings.model !== false;
    if (withModel) {
      state.model = await startScriptedModel({
        scenario: { rules: [...(settings.rules ?? []), ...defaultScenario().rules] },
        chunkDelayMs: settings.chunkDelayMs ?? 5,
      });
    }
    state.dataDir = settings.dataDir?.() ?? mkdtempSync(join(tmpdir(), 'server-test-'));
    const env: Record<string, string> = { NETBOX_URL: sandbox.current.url, ...settings.env };
    if (settings.mode === 'multi-user') env.SESSION_SECRET = SESSION_SECRET;
    else env.NETBOX_TOKEN = sandbox.current.token;
    if (state.model) Object.assign(env, { ANTHROPIC_BASE_URL: state.model.url, ANTHROPIC_API_KEY: API_KEY });
    state.config = testConfig(env, state.dataDir, settings.dataDir === undefined);
    const { logger, lines } = captureLogger();
    state.lines = lines;
    state.app = await startApp({
      config: state.config,
      logger,
      warmUp: settings.warmUp ?? false,
      ...(settings.signInPerMinute === undefined ? {} : { signInPerMinute: settings.signInPerMinute }),
      ...(settings.credentialSweepMs === undefined ? {} : { credentialSweepMs: settings.credentialSweepMs }),
    });
  });
  afterAll(async () => {
    await state.app?.close();
    await state.model?.close();
    if (state.dataDir && settings.dataDir === undefined) rmSync(state.dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    state.model?.clearRequests();
    state.model?.setFaults([]);
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} not started`);
    return value;
  };
  return {
    get app() {
      return need(state.app, 'server');
    },
    get url() {
      return need(state.app, 'server').url;
    },
    get wsUrl() {
      return `${need(state.app, 'server').url.replace(/^http/, 'ws')}/ws/chat`;
    },
    get model() {
      return need(state.model, 'scripted model');
    },
    get sandbox() {
      return { url: sandbox.current.url, token: sandbox.current.token };
    },
    get config() {
      return need(state.config, 'config');
    },
    get logLines() {
      return state.lines;
    },
    setNetboxFaults(faults) {
      sandbox.current.setFaults({ latencyMs: 0, errorRate: 0, errorStatus: 500, hangRate: 0, dropRate: 0, ...faults });
    },
  };
}
