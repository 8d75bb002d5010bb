import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDirectory } from '../../src/store/directory-lock.ts';
import { isStoreError } from '../../src/store/index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'directory-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
const lockPath = () => join(scratch, `dir-${(n += 1)}.lock`);
const holder = (pid: number, host = hostname()) => JSON.stringify({ pid, host, at: new Date().toISOString() });

describe('the PGlite directory lock', () => {
  it('is taken, refused to a second taker, and released', () => {
    const path = lockPath();
    const lock = lockDirectory(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    let error: unknown;
    try {
      lockDirectory(path);
    } catch (thrown) {
      error = thrown;
    }
    expect(isStoreError(error, 'STORE_LOCKED')).toBe(true);
    expect((error as Error).message).toContain(path);
    lock.release();
    expect(existsSync(path)).toBe(false);
    lockDirectory(path).release();
  });

  it('is refused while a live process on this host holds it', () => {
    const path = lockPath();
    // pid 1 always runs.
    writeFileSync(path, holder(1));
    expect(() => lockDirectory(path)).toThrow(/pid 1 on/);
  });

  it('is taken over from a process that died', () => {
    const path = lockPath();
    // Above Linux's largest pid (2^22): never running.
    writeFileSync(path, holder(2 ** 22 + 7));
    lockDirectory(path).release();
  });

  it('is taken over from an earlier life of this very pid (a container restarted as pid 1)', () => {
    const path = lockPath();
    writeFileSync(path, holder(process.pid));
    lockDirectory(path).release();
  });

  it('is taken over from a half-written file', () => {
    const path = lockPath();
    writeFileSync(path, '{"pid": 12');
    lockDirectory(path).release();
  });

  it('from another host: refused while fresh, taken over once nobody touched it for 30 s', () => {
    const path = lockPath();
    writeFileSync(path, holder(4242, 'other-host'));
    expect(() => lockDirectory(path)).toThrow(/pid 4242 on other-host/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    lockDirectory(path).release();
  });

  it('release leaves alone a lock that another process took over', () => {
    const path = lockPath();
    const lock = lockDirectory(path);
    writeFileSync(path, holder(1));
    lock.release();
    expect(existsSync(path)).toBe(true);
  });
});
