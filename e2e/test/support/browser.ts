import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's chromium: the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../screenshots');

export interface BrowserHandle {
  readonly browser: Browser;
  /** A fresh context (own cookies and storage), closed after the file. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context whose console errors and page errors are kept. */
  page(options?: BrowserContextOptions): Promise<{ page: Page; context: BrowserContext; errors: string[]; failed: string[] }>;
}

/** One Chromium for the tests of a file. */
export function useBrowser(): BrowserHandle {
  const state: { browser?: Browser } = {};
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    state.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    await state.browser?.close();
  });
  const handle: BrowserHandle = {
    get browser() {
      if (!state.browser) throw new Error('browser not started');
      return state.browser;
    },
    async context(options = {}) {
      const context = await handle.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
      contexts.push(context);
      return context;
    },
    async page(options = {}) {
      const context = await handle.context(options);
      const page = await context.newPage();
      const errors: string[] = [];
      const failed: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // A failed request logs a line without its URL; `failed` names them.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
      });
      return { page, context, errors, failed };
    },
  };
  return handle;
}

/** Saves a screenshot under e2e/screenshots/ (kept out of git) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
