import { createServer, type Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.ts';
import { ask, lastAnswer, signIn, useE2eApp, XSS_DEVICE_NAME } from './support/e2e-app.ts';

const server = useE2eApp();
const browser = useBrowser();

/** Counts requests: a markdown image pointing here must never be fetched. */
let leakHits = 0;
let leak: Server;
let leakUrl: string;
beforeAll(async () => {
  leak = createServer((_request, response) => {
    leakHits += 1;
    response.end();
  });
  await new Promise<void>((resolve) => leak.listen(0, '127.0.0.1', resolve));
  const address = leak.address();
  leakUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/leak.png`;
});
afterAll(async () => {
  await new Promise((resolve) => leak?.close(resolve));
});

describe('safety and access', () => {
  it('shows a NetBox device named like HTML as text, and runs no HTML the model writes', async () => {
    const { page } = await browser.page();
    await signIn(page, server.url);
    await ask(page, 'which devices are in site chi-dc1?');
    const answer = await lastAnswer(page);
    expect(answer).toContain(XSS_DEVICE_NAME);

    await ask(page, `show me something dangerous ${leakUrl}`);
    await lastAnswer(page);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // No element came from the model's or NetBox's HTML.
    expect(await page.locator('[data-testid="assistant-message"] img[onerror], [data-testid="assistant-message"] script').count()).toBe(0);
    // The image pointing elsewhere was never fetched: CSP allows images from our own origin only.
    expect(leakHits).toBe(0);
    const csp = (await page.request.get(server.url)).headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/img-src 'self' data:/);
    expect(csp).toMatch(/script-src 'self'/);
  });

  it('has no serious or critical axe violations on the sign-in page and the chat', async () => {
    const { page } = await browser.page();
    await page.goto(`${server.url}/`);
    await page.getByTestId('sign-in-form').waitFor();
    const signInPage = await new AxeBuilder({ page }).analyze();
    const serious = (result: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
      result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 300)}`).join(', ')}`);
    expect(serious(signInPage)).toEqual([]);

    await signIn(page, server.url);
    await ask(page, 'which devices are in site chi-dc1?');
    await lastAnswer(page);
    expect(await page.getByTestId('message-list').getAttribute('role')).toBe('log');
    const chat = await new AxeBuilder({ page }).analyze();
    expect(serious(chat)).toEqual([]);

    // The same in dark mode, and on a phone.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
    expect(serious(await new AxeBuilder({ page }).analyze())).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(serious(await new AxeBuilder({ page }).analyze())).toEqual([]);
  });
});
