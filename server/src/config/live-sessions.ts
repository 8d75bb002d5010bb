import { totalmem } from 'node:os';

/**
 * What one live agent session costs: one Claude Code CLI process, about 200 MB resident once it has answered
 * (`npm run bench:server`, figure 3, "per live session" and "mean CLI process"; BRIEF §3 says 180–210 MB).
 */
export const CLI_PROCESS_BYTES = 210 * 2 ** 20;

/** Left for the server itself (PGlite's heap is most of it), the operating system and everything else. */
const RESERVED_BYTES = 1024 * 2 ** 20;

/** The share of memory the CLI processes may take. */
const SHARE = 0.75;

/**
 * The default MAX_LIVE_SESSIONS: as many CLI processes as fit in three quarters of the machine's memory (or of
 * the container's limit, when it has one) after a reserve for the server, at least 1.
 */
export function defaultMaxLiveSessions(memory: { total: number; limit?: number } = { total: totalmem(), limit: limitOf() }): number {
  const usable = memory.limit !== undefined && memory.limit > 0 && memory.limit < memory.total ? memory.limit : memory.total;
  return Math.max(1, Math.min(1000, Math.floor((usable * SHARE - RESERVED_BYTES) / CLI_PROCESS_BYTES)));
}

/** The cgroup's memory limit (a container's), when the process has one. */
function limitOf(): number | undefined {
  const limit = process.constrainedMemory();
  return limit > 0 ? limit : undefined;
}

/**
 * The default per-user share: a quarter of the sessions, at least 1, where users sign in (multi-user mode).
 * Without sign-in everyone is the one local user, and a cap on them would cap the whole server.
 */
export function defaultPerUser(maxLive: number, multiUser: boolean): number {
  return multiUser ? Math.max(1, Math.floor(maxLive / 4)) : maxLive;
}
