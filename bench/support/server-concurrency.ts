import type { Cleanup } from './server-cleanup.ts';
import { BenchSocket, type TimedTurn } from './server-ws-client.ts';
import { eventually, startBenchApp, TOOL_QUESTION, type BenchWorld } from './server-world.ts';

export interface ConcurrencyFigures {
  readonly concurrency: number;
  readonly maxLiveSessions: number;
  /** The baseline: one new conversation with the server to itself. */
  readonly single: TimedTurn[];
  readonly turns: TimedTurn[];
  /** Turns whose socket gave no end at all (closed, timed out). */
  readonly lost: string[];
  /** From the first message sent to the last turn ended. */
  readonly wallMs: number;
  /** The most CLI processes alive and the longest queue the pool had, sampled every 20 ms. */
  readonly peakLive: number;
  readonly peakQueued: number;
}

/**
 * `concurrency` users (one socket each) send a NetBox question at the same moment, each a new conversation, to a
 * server capped at 8 live CLI processes (the old default): the rest wait in the pool's queue and hear `busy`. Warm-up
 * is off and each conversation starts its own CLI, like the baseline, so the ratio shows the cost of sharing the
 * machine and the queue. A short SESSION_IDLE_MS lets the baseline's session close before the burst.
 */
export async function measureConcurrency(cleanup: Cleanup, world: BenchWorld, settings: { concurrency: number; singles: number }): Promise<ConcurrencyFigures> {
  const app = await startBenchApp(cleanup, world, { warmUp: false, env: { SESSION_IDLE_MS: '1000', MAX_LIVE_SESSIONS: '8' }, label: 'concurrency' });
  const pool = app.running.pool;
  try {
    const single: TimedTurn[] = [];
    for (let i = 0; i < settings.singles; i += 1) {
      const socket = await BenchSocket.connect(app.wsUrl);
      try {
        single.push(await socket.ask(TOOL_QUESTION));
      } finally {
        await socket.close();
      }
      await eventually(() => pool.stats().live === 0, 'the session to close after SESSION_IDLE_MS', 30_000);
    }

    const sockets = await Promise.all(Array.from({ length: settings.concurrency }, () => BenchSocket.connect(app.wsUrl)));
    cleanup.add('sockets (concurrency)', () => Promise.all(sockets.map((socket) => socket.close())).then(() => undefined));
    let peakLive = 0;
    let peakQueued = 0;
    const sampler = setInterval(() => {
      const stats = pool.stats();
      peakLive = Math.max(peakLive, stats.live);
      peakQueued = Math.max(peakQueued, stats.queued);
    }, 20);
    const started = performance.now();
    const settled = await Promise.allSettled(sockets.map((socket) => socket.ask(TOOL_QUESTION)));
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    await cleanup.run('sockets (concurrency)');
    return {
      concurrency: settings.concurrency,
      maxLiveSessions: app.config.limits.maxLiveSessions,
      single,
      turns: settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
      lost: settled.flatMap((result) => (result.status === 'rejected' ? [result.reason instanceof Error ? result.reason.message : String(result.reason)] : [])),
      wallMs,
      peakLive,
      peakQueued,
    };
  } finally {
    await app.close();
  }
}
