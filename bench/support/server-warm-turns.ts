import type { Cleanup } from './server-cleanup.ts';
import { RawSdkSession } from './server-raw-sdk.ts';
import { BenchSocket } from './server-ws-client.ts';
import { startBenchApp, tempDir, TOOL_QUESTION, type BenchWorld } from './server-world.ts';

export interface TurnSamples {
  readonly ttftMs: number[];
  readonly endMs: number[];
  failures: number;
}

export interface WarmTurnFigures {
  readonly raw: TurnSamples;
  readonly ours: TurnSamples;
  /** Tool results our turns carried (each turn should have one), and how many were errors. */
  toolResults: number;
  toolErrors: number;
}

/** Turns run in each conversation before timing starts: the first starts the CLI, the next ones warm the JIT. */
const UNTIMED_TURNS = 2;

/**
 * Warm turns (the CLI already live) of one conversation, through our server and WebSocket against the raw SDK,
 * both on the same scripted model with the same question (a sentence, a NetBox tool call, a table). The two
 * alternate turn by turn, and which goes first alternates too, so drift in the machine's load hits both alike.
 */
export async function measureWarmTurns(cleanup: Cleanup, world: BenchWorld, samples: number): Promise<WarmTurnFigures> {
  const app = await startBenchApp(cleanup, world, { warmUp: false, label: 'warm turns' });
  const raw = new RawSdkSession(RawSdkSession.options(app.config, tempDir(cleanup, 'bench-raw-sdk-'), { url: world.sandbox.url, token: world.sandbox.token }));
  cleanup.add('raw SDK session', () => raw.close());
  const socket = await BenchSocket.connect(app.wsUrl);
  cleanup.add('socket (warm turns)', () => socket.close());
  const figures: WarmTurnFigures = { raw: { ttftMs: [], endMs: [], failures: 0 }, ours: { ttftMs: [], endMs: [], failures: 0 }, toolResults: 0, toolErrors: 0 };
  try {
    let conversationId: string | undefined;
    const ours = async (record: boolean) => {
      const turn = await socket.ask(TOOL_QUESTION, conversationId);
      conversationId ??= turn.conversationId;
      if (!record) return;
      if (turn.outcome !== 'done') figures.ours.failures += 1;
      figures.ours.ttftMs.push(turn.ttftMs);
      figures.ours.endMs.push(turn.endMs);
      figures.toolResults += turn.toolResults;
      figures.toolErrors += turn.toolErrors;
    };
    const baseline = async (record: boolean) => {
      const turn = await raw.ask(TOOL_QUESTION);
      if (!record) return;
      if (!turn.ok) figures.raw.failures += 1;
      figures.raw.ttftMs.push(turn.ttftMs);
      figures.raw.endMs.push(turn.endMs);
    };
    for (let i = 0; i < UNTIMED_TURNS; i += 1) {
      await baseline(false);
      await ours(false);
    }
    for (let i = 0; i < samples; i += 1) {
      if (i % 2 === 0) {
        await baseline(true);
        await ours(true);
      } else {
        await ours(true);
        await baseline(true);
      }
    }
    return figures;
  } finally {
    await cleanup.run('socket (warm turns)');
    await cleanup.run('raw SDK session');
    await app.close();
  }
}
