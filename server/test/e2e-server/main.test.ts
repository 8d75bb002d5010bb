import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, SERVER_NODE_FLAGS } from '../../scripts/build-server.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
let bundleDir: string;
let bundle: string;

// npm start's own build, into a folder of this test's beside server/dist (so it finds web/ as the real one does)
// and not over it, so that a running `npm start` keeps its bundle.
beforeAll(async () => {
  mkdirSync(join(ROOT, 'server/dist'), { recursive: true });
  bundleDir = mkdtempSync(join(ROOT, 'server/dist/test-'));
  bundle = await buildServer(join(bundleDir, 'main.js'));
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

/** `npm start` as a user runs it: its own process, in a directory with no .env, with only the env given. */
function start(env: Record<string, string>): Run {
  const cwd = mkdtempSync(join(tmpdir(), 'server-main-'));
  dirs.push(cwd);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, bundle], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, DATA_DIR: join(cwd, 'data'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code))),
  };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

async function waitFor<T>(pick: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pick();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.pid !== undefined) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('main.ts, the server as npm start runs it', () => {
  it('is started by npm start as built JavaScript with the memory flags the tests use', () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start).toContain('node server/scripts/build-server.ts');
    expect(start).toMatch(new RegExp(`node ${SERVER_NODE_FLAGS.join(' ')} server/dist/main\\.js$`));
    expect(start).not.toMatch(/tsx|\.ts$/);
  });

  it('serves the built web UI from the bundle, as from the sources', async () => {
    const run = start({ PORT: '0', LOG_LEVEL: 'warn' });
    const url = await waitFor(() => /running at (http:\/\/127\.0\.0\.1:\d+) \(demo mode\)/.exec(run.stdout)?.[1], 45_000, 'the start line');
    const shell = await fetch(`${url}/`);
    expect(shell.status).toBe(200);
    expect(await shell.text()).toContain('<title>NetBox Chatbox</title>');
    expect(run.stdout + run.stderr).not.toContain('the web UI is not built');
  }, 60_000);

  it('starts in demo mode with the built-in sandbox, says the model is missing, and stops on SIGTERM', async () => {
    const run = start({ PORT: '0', LOG_LEVEL: 'warn' });
    const url = await waitFor(() => /running at (http:\/\/127\.0\.0\.1:\d+) \(demo mode\)/.exec(run.stdout)?.[1], 45_000, 'the start line');
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { mode: string; checks: { netbox: { ok: boolean }; model: { ok: boolean; reason: string } } };
    expect(body.mode).toBe('demo');
    expect(body.checks.netbox.ok).toBe(true);
    expect(body.checks.model.reason).toMatch(/set ANTHROPIC_API_KEY/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 60_000);

  it('exits with 2 and names the variable when the configuration is bad', async () => {
    const port = start({ PORT: 'eighty' });
    expect(await port.exited).toBe(2);
    expect(port.stderr).toMatch(/PORT must be a port number from 0 to 65535, e\.g\. 3000 \(got "eighty"\)/);
    const host = start({ HOST: '0.0.0.0' });
    expect(await host.exited).toBe(2);
    expect(host.stderr).toMatch(/HOST=0\.0\.0\.0 is not a loopback address/);
  }, 30_000);
});
