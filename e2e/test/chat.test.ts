import { describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from './support/browser.ts';
import { ask, lastAnswer, signIn, useE2eApp } from './support/e2e-app.ts';

const server = useE2eApp();
const browser = useBrowser();

describe('chatting in the browser', () => {
  it('signs in, streams an answer with a tool card, follows up with context, and keeps it all over a reload', async () => {
    const { page, errors, failed } = await browser.page();
    await signIn(page, server.url);
    await page.getByTestId('user-menu').waitFor();

    // The answer streams: some text is on screen while the message is still being written.
    await ask(page, 'which devices are in site chi-dc1?');
    const answer = page.getByTestId('assistant-message').last();
    await answer.and(page.locator('[data-state="streaming"]')).waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      () => {
        const last = [...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1);
        return last?.getAttribute('data-state') === 'streaming' && (last.textContent ?? '').trim().length > 0;
      },
      undefined,
      { timeout: 20_000, polling: 10 },
    );

    // The tool card: what was asked, its status and rows, and a link to the same list in NetBox.
    const card = page.getByTestId('tool-card').first();
    await card.waitFor();
    const full = await lastAnswer(page);
    expect(full).toMatch(/chi-dc1/i);
    await expect.poll(() => card.getAttribute('data-status')).toBe('done');
    const cardText = await card.innerText();
    expect(cardText).toMatch(/device/i);
    expect(cardText).toMatch(/chi-dc1/i);
    expect(cardText).toMatch(/\d+/);
    const link = card.getByTestId('tool-card-link');
    if (!(await link.isVisible())) await card.click();
    const href = await link.getAttribute('href');
    expect(href).toContain(`${server.sandbox.url}/dcim/devices/`);
    expect(href).toMatch(/site/);

    // The URL names the conversation.
    await page.waitForURL(/\/c\/[\w-]+$/);
    const conversationUrl = page.url();

    // A follow-up: the model's request for turn 2 carries turn 1.
    server.model.clearRequests();
    await ask(page, 'thanks, and what did I ask first?');
    const second = await lastAnswer(page);
    expect(second).toContain('which devices are in site chi-dc1?');
    const bodies = server.model.messageRequests().map((body) => JSON.stringify(body));
    expect(bodies.some((body) => body.includes('which devices are in site chi-dc1?'))).toBe(true);

    // Look at it, light.
    await screenshot(page, 'chat-light');

    // A reload keeps the conversation: both questions and both answers, once each.
    await page.reload();
    await page.getByTestId('user-message').nth(1).waitFor();
    expect(page.url()).toBe(conversationUrl);
    expect(await page.getByTestId('user-message').count()).toBe(2);
    expect(await page.getByTestId('assistant-message').count()).toBe(2);
    await expect.poll(() => page.getByTestId('assistant-message').last().innerText()).toContain('which devices are in site chi-dc1?');
    expect(await page.getByTestId('conversation-item').count()).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
    // Only the "who am I" probe before sign-in may be refused.
    expect(failed.filter((line) => line !== '401 GET /api/auth/me')).toEqual([]);
  });

  it('looks right in dark mode and on a phone', async () => {
    const dark = await browser.page({ colorScheme: 'dark' });
    await signIn(dark.page, server.url, 'pnair');
    await ask(dark.page, 'how many devices per site?');
    await lastAnswer(dark.page);
    expect(await dark.page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await screenshot(dark.page, 'chat-dark');

    const phone = await browser.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone.page, server.url, 'pnair');
    await ask(phone.page, 'what is 10.1.3.4?');
    await lastAnswer(phone.page);
    // Nothing sticks out sideways on a phone.
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(phone.page, 'chat-mobile');
  });

  it('signs in with a NetBox API token, refuses a wrong one, and signs out', async () => {
    const { page } = await browser.page();
    await page.goto(`${server.url}/c/some-conversation`);
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('tab', { name: /api token/i }).click();
    await page.getByTestId('sign-in-token').fill('Token 0123456789abcdef0123456789abcdef01234567');
    await page.getByTestId('sign-in-submit').click();
    expect(await page.getByTestId('sign-in-error').innerText()).toMatch(/token/i);

    await page.getByTestId('sign-in-token').fill(server.sandbox.token);
    await page.getByTestId('sign-in-submit').click();
    // Back where the user was going: a conversation that is not theirs (it does not exist) says so.
    await page.waitForURL(/\/c\/some-conversation$/);
    await page.getByRole('heading', { name: 'This conversation does not exist' }).waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/);
    // The old session is gone: the API refuses it.
    expect((await page.request.get(`${server.url}/api/conversations`)).status()).toBe(401);
  });
});
