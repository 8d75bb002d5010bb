import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Options, SessionStore } from '@anthropic-ai/claude-agent-sdk';
import { defaultScenario, startScriptedModel, type Rule, type ScriptedModel } from '@netbox-chatbox/testing';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { useSandbox } from '../../../../netbox-sandbox/test/support/test-sandbox.ts';
import { AgentSession, buildAgentOptions, type AgentSessionOptions, type ExtraMcp, type SessionPool } from '../../../src/agent/index.ts';
import { EventLog } from './event-log.ts';

/** Looks like a real key, so a leak of it into an event or a log line is easy to find. */
export const API_KEY = 'sk-ant-api03-TEST-SECRET-do-not-log-0123456789abcdef';

/** A pino logger at debug level whose lines are kept, to check that no secret reaches a log. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export interface HarnessSettings {
  /** Rules tried before the built-in NetBox scenario's. */
  readonly rules?: readonly Rule[];
  readonly chunkDelayMs?: number;
}

export interface OptionsOverrides {
  readonly dataDir?: string;
  readonly netboxUrl?: string;
  readonly extraMcp?: ExtraMcp;
  readonly maxRetries?: number;
  readonly sessionStore?: SessionStore;
  readonly sourceEnv?: Record<string, string | undefined>;
  readonly logger?: Logger;
}

/**
 * One scripted model, one sandbox NetBox and one data dir per test file; sessions built with the real
 * options against them.
 */
export function useAgentHarness(settings: HarnessSettings = {}) {
  const sandbox = useSandbox();
  const state: { model?: ScriptedModel; dataDir?: string; scratch: string[] } = { scratch: [] };
  beforeAll(async () => {
    state.model = await startScriptedModel({
      scenario: { rules: [...(settings.rules ?? []), ...defaultScenario().rules] },
      chunkDelayMs: settings.chunkDelayMs ?? 5,
    });
    state.dataDir = mkdtempSync(join(tmpdir(), 'agent-data-'));
  });
  afterAll(async () => {
    await state.model?.close();
    for (const dir of [state.dataDir, ...state.scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    state.model?.clearRequests();
    state.model?.setFaults([]);
  });

  const harness = {
    get model(): ScriptedModel {
      if (!state.model) throw new Error('model not started');
      return state.model;
    },
    get dataDir(): string {
      if (!state.dataDir) throw new Error('data dir not made');
      return state.dataDir;
    },
    get sandbox() {
      return sandbox.current;
    },
    /** A fresh data dir, removed after the file's tests. */
    scratchDir(): string {
      const dir = mkdtempSync(join(tmpdir(), 'agent-data-'));
      state.scratch.push(dir);
      return dir;
    },
    sourceEnv(): Record<string, string | undefined> {
      return { PATH: process.env.PATH, ANTHROPIC_BASE_URL: harness.model.url, ANTHROPIC_API_KEY: API_KEY };
    },
    options(resume: string | undefined, overrides: OptionsOverrides = {}): Options {
      return buildAgentOptions({
        dataDir: overrides.dataDir ?? harness.dataDir,
        sourceEnv: overrides.sourceEnv ?? harness.sourceEnv(),
        netbox: { url: overrides.netboxUrl ?? harness.sandbox.url, token: harness.sandbox.token },
        maxRetries: overrides.maxRetries ?? 2,
        ...(overrides.extraMcp ? { extraMcp: overrides.extraMcp } : {}),
        ...(overrides.sessionStore ? { sessionStore: overrides.sessionStore } : {}),
        ...(overrides.logger ? { logger: overrides.logger } : {}),
        ...(resume ? { resume } : {}),
      });
    },
    session(
      pool: SessionPool,
      settings: Partial<Omit<AgentSessionOptions, 'pool' | 'onEvent' | 'makeOptions'>> & { overrides?: OptionsOverrides } = {},
    ): { session: AgentSession; log: EventLog } {
      const log = new EventLog();
      const { overrides, ...rest } = settings;
      const session = new AgentSession({
        pool,
        makeOptions: (resume) => harness.options(resume, overrides),
        onEvent: log.sink,
        ...rest,
      });
      return { session, log };
    },
  };
  return harness;
}

/** Waits until `check` holds, polling. */
export async function eventually(check: () => boolean, timeoutMs = 10_000, what = 'a condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
