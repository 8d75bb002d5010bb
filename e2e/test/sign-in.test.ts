import { createServer, type Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNetboxToken } from '../../netbox-sandbox/test/support/netbox-admin.ts';
import { screenshot, useBrowser } from './support/browser.ts';
import { ask, lastAnswer, signIn, useE2eApp } from './support/e2e-app.ts';

const server = useE2eApp();
const browser = useBrowser();

/** Another site on this machine: a redirect that lands here is an open redirect. */
let evil: Server;
let evilHost: string;
let evilHits = 0;
beforeAll(async () => {
  evil = createServer((_request, response) => {
    evilHits += 1;
    response.end('<h1>another site</h1>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  const address = evil.address();
  evilHost = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => evil?.close(resolve));
});

/** Fills and sends the sign-in form on the page as it is. */
async function submitSignIn(page: Page, username: string): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel(/username/i).fill(username);
  await form.getByLabel(/password/i).fill(username);
  await form.getByRole('button', { name: /sign in/i }).click();
}

describe('the return path after sign-in', () => {
  // A browser drops tabs and line breaks from a URL: `/<TAB>/host/` becomes `//host/`, another site.
  it.each([
    ['tab', '\t'],
    ['line feed', '\n'],
    ['carriage return', '\r'],
  ])('stays on the app with a %s in it', async (_name, character) => {
    const { page } = await browser.page();
    const payload = `/${character}/${evilHost}/`;
    await page.goto(`${server.url}/sign-in?redirect=${encodeURIComponent(payload)}`);
    await submitSignIn(page, 'rkowalski');
    await page.getByTestId('chat-input').waitFor({ state: 'visible' });
    expect(new URL(page.url()).origin).toBe(server.url);
    // Once signed in, the sign-in page sends a visitor on by the same path.
    await page.goto(`${server.url}/sign-in?redirect=${encodeURIComponent(payload)}`);
    await page.getByTestId('chat-input').waitFor({ state: 'visible' });
    expect(new URL(page.url()).origin).toBe(server.url);
    expect(evilHits).toBe(0);
  });

  it('still goes back to the conversation the user was sent away from', async () => {
    const { page } = await browser.page();
    await signIn(page, server.url, 'tlindqvist');
    await ask(page, 'which devices are in site chi-dc1?');
    await lastAnswer(page);
    await page.waitForURL(/\/c\//);
    const conversation = new URL(page.url()).pathname;
    await page.context().clearCookies();
    await page.goto(`${server.url}${conversation}`);
    await page.waitForURL(/\/sign-in\?redirect=/);
    await submitSignIn(page, 'tlindqvist');
    await page.waitForURL(`${server.url}${conversation}`);
    await page.getByTestId('assistant-message').first().waitFor();
  });
});

describe('a NetBox token that stops working', () => {
  it('takes the user to sign in again, saying why, and back to the conversation, which is kept', async () => {
    const { page } = await browser.page();
    await signIn(page, server.url, 'pnair');
    await ask(page, 'which devices are in site chi-dc1?');
    await lastAnswer(page);
    await page.waitForURL(/\/c\//);
    const conversation = new URL(page.url()).pathname;

    // An admin deletes the token in NetBox while the user is away.
    const [row] = await server.app.store.db.query<{ provisioned_token_id: number }>(
      "SELECT c.provisioned_token_id FROM netbox_credentials c JOIN users u ON u.id = c.user_id WHERE u.username = 'pnair'",
    );
    await deleteNetboxToken(server.sandbox.url, row?.provisioned_token_id);

    await ask(page, 'which devices are in site fra-dc1?');
    await page.waitForURL(/\/sign-in\?/);
    const target = new URL(page.url());
    expect(target.searchParams.get('redirect')).toBe(conversation);
    expect(target.searchParams.get('reason')).toBe('netbox-expired');
    const notice = page.getByTestId('sign-in-expired');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/NetBox sign-in has expired[\s\S]*conversation is kept/);
    await screenshot(page, 'sign-in-netbox-expired');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(', ')}`)).toEqual([]);

    await submitSignIn(page, 'pnair');
    await page.waitForURL(`${server.url}${conversation}`);
    const questions = page.getByTestId('user-message');
    await questions.nth(1).waitFor();
    expect(await questions.allInnerTexts()).toEqual([expect.stringMatching(/chi-dc1/), expect.stringMatching(/fra-dc1/)]);
    const failed = page.getByTestId('assistant-message').nth(1);
    expect(await failed.getAttribute('data-state')).toBe('error');
    expect(await failed.innerText()).toMatch(/NetBox sign-in has expired/);
    await failed.scrollIntoViewIfNeeded();
    await screenshot(page, 'conversation-after-netbox-expired');

    // And it goes on, with the new sign-in's token.
    await ask(page, 'which devices are in site fra-dc1?');
    const answer = await lastAnswer(page);
    expect(await page.getByTestId('assistant-message').last().getAttribute('data-state')).toBe('done');
    expect(answer).toMatch(/fra-dc1/i);
  });
});
