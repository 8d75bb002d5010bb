import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '@netbox-chatbox/netbox-sandbox';
import { startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import { pino, type Logger } from 'pino';
import { startApp, type RunningApp } from '../../server/src/app.ts';
import { loadConfig, type Config } from '../../server/src/config/index.ts';
import { REDACT_PATHS } from '../../server/src/http/logger.ts';
import type { Cleanup } from './server-cleanup.ts';

/** Shaped like a real key; the scripted model accepts any. */
const API_KEY = 'sk-ant-api03-BENCH-not-a-real-key-0123456789';

/** A fixed "now", so the sandbox's data is the same on every run. */
const ANCHOR = new Date('2026-11-01T00:00:00Z');

/** The NetBox and the model every server and baseline in one run talks to: both real HTTP on loopback. */
export interface BenchWorld {
  readonly sandbox: RunningSandbox;
  readonly model: ScriptedModel;
  readonly chunkDelayMs: number;
}

export async function startWorld(cleanup: Cleanup, chunkDelayMs: number): Promise<BenchWorld> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, scale: 1, seed: 1, anchor: ANCHOR });
  cleanup.add('sandbox', () => sandbox.close());
  const model = await startScriptedModel({ host: '127.0.0.1', port: 0, chunkDelayMs });
  cleanup.add('scripted model', () => model.close());
  return { sandbox, model, chunkDelayMs };
}

/**
 * The server's variables for single-user mode against the world. The per-user message limit is lifted: the
 * bench sends far more than a person would in a minute, and a refusal would measure the limiter instead.
 */
export function serverEnv(world: BenchWorld, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    NETBOX_URL: world.sandbox.url,
    NETBOX_TOKEN: world.sandbox.token,
    ANTHROPIC_BASE_URL: world.model.url,
    ANTHROPIC_API_KEY: API_KEY,
    RATE_LIMIT_PER_MINUTE: '100000',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    ...extra,
  };
}

/** The configuration from the same loadConfig as production, no .env file, PGlite in `dataDir`. */
export function benchConfig(env: Record<string, string>, dataDir: string): Config {
  return loadConfig({ PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env }, { envFile: null });
}

export function tempDir(cleanup: Cleanup, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.add(`temp dir ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Logs at the production level with the production redaction, so the server pays for its logging as it would,
 * but only warnings and errors reach the terminal (stderr, away from the figures).
 */
export function benchLogger(): Logger {
  return pino(
    { level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    {
      write: (line: string) => {
        if (/"level":(?:[4-9]\d)/.test(line)) process.stderr.write(`server: ${line}`);
      },
    },
  );
}

export interface BenchApp {
  readonly running: RunningApp;
  readonly wsUrl: string;
  readonly config: Config;
  /** Stops the server and its CLI processes and removes its data dir. */
  close(): Promise<void>;
}

/** Signs cookies in multi-user mode; any 32 characters or more. */
const BENCH_SESSION_SECRET = 'bench-session-secret-0123456789-abcdefghijkl';

/**
 * The whole server in this process (startApp), single-user against the world (or multi-user, where the
 * sandbox's users sign in), PGlite in a temp DATA_DIR.
 */
export async function startBenchApp(
  cleanup: Cleanup,
  world: BenchWorld,
  settings: { warmUp: boolean; env?: Record<string, string>; label: string; multiUser?: boolean },
): Promise<BenchApp> {
  const dataDir = tempDir(cleanup, 'bench-server-');
  const env = serverEnv(world, settings.env);
  if (settings.multiUser) {
    delete env.NETBOX_TOKEN;
    env.SESSION_SECRET = BENCH_SESSION_SECRET;
  }
  const config = benchConfig(env, dataDir);
  const running = await startApp({ config, logger: benchLogger(), warmUp: settings.warmUp });
  const what = `server (${settings.label})`;
  cleanup.add(what, () => running.close());
  return { running, wsUrl: `${running.url.replace(/^http/, 'ws')}/ws/chat`, config, close: () => cleanup.run(what) };
}

/** Polls until `check` holds. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A question the built-in scenario answers with a sentence, then a netbox_get_objects call, then a table. */
export const TOOL_QUESTION = 'Which devices are in site chi-dc1?';
