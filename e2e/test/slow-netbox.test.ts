import { afterEach, describe, expect, it } from 'vitest';
import { screenshot, useBrowser } from './support/browser.ts';
import { ask, lastAnswer, signIn, useE2eApp } from './support/e2e-app.ts';

/** A call running longer than the stall limit (2 s here) is called slow; NetBox answers each request in 3 s. */
const server = useE2eApp({ env: { TURN_STALL_MS: '2000' } });
const browser = useBrowser();

afterEach(() => {
  server.sandbox.setFaults({ latencyMs: 0 });
});

describe('a slow NetBox in the browser', () => {
  it('shows the tool card as slow while NetBox takes its time, then as done with the answer', async () => {
    const { page, errors } = await browser.page();
    await signIn(page, server.url);
    server.sandbox.setFaults({ latencyMs: 3_000 });
    await ask(page, 'which devices are in site chi-dc1?');
    const card = page.getByTestId('tool-card').first();
    await card.waitFor();
    await expect.poll(() => card.innerText(), { timeout: 15_000 }).toMatch(/NetBox is slow, still waiting/);
    expect(await card.getAttribute('data-status')).toBe('running');
    await expect.poll(() => page.getByTestId('assistant-message').last().innerText()).toMatch(/NetBox is slow to answer; still waiting/);
    await screenshot(page, 'tool-slow');
    expect(await lastAnswer(page, 60_000)).toMatch(/chi-dc1/i);
    expect(await card.getAttribute('data-status')).toBe('done');
    expect(await card.innerText()).not.toMatch(/slow/);
    expect(errors).toEqual([]);
  }, 120_000);
});
