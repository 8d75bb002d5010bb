import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'model-stub-cli-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in one node process (so a kill reaches the server itself). */
function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)));
  });
}

describe.concurrent('model-stub CLI', () => {
  it('prints its URL, serves the scenario file given, and stops on SIGTERM', async () => {
    const scenario = join(dir, 'hello.json');
    writeFileSync(scenario, JSON.stringify({ rules: [{ reply: [{ type: 'text', text: 'from the file' }] }] }));
    const child = run(['--port', '0', '--scenario', scenario]);
    const line = await firstLine(child);
    const url = /^Scripted model (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    expect(url).toBeDefined();
    const response = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(await response.json()).toMatchObject({ content: [{ type: 'text', text: 'from the file' }] });
    const done = exited(child);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it.each([
    [['--port', 'x'], /^model-stub: --port must be a whole number/],
    [['--bogus'], /^model-stub: Unknown option '--bogus'/],
    [[], /^model-stub: --port is required/],
    [['--port', '0', '--scenario', '/nonexistent.json'], /^model-stub: cannot read scenario \/nonexistent\.json: ENOENT/],
    [['--port', '0', '--host', '0.0.0.0'], /^model-stub: NOT_LOOPBACK: host must be a loopback address/],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const { code, stdout, stderr } = await exited(run(args));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('names the rule that is wrong in a bad scenario file', async () => {
    const scenario = join(dir, 'bad.json');
    writeFileSync(scenario, JSON.stringify({ rules: [{ reply: [{ type: 'text', text: '{{usr}}' }] }] }));
    const { code, stderr } = await exited(run(['--port', '0', '--scenario', scenario]));
    expect(code).toBe(2);
    expect(stderr).toMatch(/rules\[0\]\.reply\[0\]\.text: unknown template source/);
  });
});
