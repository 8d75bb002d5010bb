import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('netbox-sandbox command line', () => {
  it('prints one line with its URL and a superuser token, then serves until killed', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--scale', '1', '--seed', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${String(code)}`)));
      });
      const match = /^NetBox sandbox (http:\/\/127\.0\.0\.1:\d+)\/ token ([0-9a-f]{40})$/.exec(line);
      expect(match, line).not.toBeNull();
      const res = await fetch(`${match![1]}/api/dcim/sites/?limit=1`, { headers: { authorization: `Token ${match![2]}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { count: number }).count).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('accepts a v2 token given with --token', async () => {
    const token = 'nbt_k3y.s3cr3tvalue';
    const child = spawn(process.execPath, [CLI, '--port', '0', '--token', token], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      expect(line.endsWith(` token ${token}`)).toBe(true);
      const url = /(http:\/\/[^ ]+)\//.exec(line)![1];
      const res = await fetch(`${url}/api/status/`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--scale', '0'], /--scale/],
    [['--seed', '-1'], /seed/],
    [['--bogus'], /bogus/],
    [['--token', 'short'], /--token/],
    [['--dump', '/nonexistent/dump.sql'], /nonexistent/],
  ])('refuses %j with one line naming it and exit code 2', (args, pattern) => {
    const result = run(args);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });
});
