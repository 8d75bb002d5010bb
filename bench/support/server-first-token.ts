import type { Cleanup } from './server-cleanup.ts';
import { BenchSocket } from './server-ws-client.ts';
import { eventually, startBenchApp, TOOL_QUESTION, type BenchWorld } from './server-world.ts';

export interface FirstTokenFigures {
  /** Time to first token of a new conversation: a cold CLI start (warmUp false) or a warm spare (warmUp true). */
  readonly coldMs: number[];
  readonly warmMs: number[];
  failures: number;
}

/**
 * New conversations on two servers, one with warm-up off and one with it on. Before every sample the warm server
 * has parked its spare (SessionPool stats: a spare, none warming), so neither sample shares the CPU with a CLI
 * start. The order alternates between samples.
 */
export async function measureFirstToken(cleanup: Cleanup, world: BenchWorld, samples: number): Promise<FirstTokenFigures> {
  const cold = await startBenchApp(cleanup, world, { warmUp: false, label: 'warm-up off' });
  const warm = await startBenchApp(cleanup, world, { warmUp: true, label: 'warm-up on' });
  const coldSocket = await BenchSocket.connect(cold.wsUrl);
  cleanup.add('socket (warm-up off)', () => coldSocket.close());
  const warmSocket = await BenchSocket.connect(warm.wsUrl);
  cleanup.add('socket (warm-up on)', () => warmSocket.close());
  const figures: FirstTokenFigures = { coldMs: [], warmMs: [], failures: 0 };
  const spareParked = () => {
    const stats = warm.running.pool.stats();
    return stats.spares === 1 && stats.warming === 0;
  };
  const newConversation = async (socket: BenchSocket, into: number[]) => {
    await eventually(spareParked, 'the warm-up server to park a spare', 60_000);
    const turn = await socket.ask(TOOL_QUESTION);
    if (turn.outcome !== 'done') figures.failures += 1;
    into.push(turn.ttftMs);
  };
  try {
    for (let i = 0; i < samples; i += 1) {
      if (i % 2 === 0) {
        await newConversation(coldSocket, figures.coldMs);
        await newConversation(warmSocket, figures.warmMs);
      } else {
        await newConversation(warmSocket, figures.warmMs);
        await newConversation(coldSocket, figures.coldMs);
      }
    }
    return figures;
  } finally {
    await cleanup.run('socket (warm-up on)');
    await cleanup.run('socket (warm-up off)');
    await warm.close();
    await cold.close();
  }
}
