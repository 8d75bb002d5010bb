import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Owner-only: no group or other permission bits on anything the server or its agent processes create. */
const OWNER_ONLY_UMASK = 0o077;

/** What the server keeps under DATA_DIR: all of it its own, so all of it is closed (see pglite-db.ts, agent-dirs.ts). */
const OWN_ENTRIES = ['pglite', 'pglite.lock', 'agent'];

export interface PreparedDataDir {
  /** For the start-up log: the directory is open to other users. */
  readonly warning?: string;
  /** Entries an earlier version left open to other users, now closed. */
  readonly closed: number;
}

/**
 * Makes DATA_DIR private before anything is written to it: the process umask (inherited by the agent's CLI
 * processes) makes every new folder 0700 and every new file 0600, the directory itself is created 0700, and what
 * an earlier version left open in the server's own entries is closed. A directory that already exists keeps its
 * mode (an admin may have reasons), but one open to other users is reported: it holds conversations,
 * transcripts and encrypted NetBox tokens.
 */
export function prepareDataDir(dataDir: string): PreparedDataDir {
  try {
    process.umask(OWNER_ONLY_UMASK);
  } catch {
    // Worker threads may not change the umask; the explicit modes below and in the store still apply.
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let closed = 0;
  for (const name of OWN_ENTRIES) {
    const path = join(dataDir, name);
    if (existsSync(path)) closed += makeOwnerOnly(path);
  }
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & OWNER_ONLY_UMASK) === 0) return { closed };
  return {
    closed,
    warning:
      `DATA_DIR ${dataDir} is open to other users of this machine (mode ${mode.toString(8)}), and it holds conversations and encrypted NetBox tokens: ` +
      `run chmod 700 ${dataDir}`,
  };
}

/** Removes group and other permissions from `path` and below; returns how many entries had some. Symbolic links are left. */
export function makeOwnerOnly(path: string): number {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return 0;
  let closed = 0;
  if ((stat.mode & OWNER_ONLY_UMASK) !== 0) {
    chmodSync(path, stat.mode & 0o777 & ~OWNER_ONLY_UMASK);
    closed += 1;
  }
  if (stat.isDirectory()) for (const name of readdirSync(path)) closed += makeOwnerOnly(join(path, name));
  return closed;
}
