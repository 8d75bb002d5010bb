import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '@netbox-chatbox/netbox-sandbox';
import { defaultScenario, startScriptedModel, type Rule, type ScriptedModel } from '@netbox-chatbox/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { generatedDataset } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { startApp, type RunningApp } from '../../../server/src/app.ts';
import { API_KEY, captureLogger, testConfig } from '../../../server/test/e2e-server/support/test-server.ts';

/** A device whose name is an XSS attempt: it must show as text wherever NetBox data appears. */
export const XSS_DEVICE_NAME = '<img src=x onerror="window.__xss=1">';

/** Slow answers, so that a test can see partial text, stop it, or cut the network in the middle. */
export const LONG_ANSWER_WORDS = 240;
const longAnswer = Array.from({ length: LONG_ANSWER_WORDS }, (_, index) => `word${index + 1}`).join(' ');

/** Many short paragraphs: tall enough to scroll in any viewport while it streams for about 12 s. */
const tallAnswer = Array.from({ length: 60 }, (_, index) => `Paragraph ${index + 1}: ${Array.from({ length: 8 }, (_, word) => `line${index + 1}w${word + 1}`).join(' ')}`).join('\n\n');

export const E2E_RULES: Rule[] = [
  { name: 'tall report', when: { user: '^write a tall report' }, chunkDelayMs: 40, reply: [{ type: 'text', text: `${tallAnswer}\n\nEND-OF-TALL` }] },
  { name: 'long report', when: { user: '^write a long report' }, chunkDelayMs: 40, reply: [{ type: 'text', text: `Report: ${longAnswer} END-OF-REPORT` }] },
  {
    name: 'xss in the answer',
    when: { user: '^show me something dangerous' },
    reply: [{ type: 'text', text: 'Here: <img src=x onerror="window.__xss=2"> and <script>window.__xss=3</script> and ![leak]({{user.match /(http:\\/\\/127\\.0\\.0\\.1:\\d+\\/leak\\.png)/}}) done.' }],
  },
];

export interface E2eApp {
  readonly url: string;
  readonly app: RunningApp;
  readonly model: ScriptedModel;
  readonly sandbox: RunningSandbox;
  readonly logLines: string[];
}

/** The whole product for one test file: sandbox NetBox (with an XSS-named device), scripted model, server serving the built UI. */
export function useE2eApp(settings: { mode?: 'multi-user' | 'single-user'; chunkDelayMs?: number; env?: Record<string, string> } = {}): E2eApp {
  const state: { app?: RunningApp; model?: ScriptedModel; sandbox?: RunningSandbox; dir?: string; lines: string[] } = { lines: [] };
  beforeAll(async () => {
    const dataset = generatedDataset();
    const device = dataset.tables['dcim_device']?.[0];
    if (device) device.name = XSS_DEVICE_NAME;
    state.sandbox = await startSandbox({ host: '127.0.0.1', port: 0, dataset });
    state.model = await startScriptedModel({ scenario: { rules: [...E2E_RULES, ...defaultScenario().rules] }, chunkDelayMs: settings.chunkDelayMs ?? 15 });
    state.dir = mkdtempSync(join(tmpdir(), 'e2e-'));
    const env: Record<string, string> = {
      NETBOX_URL: state.sandbox.url,
      ANTHROPIC_BASE_URL: state.model.url,
      ANTHROPIC_API_KEY: API_KEY,
      ...settings.env,
    };
    if (settings.mode === 'single-user') env.NETBOX_TOKEN = state.sandbox.token;
    else env.SESSION_SECRET = 'e2e-session-secret-0123456789-abcdefghijklmnop';
    const { logger, lines } = captureLogger();
    state.lines = lines;
    state.app = await startApp({ config: testConfig(env, state.dir, true), logger, warmUp: true });
  }, 120_000);
  afterAll(async () => {
    await state.app?.close();
    await state.model?.close();
    await state.sandbox?.close();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('e2e app not started');
    return value;
  };
  return {
    get url() {
      return need(state.app).url;
    },
    get app() {
      return need(state.app);
    },
    get model() {
      return need(state.model);
    },
    get sandbox() {
      return need(state.sandbox);
    },
    get logLines() {
      return state.lines;
    },
  };
}

/** Signs in through the sign-in page with a sandbox user (username = password there). */
export async function signIn(page: Page, baseUrl: string, username = 'mchen'): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/sign-in/);
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel(/username/i).fill(username);
  await form.getByLabel(/password/i).fill(username);
  await form.getByRole('button', { name: /sign in/i }).click();
  await page.getByTestId('chat-input').waitFor({ state: 'visible' });
}

/** Types a question in the composer and sends it with Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  const input = page.getByTestId('chat-input');
  await input.fill(question);
  await input.press('Enter');
}

/** The last assistant message's visible text once it has ended (done, stopped or error). */
export async function lastAnswer(page: Page, timeout = 30_000): Promise<string> {
  const last = page.getByTestId('assistant-message').last();
  await last.and(page.locator('[data-state="done"], [data-state="stopped"], [data-state="error"]')).waitFor({ timeout });
  return (await last.innerText()).trim();
}
