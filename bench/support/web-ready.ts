import type { Browser } from 'playwright-core';
import { freshPage, recordAssets, waitInPage } from './web-browser.ts';

/**
 * Runs in the page before any of its scripts: notes performance.now() (milliseconds since navigation start) the
 * first time `selector` matches an element that is laid out, not hidden, and whose field is not disabled.
 * A MutationObserver sees it as soon as the DOM changes; a per-frame check also catches a stylesheet that
 * reveals it without one. Plain JavaScript in a string: tsx's helpers do not exist inside the page.
 */
function readyScript(selector: string): string {
  return `(() => {
    const selector = ${JSON.stringify(selector)};
    const shown = (el) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.display !== 'none';
    };
    const enabled = (el) => {
      const field = el.matches('textarea, input, button') ? el : (el.querySelector('textarea, input') || el);
      return !field.disabled && field.getAttribute('aria-disabled') !== 'true';
    };
    const check = () => {
      if (window.__benchReadyAt !== undefined) return true;
      const el = document.querySelector(selector);
      if (el && shown(el) && enabled(el)) {
        window.__benchReadyAt = performance.now();
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    const frame = () => { if (check()) observer.disconnect(); else requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  })();`;
}

export interface ReadyTarget {
  readonly label: string;
  /** The URL of the app's first page. */
  readonly url: string;
  /** What "ready" is: our chat input, the baseline's button. */
  readonly selector: string;
}

export interface ReadySample {
  readonly ms: number;
  /** Scripts and stylesheets of the app's own origin that this load fetched (the first load's payload). */
  readonly assets: readonly string[];
}

/** One cold load (fresh context, empty cache): navigation start to the ready element, measured in the page. */
export async function measureReady(browser: Browser, target: ReadyTarget, settleForAssets: boolean): Promise<ReadySample> {
  const { page, context, errors } = await freshPage(browser);
  try {
    const origin = new URL(target.url).origin;
    const assets = recordAssets(page, origin);
    await page.addInitScript(readyScript(target.selector));
    await page.goto(target.url, { waitUntil: 'commit' });
    await waitInPage(page, 'window.__benchReadyAt !== undefined', `${target.label}: ${target.selector} ready`, 60_000, 50).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
    });
    const ms = (await page.evaluate('window.__benchReadyAt')) as number;
    // Chunks a page imports right after it shows (the chat view's Markdown renderer, say) belong to the first load too.
    if (settleForAssets) await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    return { ms, assets: [...assets] };
  } finally {
    await context.close();
  }
}
