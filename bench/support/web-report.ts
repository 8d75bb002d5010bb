import { median, percentile, times } from './server-stats.ts';
import { table } from './server-table.ts';
import { sum, type Bytes, type BundleFigures } from './web-bundle.ts';
import type { WindowFigures } from './web-frames.ts';
import { IDLE_CAP_MS } from './web-stream.ts';
import type { WireFigures, WireLoad } from './web-wire.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (ours: number, base: number) => (base > 0 ? times(ours / base) : ours === 0 ? '=' : 'n/a');
const msText = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'n/a');

function bytesRow(label: string, ours: Bytes, bare: Bytes): string[] {
  return [label, kb(ours.gzip), kb(bare.gzip), ratio(ours.gzip, bare.gzip), kb(ours.raw), kb(bare.raw), ratio(ours.raw, bare.raw), `${ours.files} / ${bare.files}`];
}

export function bundleTable(ours: BundleFigures, bare: BundleFigures): string {
  const rows = [
    bytesRow('first load: JS', ours.firstLoad.js, bare.firstLoad.js),
    bytesRow('first load: CSS', ours.firstLoad.css, bare.firstLoad.css),
    bytesRow('first load: JS + CSS', sum(ours.firstLoad.js, ours.firstLoad.css), sum(bare.firstLoad.js, bare.firstLoad.css)),
    ...(ours.conversationLoad
      ? [bytesRow('first load of a conversation: JS + CSS', sum(ours.conversationLoad.js, ours.conversationLoad.css), sum(bare.firstLoad.js, bare.firstLoad.css))]
      : []),
    bytesRow('everything shipped: JS', ours.shipped.js, bare.shipped.js),
    bytesRow('everything shipped: CSS', ours.shipped.css, bare.shipped.css),
    bytesRow('everything shipped: JS + CSS', sum(ours.shipped.js, ours.shipped.css), sum(bare.shipped.js, bare.shipped.css)),
  ];
  return table(
    '1. JS and CSS shipped: ours (web/) against a bare Nuxt 4 + Nuxt UI app built in this run',
    ['', 'ours gzip', 'bare gzip', 'ours/bare', 'ours raw', 'bare raw', 'ours/bare', 'files ours/bare'],
    rows,
    [
      'first load: the scripts and stylesheets Chromium fetched loading / with an empty cache, until the network was idle;',
      'first load of a conversation: ours opening /c/<id> (with answers: Markdown renderer, highlighter) against the bare app\'s first load;',
      'gzip: node:zlib level 9 of each file on disk (our server sends brotli made at build time, smaller still: see 1b; the baseline\'s server sends them raw).',
      `ours, largest on first load (gzip): ${ours.largest.map((f) => `${f.path} ${kb(f.gzip)}`).join(', ')}`,
    ],
  );
}

export function readyTable(ours: readonly number[], bare: readonly number[]): string {
  const row = (label: string, f: (values: readonly number[]) => number) => [label, msText(f(ours)), msText(f(bare)), ratio(f(ours), f(bare))];
  return table(
    `2. Navigation start to a ready input, cold cache (a fresh browser context each load), ${ours.length} loads each`,
    ['', 'ours: chat input', 'bare: its button', 'ours/bare'],
    [row('median', median), row('p95', (v) => percentile(v, 95)), row('fastest', (v) => Math.min(...v)), row('slowest', (v) => Math.max(...v))],
    [
      'ours: the real server (single-user, sandbox NetBox, scripted model) serving the built UI at /; ready = [data-testid="chat-input"] shown and enabled;',
      'bare: the baseline\'s build from a minimal node:http static server; ready = its button shown. Loads alternate between the two.',
    ],
  );
}

export interface StreamSeries {
  readonly long: WindowFigures[];
  readonly idle: WindowFigures[];
  readonly empty: WindowFigures[];
}

export function streamTable(series: StreamSeries, settings: { words: number; turns: number; chunkDelayMs: number }): string {
  const pick = (list: readonly WindowFigures[], key: keyof WindowFigures) => median(list.map((w) => w[key]));
  const metrics: Array<[string, keyof WindowFigures, (v: number) => string]> = [
    ['frames per second', 'fps', (v) => v.toFixed(1)],
    ['longest frame gap', 'longestFrameMs', msText],
    ['frames > 50 ms apart', 'slowFrames', (v) => v.toFixed(0)],
    ['long tasks (> 50 ms)', 'longTasks', (v) => v.toFixed(0)],
    ['longest long task', 'longestTaskMs', msText],
    ['total blocking time', 'blockingMs', msText],
    ['window (first text to done)', 'durationMs', msText],
  ];
  const rows = metrics.map(([label, key, format]) => {
    const long = pick(series.long, key);
    const idle = pick(series.idle, key);
    const empty = pick(series.empty, key);
    return [label, format(long), format(idle), format(empty), ratio(long, idle), ratio(long, empty)];
  });
  return table(
    `3. A ${settings.words.toLocaleString('en-US')}-word answer streaming into a ${settings.turns * 2}-message conversation (median of ${series.long.length} runs)`,
    ['', `streaming, ${settings.turns * 2} msgs`, '(a) same page idle', '(b) streaming, empty', 'vs (a)', 'vs (b)'],
    rows,
    [
      `the scripted model streams two words a chunk every ${settings.chunkDelayMs} ms (${Math.round((1000 / settings.chunkDelayMs) * 2)} words/s; a fast real model writes about 50-80);`,
      'window: from the answer\'s first text on screen to its assistant-message data-state="done"; (a) the same page afterwards, idle as long',
      `(at most ${IDLE_CAP_MS / 1000} s); model pace alone: ${msText((settings.words / 2) * settings.chunkDelayMs)} for the whole answer;`,
      'frames counted with requestAnimationFrame (headless Chromium draws at most ~60 a second), long tasks with PerformanceObserver(\'longtask\').',
    ],
  );
}

export function wireTable(wire: WireFigures): string {
  const row = (label: string, load: WireLoad, base: WireLoad) => [label, kb(load.bytes), ratio(load.bytes, base.bytes), `${load.fromNetwork} of ${load.requests}`];
  return table(
    '1b. Bytes over the wire loading / (every response: headers and bodies, as Chromium counted them)',
    ['', 'bytes', 'ratio', 'requests from the network'],
    [
      row('first visit, uncompressed (Accept-Encoding: identity): baseline', wire.identity, wire.identity),
      row('first visit, compressed (brotli made at build time)', wire.compressed, wire.identity),
      row('repeat visit (new tab, same browser cache)', wire.repeat, wire.compressed),
    ],
    ['repeat visit: ratio against the compressed first visit; hashed assets are cached for a year (immutable), the shell and API calls are not.'],
  );
}
