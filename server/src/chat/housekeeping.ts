import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';

export interface HousekeepingOptions {
  /** Replay events older than this are dropped; finished turns live on in the messages table. Default 7 days. */
  readonly keepEventsMs?: number;
  /** Expired and revoked sign-in sessions are deleted this long after they ended. Default 1 day. */
  readonly sessionGraceMs?: number;
  /** How often to run. Default hourly. */
  readonly everyMs?: number;
}

/**
 * Keeps the event log and the sessions table from growing forever. A resume from before the cut-off gets
 * `reload: true` and loads the conversation over HTTP instead. Several replicas may all run it: each delete is
 * idempotent.
 */
export function startHousekeeping(store: Store, logger: Logger, options: HousekeepingOptions = {}): { stop(): void } {
  const keepEventsMs = options.keepEventsMs ?? 7 * 24 * 60 * 60 * 1000;
  const sessionGraceMs = options.sessionGraceMs ?? 24 * 60 * 60 * 1000;
  const run = async () => {
    try {
      const events = await store.events.pruneOlderThan(new Date(Date.now() - keepEventsMs));
      const sessions = await store.sessions.prune(sessionGraceMs);
      if (events > 0 || sessions > 0) logger.info({ events, sessions }, 'housekeeping: old replay events and ended sessions removed');
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'housekeeping failed');
    }
  };
  const timer = setInterval(() => void run(), options.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
