import { Cleanup } from './support/server-cleanup.ts';
import { startWebApp } from './support/web-app.ts';
import { launchBrowser } from './support/web-browser.ts';
import { buildBaseline, buildOurs } from './support/web-builds.ts';
import { measureBundle } from './support/web-bundle.ts';
import { countWords, longAnswer } from './support/web-markdown.ts';
import { measureReady, type ReadyTarget } from './support/web-ready.ts';
import { bundleTable, readyTable, streamTable, wireTable, type StreamSeries } from './support/web-report.ts';
import { localUserId, seedConversation } from './support/web-seed.ts';
import { serveStatic } from './support/web-static-server.ts';
import { measureStream, streamRule } from './support/web-stream.ts';
import { measureWire } from './support/web-wire.ts';

/**
 * The web UI's costs (issue 5), each against a baseline measured in the same run: the JS and CSS it ships
 * against a bare Nuxt UI app built now, its time to a ready input against that app's time to its button, and
 * frames and long tasks while a long answer streams into a long conversation against the same page idle and
 * the same answer into an empty one. Everything on loopback: our server with the sandbox NetBox and the
 * scripted model, headless Chromium.
 * Usage: npm run bench:web [-- --quick] [--loads N] [--runs N] [--words N] [--turns N] [--chunk-delay MS] [--only 1,2,3]
 * (--only: just those figures; 3 alone skips the baseline build and the loads of figures 1 and 2.)
 */
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const whole = (name: string, fallback: number, min: number): number => {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`--${name} must be a whole number of at least ${min}\n`);
    process.exit(2);
  }
  return value;
};
const quick = argv.includes('--quick');
const only = new Set((option('only') ?? '1,2,3').split(',').map((part) => part.trim()));
if ([...only].some((part) => !['1', '2', '3'].includes(part))) {
  process.stderr.write('--only takes figure numbers 1, 2 and 3, comma-separated\n');
  process.exit(2);
}
const loadFigures = only.has('1') || only.has('2');
const settings = {
  loads: whole('loads', quick ? 3 : 7, 1),
  streamRuns: whole('runs', quick ? 1 : 3, 1),
  words: whole('words', 5_000, 10),
  // Two words every 25 ms is 80 words a second: about as fast as a fast real model writes.
  chunkDelayMs: whole('chunk-delay', 25, 1),
  turns: whole('turns', 100, 1),
};

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`[bench:web] ${text}\n`);

const cleanup = new Cleanup().stopOnSignals(progress);

const started = performance.now();
try {
  progress('building web/ (if stale) and the bare Nuxt UI baseline');
  const oursDir = await buildOurs(cleanup);
  const bareDir = loadFigures ? await buildBaseline(cleanup) : null;

  const answer = longAnswer(settings.words);
  const server = await startWebApp(cleanup, { webDir: oursDir, rules: [streamRule(answer, settings.chunkDelayMs)], chunkDelayMs: settings.chunkDelayMs });
  const bare = bareDir === null ? null : await serveStatic(bareDir);
  if (bare) cleanup.add('baseline static server', () => bare.close());
  const browser = await launchBrowser(cleanup);

  print(`Web UI bench${quick ? ' (--quick)' : ''}: headless Chromium ${browser.version()}, our server on ${server.url}${bare ? `, baseline on ${bare.url}` : ''}`);
  print('This machine has 2 cores shared with other work: timings are noisy; compare ratios, and repeat a run before trusting a small change.');

  const userId = await localUserId(server.url);
  // Figures 1 and 2: one untimed first load of each (its files are the first-load payload), then timed loads.
  if (bare && bareDir) {
    const ours: ReadyTarget = { label: 'ours', url: `${server.url}/`, selector: '[data-testid="chat-input"]' };
    const baseline: ReadyTarget = { label: 'bare', url: `${bare.url}/`, selector: 'button' };
    progress('first loads (payload)');
    const oursFirst = await measureReady(browser, ours, true);
    const bareFirst = await measureReady(browser, baseline, true);
    const opened = await seedConversation(server.store, userId, settings.turns, 0);
    const conversationFirst = await measureReady(browser, { ...ours, url: `${server.url}/c/${opened}` }, true);
    progress(`${settings.loads} cold loads each`);
    const readyMs = { ours: [] as number[], bare: [] as number[] };
    for (let i = 0; i < settings.loads; i += 1) {
      const order = i % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
      for (const which of order) readyMs[which].push((await measureReady(browser, which === 'ours' ? ours : baseline, false)).ms);
  }
  print();
  print(bundleTable(measureBundle(oursDir, oursFirst.assets, conversationFirst.assets), measureBundle(bareDir, bareFirst.assets)));
  print();
  progress('bytes over the wire');
  print(wireTable(await measureWire(browser, ours.url, ours.selector)));
  print();
  print(readyTable(readyMs.ours, readyMs.bare));
  }

  // Figure 3: a fresh seeded conversation per run, so each starts from the same 200 messages.
  // Generous: a page that falls far behind the model is a figure to print, not a reason to give up.
  if (only.has('3')) {
    const timeoutMs = (countWords(answer) / 2) * settings.chunkDelayMs * 30 + 120_000;
    const series: StreamSeries = { long: [], idle: [], empty: [] };
    for (let run = 0; run < settings.streamRuns; run += 1) {
      progress(`stream run ${run + 1}/${settings.streamRuns}: seeding ${settings.turns * 2} messages`);
      const conversationId = await seedConversation(server.store, userId, settings.turns, run + 1);
      const long = async () => {
        progress(`stream run ${run + 1}: into the ${settings.turns * 2}-message conversation, then idle`);
        const figures = await measureStream(browser, server.url, `/c/${conversationId}`, settings.turns, { timeoutMs, idleAfter: true });
        series.long.push(figures.stream);
        if (figures.idle) series.idle.push(figures.idle);
      };
      const empty = async () => {
        progress(`stream run ${run + 1}: into a new conversation`);
        series.empty.push((await measureStream(browser, server.url, '/', 0, { timeoutMs, idleAfter: false })).stream);
      };
      if (run % 2 === 0) {
        await long();
        await empty();
      } else {
        await empty();
        await long();
      }
  }
  print();
  print(streamTable(series, { words: countWords(answer), turns: settings.turns, chunkDelayMs: settings.chunkDelayMs }));
  }
  print();
  print(`total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  if (!cleanup.interrupted) {
    process.stderr.write(`bench:web failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  await cleanup.all();
}
