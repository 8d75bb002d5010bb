import type { ServerEvent } from '@netbox-chatbox/protocol';
import { startChildApp, type ChildApp } from './server-child-app.ts';
import type { Cleanup } from './server-cleanup.ts';
import { benchDatabase } from './server-postgres.ts';
import { BenchSocket } from './server-ws-client.ts';
import { serverEnv, tempDir, TOOL_QUESTION, type BenchWorld } from './server-world.ts';

/** Longer than the lease expiry (DEFAULT_LEASE_TIMING.expiryMs). */
const STEADY_MS = 16_000;

export interface FailoverFigures {
  /** From `kill -9` of the replica running a turn to a socket on the other replica hearing that turn end. */
  readonly killedMs: number[];
  /** The baseline: the same, with the replica stopped gracefully (SIGTERM), which ends its turns itself. */
  readonly stoppedMs: number[];
  /** How the turn ended, as the other replica's socket heard it, for each kind of stop. */
  readonly killedEnds: string[];
  readonly stoppedEnds: string[];
}

/**
 * Two replicas (`npm start` in processes of their own) on one PostgreSQL. A turn runs on the first and stalls
 * mid-answer (the scripted model holds its stream), a socket on the second follows the conversation; then the
 * first is killed (`kill -9`) or stopped (SIGTERM), and the time until the follower hears the turn end is taken.
 */
export async function measureFailover(cleanup: Cleanup, world: BenchWorld, samples: number): Promise<FailoverFigures> {
  const figures: FailoverFigures = { killedMs: [], stoppedMs: [], killedEnds: [], stoppedEnds: [] };
  for (let i = 0; i < samples; i += 1) {
    for (const how of ['killed', 'stopped'] as const) {
      const { ms, end } = await once(cleanup, world, how);
      figures[`${how}Ms`].push(ms);
      figures[`${how}Ends`].push(end);
    }
  }
  return figures;
}

async function once(cleanup: Cleanup, world: BenchWorld, how: 'killed' | 'stopped'): Promise<{ ms: number; end: string }> {
  const database = await benchDatabase(cleanup);
  const start = async (label: string): Promise<ChildApp> => {
    const dir = tempDir(cleanup, `bench-failover-${label}-`);
    return startChildApp(cleanup, serverEnv(world, { DATA_DIR: dir, DATABASE_URL: database }), dir);
  };
  const [running, other] = await Promise.all([start('a'), start('b')]);
  // A replica judges others dead only once it has reached the database for the lease expiry (15 s): one that has
  // just started (or come back from an outage) must not take live turns for dead ones. Measured in steady state.
  await new Promise((resolve) => setTimeout(resolve, STEADY_MS));
  const asker = await BenchSocket.connect(running.wsUrl);
  const follower = await BenchSocket.connect(other.wsUrl);
  try {
    // The turn's first model request streams two chunks, then holds its stream: a turn in the middle of its answer.
    world.model.setFaults([{ stallMs: 120_000, afterChunks: 2 }]);
    const started = asker.waitFor((e) => e.type === 'turn_start');
    asker.ask(TOOL_QUESTION).catch(() => undefined);
    const turnStart = (await started).event as Extract<ServerEvent, { type: 'turn_start' }>;
    await asker.waitFor((e) => e.type === 'text' && e.turnId === turnStart.turnId && e.content !== '');
    const resumed = follower.waitFor((e) => e.type === 'resumed');
    follower.send({ type: 'resume', conversationId: turnStart.conversationId, afterSeq: 0 });
    await resumed;
    const ended = follower.waitFor((e) => (e.type === 'done' || e.type === 'error') && e.turnId === turnStart.turnId, 120_000);
    const at = performance.now();
    if (how === 'killed') await running.kill();
    else await running.stop();
    const { event, at: heard } = await ended;
    return { ms: heard - at, end: event.type === 'error' ? `error ${event.code}` : event.type === 'done' ? `done ${event.stopReason}` : event.type };
  } finally {
    world.model.setFaults([]);
    await asker.close();
    await follower.close();
    await running.stop();
    await other.stop();
  }
}
