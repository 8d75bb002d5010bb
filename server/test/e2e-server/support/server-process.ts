import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { descendants } from '../../agent/support/processes.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const MAIN = join(ROOT, 'server/src/main.ts');
/** As npm start runs it: Node's own type stripping, netbox-mcp from its sources rather than its build. */
const SOURCE_CONDITION = '--conditions=@netbox-chatbox/source';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly wsUrl: string;
  readonly exited: Promise<number | null>;
  /** Its DATA_DIR. */
  readonly dataDir: string;
  output(): string;
}

/**
 * `npm start` in OS processes of their own, as replicas run: each with its own data directory (so its own CLI
 * transcript files) and working directory with no .env, and only the env given. Everything started is stopped by
 * PID: the servers and, after a `kill -9`, the CLI processes a killed server leaves behind.
 */
export class ServerProcesses {
  private readonly servers: ServerProcess[] = [];
  private readonly dirs: string[] = [];
  /** CLI processes of servers that were killed, to stop by PID if they outlive their server. */
  private readonly orphans = new Map<number, string>();

  async start(env: Record<string, string>): Promise<ServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'server-process-'));
    this.dirs.push(dir);
    const fullEnv = { PATH: process.env.PATH ?? '', HOME: dir, DATA_DIR: join(dir, 'data'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env };
    const child = spawn(process.execPath, [SOURCE_CONDITION, MAIN], { cwd: dir, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid;
    if (pid === undefined) throw new Error('the server process did not start');
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line after 60 s; output: ${output.slice(-2000)}`)), 60_000);
      const look = (): void => {
        const found = /NetBox Chatbox is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (!found) return;
        clearTimeout(timer);
        resolveUrl(found);
      };
      child.stdout?.on('data', look);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code} before it started; output: ${output.slice(-2000)}`));
      });
    });
    const server: ServerProcess = { child, pid, url, wsUrl: `${url.replace(/^http/, 'ws')}/ws/chat`, exited, dataDir: fullEnv.DATA_DIR, output: () => output };
    this.servers.push(server);
    return server;
  }

  /** SIGTERM to the one process, by its PID, and its exit code. */
  async stop(server: ServerProcess): Promise<number | null> {
    if (server.child.exitCode === null && server.child.signalCode === null) process.kill(server.pid, 'SIGTERM');
    return server.exited;
  }

  /** `kill -9` of the one process, by its PID; its CLI processes are noted, to be stopped if they outlive it. */
  async kill(server: ServerProcess): Promise<void> {
    for (const child of descendants(server.pid)) this.orphans.set(child.pid, child.argv.join(' '));
    process.kill(server.pid, 'SIGKILL');
    await server.exited;
  }

  async stopAll(): Promise<void> {
    for (const server of this.servers.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) process.kill(server.pid, 'SIGKILL');
      await server.exited;
    }
    for (const [pid, command] of this.orphans) {
      // Only the same process: its PID may have been reused since.
      if (descendantCommand(pid) !== command) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Exited meanwhile, as it should have with its server.
      }
    }
    this.orphans.clear();
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

function descendantCommand(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return undefined;
  }
}
