import { closeSync, openSync, readFileSync, rmSync, utimesSync, writeSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { StoreError } from './store-error.ts';

/**
 * PGlite is PostgreSQL in one process with no lock on its directory: a second process opening the same one
 * corrupts it. So a lock file sits next to the directory, holding who has it, and its holder touches it every
 * HEARTBEAT_MS. A lock is stale when its process is gone (same host), or it is our own pid but not ours (a
 * container restarted as pid 1), or nobody touched it for STALE_MS (another host that died). Taking over a stale
 * lock has a short race between two starters; two servers on one DATA_DIR at the very same moment is not a case
 * this guards, a second server started later is.
 */
const HEARTBEAT_MS = 10_000;
const STALE_MS = 30_000;

const LockContentSchema = z.object({ pid: z.number().int(), host: z.string(), at: z.string() });

const heldHere = new Set<string>();

export interface DirectoryLock {
  release(): void;
}

export function lockDirectory(lockPath: string): DirectoryLock {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(lockPath)) return hold(lockPath);
    const holder = readHolder(lockPath);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && !isStale(lockPath, holder)) {
      throw new StoreError(
        'STORE_LOCKED',
        `The data directory is in use by another server process (pid ${holder.pid} on ${holder.host}). ` +
          'Stop it, or use DATABASE_URL (PostgreSQL) to run more than one server. ' +
          `If no other server runs, remove ${lockPath}.`,
      );
    }
    rmSync(lockPath, { force: true });
  }
  throw new StoreError('STORE_LOCKED', `Could not take the lock ${lockPath}; another server may be starting on the same data directory.`);
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(lockPath: string): z.infer<typeof LockContentSchema> | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    return LockContentSchema.parse(JSON.parse(text));
  } catch {
    // Half-written by a process that died while creating it.
    return 'unreadable';
  }
}

function isStale(lockPath: string, holder: z.infer<typeof LockContentSchema>): boolean {
  if (holder.host === hostname()) {
    if (holder.pid === process.pid) return !heldHere.has(lockPath);
    return !processAlive(holder.pid);
  }
  try {
    return Date.now() - statSync(lockPath).mtimeMs > STALE_MS;
  } catch {
    return true;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function hold(lockPath: string): DirectoryLock {
  heldHere.add(lockPath);
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(lockPath, now, now);
    } catch {
      // Removed under us; nothing useful to do from a timer.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      heldHere.delete(lockPath);
      const holder = readHolder(lockPath);
      // Only our own: a process that judged ours stale may hold it now.
      if (typeof holder === 'object' && holder.pid === process.pid && holder.host === hostname()) rmSync(lockPath, { force: true });
    },
  };
}
