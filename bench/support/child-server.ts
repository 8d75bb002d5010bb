import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  readonly url: string;
  readonly authorization: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const SERVE = fileURLToPath(new URL('./serve-for-bench.ts', import.meta.url));

/** Starts `serve-for-bench.ts` in its own Node process and waits for the line with its URL. */
export async function startChildServer(args: string[], stdin?: string): Promise<ChildServer> {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  if (stdin !== undefined) child.stdin.end(stdin);
  else child.stdin.end();
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${String(code)}`)));
  });
  const info = JSON.parse(line) as { url: string; authorization: string };
  return {
    ...info,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
