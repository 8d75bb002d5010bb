import { startChildApp, type ChildApp } from './server-child-app.ts';
import type { Cleanup } from './server-cleanup.ts';
import { benchDatabase } from './server-postgres.ts';
import { BenchSocket, type TimedTurn } from './server-ws-client.ts';
import { serverEnv, tempDir, TOOL_QUESTION, type BenchWorld } from './server-world.ts';

export interface ReplicaFigures {
  readonly conversations: number;
  readonly poolPerReplica: number;
  /** The baseline: one replica with both replicas' pool. */
  readonly single: TimedTurn[];
  /** Two replicas on the same database, the conversations spread over both. */
  readonly spread: TimedTurn[];
}

/**
 * `npm start`'s server in processes of their own on one PostgreSQL: first one replica with a pool of
 * 2 × poolPerReplica, then two with poolPerReplica each; `conversations` new conversations at once, from a socket
 * each, all on the one or alternating between the two. Each replica has parked its warm-up spare first.
 */
export async function measureReplicas(cleanup: Cleanup, world: BenchWorld, settings: { conversations: number; poolPerReplica: number }): Promise<ReplicaFigures> {
  const database = await benchDatabase(cleanup);
  const start = async (pool: number, label: string): Promise<ChildApp> => {
    const dir = tempDir(cleanup, `bench-replica-${label}-`);
    const app = await startChildApp(cleanup, serverEnv(world, { DATA_DIR: dir, DATABASE_URL: database, MAX_LIVE_SESSIONS: String(pool) }), dir);
    await app.waitForLog('spare ready', 1);
    return app;
  };
  const burst = async (apps: readonly ChildApp[]): Promise<TimedTurn[]> => {
    const sockets = await Promise.all(Array.from({ length: settings.conversations }, (_, i) => BenchSocket.connect((apps[i % apps.length] as ChildApp).wsUrl)));
    try {
      return await Promise.all(sockets.map((socket) => socket.ask(TOOL_QUESTION)));
    } finally {
      await Promise.all(sockets.map((socket) => socket.close()));
    }
  };

  const one = await start(2 * settings.poolPerReplica, 'single');
  const single = await burst([one]);
  await one.stop();
  const two = [await start(settings.poolPerReplica, 'a'), await start(settings.poolPerReplica, 'b')];
  const spread = await burst(two);
  for (const app of two) await app.stop();
  return { conversations: settings.conversations, poolPerReplica: settings.poolPerReplica, single, spread };
}
