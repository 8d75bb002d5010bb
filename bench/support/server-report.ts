import type { ConcurrencyFigures } from './server-concurrency.ts';
import type { FirstTokenFigures } from './server-first-token.ts';
import type { MemoryFigures, MemoryReading } from './server-memory.ts';
import { mb, median, ms, percentile, signedMs, times } from './server-stats.ts';
import { CLI_PROCESS_BYTES, defaultMaxLiveSessions } from '../../server/src/config/live-sessions.ts';
import { table } from './server-table.ts';
import type { WarmTurnFigures } from './server-warm-turns.ts';

const p95 = (values: readonly number[]) => percentile(values, 95);

export function warmTurnsTable(f: WarmTurnFigures): string {
  const row = (label: string, pick: (v: readonly number[]) => number, raw: readonly number[], ours: readonly number[]) => {
    const r = pick(raw);
    const o = pick(ours);
    return [label, ms(r), ms(o), signedMs(o - r), times(o / r)];
  };
  const n = f.ours.ttftMs.length;
  return table(
    `1. Warm turn (conversation already answered once, CLI live), ${n} turns each, interleaved`,
    ['figure', 'raw SDK (baseline)', 'server + WebSocket', 'difference', 'ratio'],
    [
      row('first token, median', median, f.raw.ttftMs, f.ours.ttftMs),
      row('first token, p95', p95, f.raw.ttftMs, f.ours.ttftMs),
      row('turn done, median', median, f.raw.endMs, f.ours.endMs),
      row('turn done, p95', p95, f.raw.endMs, f.ours.endMs),
    ],
    [
      'baseline: Agent SDK query() in streaming-input mode, options from buildAgentOptions (same CLI, prompt, MCP), same model',
      'ours: a ws client to startApp (single-user, PGlite, sessionStore mirroring, event log), timed from send to frame',
      'first token: the first text chunk with content; turn done: the SDK result / the done frame',
      `failed turns: raw ${f.raw.failures}, ours ${f.ours.failures}; NetBox tool results in our turns: ${f.toolResults} (${f.toolErrors} errors)`,
    ],
  );
}

export function firstTokenTable(f: FirstTokenFigures): string {
  const warm = median(f.warmMs);
  const row = (label: string, values: readonly number[]) => [label, String(values.length), ms(median(values)), ms(Math.min(...values)), ms(Math.max(...values)), times(median(values) / warm)];
  return table(
    '2. First token of a new conversation',
    ['server', 'samples', 'median', 'min', 'max', 'x warm-up'],
    [row('warm-up on, spare ready (baseline)', f.warmMs), row('warm-up off (cold CLI start)', f.coldMs)],
    [`cold / warm (medians): ${times(median(f.coldMs) / warm)}, difference ${signedMs(median(f.coldMs) - warm)}; failed turns: ${f.failures}`],
  );
}

export function memoryTable(f: MemoryFigures): string {
  const base = f.idle.server.rssKb;
  const sum = (clis: MemoryReading['clis'], pick: (c: MemoryReading['clis'][number]) => number) => clis.reduce((total, c) => total + pick(c), 0);
  const total = (r: MemoryReading, pick: (m: { rssKb: number; pssKb: number }) => number) => pick(r.server) + sum(r.clis, pick);
  const rss = (m: { rssKb: number }) => m.rssKb;
  const pss = (m: { pssKb: number }) => m.pssKb;
  const added = f.live.clis.length - f.idle.clis.length;
  const slope = f.storedConversations - f.liveConversations;
  const perStored = (pick: (m: { rssKb: number; pssKb: number }) => number) => (pick(f.stored.server) - pick(f.settled.server)) / slope;
  const heapPerStored = (f.stored.heap.heapUsed - f.settled.heap.heapUsed) / 1024 / slope;
  const kb = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} kB` : 'n/a');
  const row = (label: string, r: number, p: number, format = mb) => [label, format(r), format(p), times(r / base)];
  const heap = (r: MemoryReading) => `${mb(r.heap.heapUsed / 1024)} heap + ${mb(r.heap.external / 1024)} external`;
  return table(
    '3. Memory (VmRSS from /proc; PSS splits pages shared between processes)',
    ['figure', 'RSS', 'PSS', 'x idle server'],
    [
      row('idle server process, no conversation (baseline)', base, f.idle.server.pssKb),
      row(`  its warm-up spare CLI (${f.idle.clis.length})`, sum(f.idle.clis, rss), sum(f.idle.clis, pss)),
      row(`server process, ${f.liveConversations} conversations live`, f.live.server.rssKb, f.live.server.pssKb),
      row(`server + its ${f.live.clis.length} CLI processes (live sessions and spare)`, total(f.live, rss), total(f.live, pss)),
      row(`per live session: growth of that / ${added} added CLIs`, (total(f.live, rss) - total(f.idle, rss)) / added, (total(f.live, pss) - total(f.idle, pss)) / added),
      row('  mean CLI process', sum(f.live.clis, rss) / f.live.clis.length, sum(f.live.clis, pss) / f.live.clis.length),
      row(`server process, ${f.liveConversations} conversations stored, sessions closed`, f.settled.server.rssKb, f.settled.server.pssKb),
      row(`server process, ${f.storedConversations} conversations stored, sessions closed`, f.stored.server.rssKb, f.stored.server.pssKb),
      row(`per idle conversation: growth between those / ${slope}`, perStored(rss), perStored(pss), kb),
    ],
    [
      `server: node server/src/main.ts (npm start's entry) in its own process, single-user, PGlite in a temp DATA_DIR, SESSION_IDLE_MS=${f.idleMs}`,
      'each reading after a full GC in the server (--expose-gc and a SIGUSR2 hook preloaded by the bench)',
      `V8: idle ${heap(f.idle)}; ${f.liveConversations} live ${heap(f.live)}; ${f.liveConversations} stored ${heap(f.settled)}; ${f.storedConversations} stored ${heap(f.stored)}`,
      `V8 heap used per idle conversation (same two readings): ${kb(heapPerStored)}; idle runtimes are dropped by a 30 s sweep, not waited for here`,
      `not counted above: ${f.idle.tooling.map((c) => `${c.name} ${mb(c.rssKb)}`).join(', ') || 'nothing'} (tsx's compiler service beside the server); failed turns: ${f.failures}`,
      `MAX_LIVE_SESSIONS unset defaults from memory at ${mb(CLI_PROCESS_BYTES / 1024)} per CLI process (server/src/config/live-sessions.ts; the mean above is what to check it against): ${defaultMaxLiveSessions()} on this machine`,
    ],
  );
}

export function concurrencyTable(f: ConcurrencyFigures): string {
  const singleTtft = median(f.single.map((t) => t.ttftMs));
  const singleEnd = median(f.single.map((t) => t.endMs));
  const done = f.turns.filter((t) => t.outcome === 'done');
  const ttft = done.map((t) => t.ttftMs);
  const end = done.map((t) => t.endMs);
  const errors = new Map<string, number>();
  for (const t of f.turns) if (t.outcome === 'error') errors.set(t.errorCode ?? '?', (errors.get(t.errorCode ?? '?') ?? 0) + 1);
  const busy = f.turns.filter((t) => t.busyEvents > 0);
  const toolTurns = done.filter((t) => t.toolResults > 0 && t.toolErrors === 0).length;
  const row = (label: string, value: number, base: number) => [label, ms(value), times(value / base)];
  return table(
    `4. ${f.concurrency} conversations at once, one NetBox question each, MAX_LIVE_SESSIONS=${f.maxLiveSessions}`,
    ['figure', 'value', 'x single'],
    [
      [`single new conversation alone, first token (baseline, median of ${f.single.length})`, ms(singleTtft), times(1)],
      [`single new conversation alone, turn done (baseline for turn done)`, ms(singleEnd), times(1)],
      row('first token, p50', median(ttft), singleTtft),
      row('first token, p95', percentile(ttft, 95), singleTtft),
      row('turn done, p50', median(end), singleEnd),
      row('turn done, p95', percentile(end, 95), singleEnd),
      row('wall time, all turns', f.wallMs, singleEnd),
    ],
    [
      `completed: ${done.length}/${f.concurrency} (${toolTurns} with a NetBox tool result); errors: ${errors.size ? [...errors].map(([code, n]) => `${code} ${n}`).join(', ') : 'none'}${f.lost.length ? `; lost: ${f.lost.length} (${f.lost[0]})` : ''}`,
      `queue: ${busy.length} turns were told busy (worst position ${Math.max(0, ...f.turns.map((t) => t.maxQueuePosition))}); pool peak ${f.peakLive} live CLI processes, ${f.peakQueued} queued`,
      'turn-done ratios are against the single turn\'s done time; first-token ratios against its first token',
    ],
  );
}
