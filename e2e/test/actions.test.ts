import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser.ts';
import { ask, lastAnswer, signIn, useE2eApp } from './support/e2e-app.ts';

const server = useE2eApp();
const browser = useBrowser();

describe('what a user does with an answer', () => {
  it('copies, regenerates, edits and resends, and shows the turn details on hover', async () => {
    const { page, context } = await browser.page();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signIn(page, server.url);
    await ask(page, 'hello there');
    const first = await lastAnswer(page);

    await page.getByTestId('copy-message').last().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);

    // Tokens, cost and duration on hover.
    await page.getByTestId('turn-meta').last().hover();
    const details = await page.getByTestId('turn-meta-details').innerText();
    expect(details).toMatch(/token/i);
    expect(details).toMatch(/\d+(\.\d+)?\s*s|\d+\s*ms/);

    // Regenerate asks the same question again, as the next turn.
    server.model.clearRequests();
    await page.getByTestId('regenerate-message').last().click();
    await expect.poll(() => page.getByTestId('assistant-message').count()).toBe(2);
    await lastAnswer(page);
    expect(await page.getByTestId('user-message').last().innerText()).toContain('hello there');
    expect(server.model.messageRequests().length).toBeGreaterThan(0);

    // Edit the question in place and send it again.
    await page.getByTestId('user-message').last().hover();
    await page.getByTestId('edit-message').last().click();
    const editor = page.getByTestId('edit-message-input');
    await editor.fill('which devices are in site fra-dc1?');
    await page.getByTestId('edit-message-send').click();
    await expect.poll(() => page.getByTestId('assistant-message').count()).toBe(3);
    expect(await lastAnswer(page)).toMatch(/fra-dc1/i);
    expect(await page.getByTestId('user-message').last().innerText()).toContain('which devices are in site fra-dc1?');
  });

  it('shows a failed answer with a retry that works', async () => {
    const { page } = await browser.page();
    await signIn(page, server.url, 'pnair');
    // More 529s than the CLI retries: the turn fails, retryable.
    server.model.setFaults(Array.from({ length: 5 }, () => ({ status: 529 })));
    await ask(page, 'how many devices per site?');
    await lastAnswer(page, 60_000);
    expect(await page.getByTestId('assistant-message').last().getAttribute('data-state')).toBe('error');
    expect(await page.getByTestId('turn-error').innerText()).toMatch(/overloaded/i);
    server.model.setFaults([]);
    await page.getByTestId('retry-turn').click();
    await expect.poll(() => page.locator('[data-testid="assistant-message"][data-state="done"]').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('[data-testid="assistant-message"][data-state="done"]').innerText()).toMatch(/CHI-DC1|in total/i);
  });

  it('stops following the answer when the user scrolls up, and follows again at the bottom', async () => {
    const { page } = await browser.page({ viewport: { width: 1000, height: 600 } });
    await signIn(page, server.url, 'admin');
    await ask(page, 'write a tall report for scrolling');
    await page.waitForFunction(() => /Paragraph 20:/.test([...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1)?.textContent ?? ''));
    // Scroll up by a wheel, as a person does; the view must stay where they put it while text keeps coming.
    const list = page.getByTestId('message-list');
    await list.hover();
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    const position = () =>
      page.evaluate(() => {
        let node: HTMLElement | null = document.querySelector('[data-testid="message-list"]');
        while (node && node.scrollHeight <= node.clientHeight + 1) node = node.parentElement;
        return node ? { top: Math.round(node.scrollTop), fromBottom: Math.round(node.scrollHeight - node.clientHeight - node.scrollTop) } : null;
      });
    const parked = await position();
    expect(parked).not.toBeNull();
    expect(parked!.fromBottom).toBeGreaterThan(100);
    await page.waitForTimeout(1500);
    const later = await position();
    expect(Math.abs(later!.top - parked!.top)).toBeLessThanOrEqual(2);
    // The answer grew below the parked view.
    expect(later!.fromBottom).toBeGreaterThan(parked!.fromBottom);

    // Back at the bottom, it follows the text again.
    await page.mouse.wheel(0, 100_000);
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, 100_000);
    await page.waitForTimeout(1500);
    expect((await position())!.fromBottom).toBeLessThanOrEqual(40);
    await lastAnswer(page, 60_000);
  });

  it('has keyboard shortcuts: / focuses the input, Escape stops, Alt+N starts a new chat', async () => {
    const { page } = await browser.page();
    await signIn(page, server.url, 'admin');
    // Focus starts elsewhere (the input may have taken it on load).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chat-input');
    expect(await page.getByTestId('chat-input').inputValue()).toBe('');

    await page.keyboard.type('write a long report for shortcuts');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /word5\b/.test([...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1)?.textContent ?? ''));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('assistant-message').last().getAttribute('data-state')).toBe('stopped');
    await page.waitForURL(/\/c\//);

    await page.keyboard.press('Alt+n');
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.getByTestId('assistant-message').count()).toBe(0);
  });
});
