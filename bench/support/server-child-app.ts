import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './server-cleanup.ts';
import { GC_MARK } from './server-gc-hook.ts';
import { descendants, signalIfSame } from './server-proc-memory.ts';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
const GC_HOOK = new URL('./server-gc-hook.ts', import.meta.url).href;
/** As npm start runs it: Node's own type stripping, netbox-mcp from its sources rather than its build. */
const SOURCE_CONDITION = '--conditions=@netbox-chatbox/source';

/** The heap after a full GC, as the child reported it. */
export interface HeapFigures {
  readonly collected: boolean;
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export interface ChildApp {
  readonly pid: number;
  readonly wsUrl: string;
  /** How many log lines with this `msg` the server has written so far. */
  count(msg: string): number;
  /** Resolves once the server has written `n` log lines with this `msg`. */
  waitForLog(msg: string, n: number, timeoutMs?: number): Promise<void>;
  /** Asks the server to collect garbage and report its heap. */
  collectGarbage(): Promise<HeapFigures>;
  /** `kill -9` of the server alone, as a crash; resolves once it is gone. Its CLI processes are stopped later, by stop(). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `npm start`'s entry (server/src/main.ts, configured by its environment only) in a process of its own, so its
 * RSS is its own. Logs at debug level, which is where "spare ready" is written. Stopped by PID with SIGTERM
 * (graceful: it closes its CLI processes), then SIGKILL; any CLI process it leaves behind is stopped by PID too.
 */
export async function startChildApp(cleanup: Cleanup, env: Record<string, string>, cwd: string): Promise<ChildApp> {
  const child = spawn(process.execPath, ['--expose-gc', SOURCE_CONDITION, '--import', GC_HOOK, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  /** What it started, noted before a kill -9 (after it, they belong to init and cannot be found from its PID). */
  const orphans: { pid: number; startTime: string }[] = [];
  cleanup.add(`server process ${pid}`, () => stopChild(child, pid, exited, orphans));

  const counts = new Map<string, number>();
  const waiters = new Set<() => void>();
  const heapReports: Array<(figures: HeapFigures) => void> = [];
  let url: string | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const started = /running at (http:\/\/\S+)/.exec(line);
    if (started) url = started[1];
    const msg = /"msg":"([^"]*)"/.exec(line)?.[1];
    if (msg !== undefined) counts.set(msg, (counts.get(msg) ?? 0) + 1);
    if (/"level":(?:[5-9]\d)/.test(line)) process.stderr.write(`server: ${line}\n`);
    for (const wake of waiters) wake();
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line.startsWith(GC_MARK)) heapReports.shift()?.(JSON.parse(line.slice(GC_MARK.length)) as HeapFigures);
    else process.stderr.write(`server stderr: ${line}\n`);
  });

  const until = (check: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
      const wake = () => {
        if (check()) finish(resolve);
      };
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(wake);
        settle();
      };
      waiters.add(wake);
      void exited.then(() => finish(() => reject(new Error(`the server exited while waiting for ${what}`))));
      wake();
    });

  await until(() => url !== undefined, 'the server to listen', 60_000);
  return {
    pid,
    wsUrl: `${url!.replace(/^http/, 'ws')}/ws/chat`,
    count: (msg) => counts.get(msg) ?? 0,
    waitForLog: (msg, n, timeoutMs = 60_000) => until(() => (counts.get(msg) ?? 0) >= n, `${n}× "${msg}"`, timeoutMs),
    collectGarbage: () =>
      new Promise<HeapFigures>((resolve) => {
        heapReports.push(resolve);
        child.kill('SIGUSR2');
      }),
    kill: async () => {
      orphans.push(...descendants(pid));
      signal(pid, 'SIGKILL');
      await exited;
    },
    stop: () => cleanup.run(`server process ${pid}`),
  };
}

async function stopChild(child: ChildProcess, pid: number, exited: Promise<void>, orphans: readonly { pid: number; startTime: string }[]): Promise<void> {
  const below = [...descendants(pid), ...orphans];
  if (child.exitCode === null && child.signalCode === null) {
    signal(pid, 'SIGTERM');
    const timer = setTimeout(() => signal(pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  // Orphans of a server that died hard; each checked by start time so a reused PID is left alone.
  for (const process_ of below) signalIfSame(process_, 'SIGKILL');
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
