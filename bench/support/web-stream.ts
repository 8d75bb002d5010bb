import type { Rule } from '@netbox-chatbox/testing';
import type { Browser, Page } from 'playwright-core';
import { freshPage, sleep, waitInPage } from './web-browser.ts';
import { frameRecorderScript, READ_RECORDING, WATCH_NEXT_ANSWER, windowFigures, type Recording, type WindowFigures } from './web-frames.ts';
import { LONG_ANSWER_MARK } from './web-markdown.ts';

export const STREAM_QUESTION = 'stream five thousand words for the bench, please';

/** The scripted model's answer to STREAM_QUESTION: the long Markdown text, two words a chunk. */
export function streamRule(text: string, chunkDelayMs: number): Rule {
  return { name: 'bench: long answer', when: { user: '^stream five thousand words' }, chunkDelayMs, reply: [{ type: 'text', text }] };
}

const INPUT = ':is(textarea[data-testid="chat-input"], [data-testid="chat-input"] textarea)';

/** Time for a loaded page to finish its first renders (highlighting, auto-scroll) before it is watched. */
const SETTLE_MS = 2_000;

export interface StreamFigures {
  /** From the answer's first text to its `data-state` leaving streaming. */
  readonly stream: WindowFigures;
  /** The same page afterwards, idle for as long as the answer streamed, at most IDLE_CAP_MS (only for the long conversation). */
  readonly idle?: WindowFigures;
}

/** The idle window is as long as the stream took, up to this: a page that stays idle needs no longer to show it. */
export const IDLE_CAP_MS = 60_000;

async function openThread(page: Page, url: string, answersShown: number): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator(INPUT).first().waitFor({ state: 'visible', timeout: 60_000 });
  await waitInPage(
    page,
    `document.querySelectorAll('[data-testid="assistant-message"]').length >= ${answersShown} && !document.querySelector(${JSON.stringify(INPUT)}).disabled`,
    `${answersShown} answers shown and the input enabled`,
    60_000,
    200,
  );
  await sleep(SETTLE_MS);
  await page.evaluate(frameRecorderScript(LONG_ANSWER_MARK));
}

/** Sends the question and waits, without polling the page often, until the answer has ended. */
async function streamAnswer(page: Page, timeoutMs: number): Promise<{ recording: Recording; from: number; to: number }> {
  await page.evaluate(WATCH_NEXT_ANSWER);
  const input = page.locator(INPUT).first();
  await input.fill(STREAM_QUESTION);
  await input.press('Enter');
  await waitInPage(page, 'window.__bench.t1 !== null', 'the answer ended', timeoutMs, 500);
  const recording = (await page.evaluate(READ_RECORDING)) as Recording;
  if (recording.endState !== 'done' || recording.t0 === null || recording.t1 === null) {
    throw new Error(`the answer ended ${recording.endState ?? 'unknown'}${recording.t0 === null ? ' before its first text showed' : ''}`);
  }
  return { recording, from: recording.t0, to: recording.t1 };
}

/**
 * The long answer streamed into an open conversation (`path`, with `answersShown` answers on screen once
 * loaded): frames and long tasks from its first text to its end; then, when `idleAfter`, the same page idle
 * for as long.
 */
export async function measureStream(
  browser: Browser,
  serverUrl: string,
  path: string,
  answersShown: number,
  options: { timeoutMs: number; idleAfter: boolean },
): Promise<StreamFigures> {
  const { page, context, errors } = await freshPage(browser);
  try {
    await openThread(page, `${serverUrl}${path}`, answersShown);
    const { recording, from, to } = await streamAnswer(page, options.timeoutMs);
    const stream = windowFigures(recording, from, to);
    if (!options.idleAfter) return { stream };
    await sleep(SETTLE_MS);
    const idleFrom = (await page.evaluate('performance.now()')) as number;
    await sleep(Math.min(to - from, IDLE_CAP_MS));
    const idleTo = (await page.evaluate('performance.now()')) as number;
    const idle = windowFigures((await page.evaluate(READ_RECORDING)) as Recording, idleFrom, idleTo);
    return { stream, idle };
  } catch (error) {
    const detail = errors.length ? ` (page errors: ${errors.slice(0, 3).join('; ')})` : '';
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}${detail}`);
  } finally {
    await context.close();
  }
}
