import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { waitInPage } from './web-browser.ts';

/** Bytes that crossed the network in one load, as Chromium counted them (headers and body, encoded). */
export interface WireLoad {
  readonly bytes: number;
  readonly requests: number;
  /** Requests that went to the network; the rest came from the HTTP cache. */
  readonly fromNetwork: number;
}

export interface WireFigures {
  /** A first visit, the browser sending its usual Accept-Encoding. */
  readonly compressed: WireLoad;
  /** The same first visit with `Accept-Encoding: identity`: what went over the wire before compression. */
  readonly identity: WireLoad;
  /** A second visit in the same browser, as after closing the tab: what a returning user downloads again. */
  readonly repeat: WireLoad;
}

/** Counts `encodedDataLength` of every request of the page until the ready element shows and the network rests. */
async function load(page: Page, cdp: CDPSession, url: string, readySelector: string): Promise<WireLoad> {
  const finished = new Map<string, number>();
  const cached = new Set<string>();
  const onFinished = (event: { requestId: string; encodedDataLength: number }) => finished.set(event.requestId, event.encodedDataLength);
  const onCached = (event: { requestId: string }) => cached.add(event.requestId);
  const onResponse = (event: { requestId: string; response: { fromDiskCache?: boolean; fromPrefetchCache?: boolean } }) => {
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) cached.add(event.requestId);
  };
  cdp.on('Network.loadingFinished', onFinished);
  cdp.on('Network.requestServedFromCache', onCached);
  cdp.on('Network.responseReceived', onResponse);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await waitInPage(page, `!!document.querySelector(${JSON.stringify(readySelector)})`, `${url}: ${readySelector}`, 60_000, 50);
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  } finally {
    cdp.off('Network.loadingFinished', onFinished);
    cdp.off('Network.requestServedFromCache', onCached);
    cdp.off('Network.responseReceived', onResponse);
  }
  const ids = [...finished.keys()];
  return {
    bytes: ids.reduce((sum, id) => sum + (cached.has(id) ? 0 : (finished.get(id) ?? 0)), 0),
    requests: ids.length,
    fromNetwork: ids.filter((id) => !cached.has(id)).length,
  };
}

async function withPage<T>(browser: Browser, fn: (page: Page, cdp: CDPSession, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    return await fn(page, cdp, context);
  } finally {
    await context.close();
  }
}

/** What the first and a repeat visit of `url` cost on the wire, with and without compression. */
export async function measureWire(browser: Browser, url: string, readySelector: string): Promise<WireFigures> {
  const identity = await withPage(browser, async (page, cdp) => {
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    return load(page, cdp, url, readySelector);
  });
  return withPage(browser, async (page, cdp) => {
    const compressed = await load(page, cdp, url, readySelector);
    // A new tab of the same browser profile: same HTTP cache, nothing in memory.
    const second = await page.context().newPage();
    await page.close();
    const secondCdp = await page.context().newCDPSession(second);
    await secondCdp.send('Network.enable');
    const repeat = await load(second, secondCdp, url, readySelector);
    return { compressed, identity, repeat };
  });
}
