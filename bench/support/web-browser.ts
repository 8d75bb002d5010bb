import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Cleanup } from './server-cleanup.ts';

/** Debian's chromium: the bench never downloads a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(cleanup: Cleanup): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  cleanup.add('chromium', () => browser.close());
  return browser;
}

/**
 * A page in a new context: its own empty HTTP cache, cookies and storage, so every load is a first visit.
 * Page errors are kept so a broken page is reported rather than timed.
 */
export async function freshPage(browser: Browser): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, errors };
}

/** The paths of the scripts and stylesheets a page fetched from its own origin, in order. */
export function recordAssets(page: Page, origin: string): string[] {
  const paths: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || response.status() >= 400) return;
    if (/\.(?:m?js|css)$/i.test(url.pathname) && !paths.includes(url.pathname)) paths.push(url.pathname);
  });
  return paths;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls a JavaScript expression in the page until it is truthy. Not page.waitForFunction: that compiles its
 * predicate inside the page, which our server's CSP (no 'unsafe-eval') rightly refuses; page.evaluate is not.
 */
export async function waitInPage(page: Page, expression: string, what: string, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(intervalMs);
  }
}
