import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.ts';
import { captureLogger, testConfig, useTestServer } from '../e2e-server/support/test-server.ts';

/**
 * The data directory holds conversations, transcripts and encrypted NetBox tokens (PGlite's files, its WAL, the
 * agent's files): nobody but the server's user may read or write any of it.
 */
const root = mkdtempSync(join(tmpdir(), 'data-dir-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dataDir = join(root, 'fresh', 'data');
const server = useTestServer({ dataDir: () => dataDir });

/** Every entry under `dir` whose mode is not 0700 (folders) or 0600 (files), as `path mode`. */
function looseEntries(dir: string): string[] {
  const loose: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    if (stat.isDirectory()) {
      if (mode !== 0o700) loose.push(`${path} ${mode.toString(8)}`);
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (mode !== 0o600) {
      loose.push(`${path} ${mode.toString(8)}`);
    }
  };
  visit(dir);
  return loose;
}

describe('the data directory', () => {
  it('is 0700 with every file 0600 after start and a turn: PGlite, its WAL, the lock, the agent’s files', async () => {
    const asked = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'which devices are in site chi-dc1?' }) });
    expect(asked.status).toBe(200);
    const files: string[] = [];
    const collect = (path: string) => {
      if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) collect(join(path, name));
      else files.push(path);
    };
    collect(dataDir);
    // The test looks at real files: PGlite's cluster and the CLI's own.
    expect(files.some((file) => file.includes('/pglite/'))).toBe(true);
    expect(files.some((file) => file.includes('/agent/'))).toBe(true);
    expect(looseEntries(dataDir)).toEqual([]);
    // The folders made on the way to it too.
    expect(lstatSync(join(root, 'fresh')).mode & 0o777).toBe(0o700);
  });

  it('warns at start when the directory is open to other users, and says how to close it', async () => {
    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    // What an earlier version left: the agent's folder and a file in it open to everyone.
    mkdirSync(join(open, 'agent', 'home'), { recursive: true });
    chmodSync(join(open, 'agent'), 0o755);
    writeFileSync(join(open, 'agent', 'home', 'old.json'), '{}');
    chmodSync(join(open, 'agent', 'home', 'old.json'), 0o666);
    const { logger, lines } = captureLogger();
    const app = await startApp({ config: testConfig({}, open, false), logger, warmUp: false, webDir: null });
    try {
      const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((entry) => entry.msg.includes('DATA_DIR'));
      expect(warning).toMatchObject({ level: 40, msg: expect.stringMatching(new RegExp(`other users .*mode 755.*chmod 700 ${open}`)) });
      // What the server made or had made inside is closed all the same.
      expect(looseEntries(join(open, 'pglite'))).toEqual([]);
      expect(looseEntries(join(open, 'agent'))).toEqual([]);
    } finally {
      await app.close();
    }
    const { logger: quiet, lines: quietLines } = captureLogger();
    const closed = join(root, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    const again = await startApp({ config: testConfig({}, closed, false), logger: quiet, warmUp: false, webDir: null });
    await again.close();
    expect(quietLines.filter((line) => line.includes('DATA_DIR'))).toEqual([]);
  });
});
