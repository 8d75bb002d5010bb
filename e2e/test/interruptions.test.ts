import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.ts';
import { ask, LONG_ANSWER_WORDS, lastAnswer, signIn, useE2eApp } from './support/e2e-app.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

const server = useE2eApp();
const browser = useBrowser();
let proxy: TcpProxy;

beforeAll(async () => {
  const { hostname, port } = new URL(server.url);
  proxy = await startTcpProxy({ host: hostname, port: Number(port) });
});
afterAll(async () => {
  await proxy?.close();
});

/** How many times each `wordN` of the long report appears in the text. */
function wordCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const match of text.matchAll(/\bword(\d+)\b/g)) counts.set(Number(match[1]), (counts.get(Number(match[1])) ?? 0) + 1);
  return counts;
}

describe('stopping and losing the network', () => {
  it('stops an answer in the middle and keeps what was written', async () => {
    const { page } = await browser.page();
    await signIn(page, server.url);
    await ask(page, 'write a long report please');
    await page.getByTestId('stop-button').waitFor();
    await page.waitForFunction(() => /word5\b/.test([...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1)?.textContent ?? ''));
    await page.getByTestId('stop-button').click();
    const text = await lastAnswer(page);
    expect(await page.getByTestId('assistant-message').last().getAttribute('data-state')).toBe('stopped');
    expect(text).toMatch(/word5\b/);
    expect(text).not.toContain('END-OF-REPORT');
    // The composer is usable again.
    await page.getByTestId('send-button').waitFor();
  });

  it('recovers from a network drop in the middle of an answer and shows the whole answer once', async () => {
    const { page } = await browser.page();
    await signIn(page, proxy.url);
    await ask(page, 'write a long report about the network');
    await page.waitForFunction(() => /word10\b/.test([...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1)?.textContent ?? ''));

    // The network goes away for two seconds while the answer is being written, and the page says so.
    proxy.drop({ downMs: 2000 });
    await page.locator('[data-testid="connection-status"]:not([data-status="open"])').waitFor({ timeout: 10_000 });

    const text = await lastAnswer(page, 60_000);
    expect(text).toContain('END-OF-REPORT');
    const counts = wordCounts(text);
    expect(counts.size).toBe(LONG_ANSWER_WORDS);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    await page.locator('[data-testid="connection-status"][data-status="open"]').waitFor();
    expect(await page.getByTestId('assistant-message').count()).toBe(1);
  });

  it('keeps a message typed while offline and sends it when the connection is back', async () => {
    const { page } = await browser.page();
    await signIn(page, proxy.url);
    proxy.drop({ downMs: 3000 });
    await page.locator('[data-testid="connection-status"]:not([data-status="open"])').waitFor({ timeout: 10_000 });
    await ask(page, 'which devices are in site fra-dc1?');
    // It shows as the user's message at once, and is answered once the socket is back.
    await page.getByTestId('user-message').filter({ hasText: 'fra-dc1' }).waitFor();
    const answer = await lastAnswer(page, 60_000);
    expect(answer).toMatch(/fra-dc1/i);
    expect(await page.getByTestId('user-message').count()).toBe(1);
  });
});
