import type { Logger } from 'pino';
import type { Store } from '../store/index.ts';
import { sweepLocalTranscripts } from './local-transcripts.ts';

export interface HousekeepingOptions {
  /** Replay events older than this are dropped; finished turns live on in the messages table. Default 7 days. */
  readonly keepEventsMs?: number;
  /** Expired and revoked sign-in sessions are deleted this long after they ended. Default 1 day. */
  readonly sessionGraceMs?: number;
  /** How often to run. Default hourly. */
  readonly everyMs?: number;
  /** The data dir whose CLI transcript files of deleted conversations are removed (at start too). */
  readonly dataDir?: string;
}

/**
 * Keeps the event log and the sessions table from growing forever, and this machine's CLI transcript files from
 * outliving their conversations. A resume from before the cut-off gets `reload: true` and loads the
 * conversation over HTTP instead. Several replicas may all run it: each delete is idempotent.
 */
export function startHousekeeping(store: Store, logger: Logger, options: HousekeepingOptions = {}): { stop(): void } {
  const keepEventsMs = options.keepEventsMs ?? 7 * 24 * 60 * 60 * 1000;
  const sessionGraceMs = options.sessionGraceMs ?? 24 * 60 * 60 * 1000;
  const run = async () => {
    try {
      const events = await store.events.pruneOlderThan(new Date(Date.now() - keepEventsMs));
      const sessions = await store.sessions.prune(sessionGraceMs);
      if (events > 0 || sessions > 0) logger.info({ events, sessions }, 'housekeeping: old replay events and ended sessions removed');
      if (options.dataDir !== undefined) await sweepLocalTranscripts(store, options.dataDir, logger);
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'housekeeping failed');
    }
  };
  if (options.dataDir !== undefined) void sweepLocalTranscripts(store, options.dataDir, logger).catch(() => undefined);
  const timer = setInterval(() => void run(), options.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
