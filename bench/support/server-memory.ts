import { startChildApp, type ChildApp, type HeapFigures } from './server-child-app.ts';
import type { Cleanup } from './server-cleanup.ts';
import { treeMemory, type ChildMemory, type ProcMemory } from './server-proc-memory.ts';
import { BenchSocket } from './server-ws-client.ts';
import { serverEnv, tempDir, TOOL_QUESTION, type BenchWorld } from './server-world.ts';

/** The Agent SDK's CLI: the native `claude` binary, started by the server for each live session and spare. */
const CLI_NAME = 'claude';

/** One reading, after the server collected its garbage. */
export interface MemoryReading {
  readonly server: ProcMemory;
  readonly clis: readonly ChildMemory[];
  /** Other children: tsx's esbuild service, which `npm start` (tsx) runs beside the server. */
  readonly tooling: readonly ChildMemory[];
  readonly heap: HeapFigures;
}

export interface MemoryFigures {
  readonly idleMs: number;
  /** Running, spare parked (warm-up is on in `npm start`), no conversation yet. */
  readonly idle: MemoryReading;
  /** `liveConversations` answered once, their sessions still open. */
  readonly live: MemoryReading;
  readonly liveConversations: number;
  /**
   * After the first conversations' sessions closed (the one-time costs of a first conversation, such as modules
   * loaded on first use, are paid by then), and after `storedConversations` in all, every session closed by the
   * idle timeout: the growth between the two, per conversation, is what an idle conversation keeps.
   */
  readonly settled: MemoryReading;
  readonly stored: MemoryReading;
  readonly storedConversations: number;
  failures: number;
}

/**
 * RSS of `npm start`'s server in its own process (server/src/main.ts, single-user, PGlite in a temp DATA_DIR)
 * and of the CLI processes it starts, read from /proc: idle; with conversations whose sessions are live; and
 * once more conversations are stored and their sessions were closed by a short SESSION_IDLE_MS.
 */
export async function measureMemory(cleanup: Cleanup, world: BenchWorld, settings: { live: number; stored: number; idleMs: number }): Promise<MemoryFigures> {
  const dataDir = tempDir(cleanup, 'bench-server-memory-');
  const env = serverEnv(world, { DATA_DIR: dataDir, SESSION_IDLE_MS: String(settings.idleMs) });
  const child = await startChildApp(cleanup, env, dataDir);
  try {
    await child.waitForLog('spare ready', 1);
    await sleep(1_000);
    const idle = await read(child);
    let failures = 0;
    let asked = 0;
    const batch = async (size: number) => {
      const sockets = await Promise.all(Array.from({ length: size }, () => BenchSocket.connect(child.wsUrl)));
      try {
        const turns = await Promise.all(sockets.map((socket) => socket.ask(TOOL_QUESTION)));
        failures += turns.filter((turn) => turn.outcome !== 'done').length;
        asked += size;
      } finally {
        await Promise.all(sockets.map((socket) => socket.close()));
      }
    };

    await batch(settings.live);
    // The first conversation took the spare; a new one is started for the next, as in production.
    await child.waitForLog('spare ready', 2, 15_000).catch(() => undefined);
    const live = await read(child);
    const liveConversations = asked;

    await waitForClis(child, idle.clis.length, settings.idleMs + 30_000);
    const settled = await read(child);

    while (asked < settings.stored) await batch(Math.min(settings.live, settings.stored - asked));
    await waitForClis(child, idle.clis.length, settings.idleMs + 30_000);
    const stored = await read(child);
    return { idleMs: settings.idleMs, idle, live, liveConversations, settled, stored, storedConversations: asked, failures };
  } finally {
    await child.stop();
  }
}

async function read(child: ChildApp): Promise<MemoryReading> {
  // Processes that just exited may still be releasing memory; then a full GC, whose freed pages need a moment too.
  await sleep(500);
  const heap = await child.collectGarbage();
  await sleep(300);
  const tree = treeMemory(child.pid);
  return {
    server: tree.root,
    clis: tree.children.filter((c) => c.name === CLI_NAME),
    tooling: tree.children.filter((c) => c.name !== CLI_NAME),
    heap,
  };
}

/** Until the server is down to `count` CLI processes (its spare), every session closed by the idle timeout. */
async function waitForClis(child: ChildApp, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (treeMemory(child.pid).children.filter((c) => c.name === CLI_NAME).length > count) {
    if (Date.now() > deadline) throw new Error(`sessions still open after ${timeoutMs} ms (SESSION_IDLE_MS not honoured?)`);
    await sleep(250);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
