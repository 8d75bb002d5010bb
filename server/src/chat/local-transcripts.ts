import type { Logger } from 'pino';
import { agentDirsOf, allUserConfigDirs, localSessions, removeSessionFiles, resumeConfigDirs } from '../agent/index.ts';
import type { Store } from '../store/index.ts';

/** A local transcript this recent may belong to a session whose id is not stored yet (its CLI just started). */
const YOUNG_MS = 10 * 60_000;

/**
 * Deletes the CLI's own copies of these sessions' transcripts on this machine: in the user's agent directory,
 * and in the private directories of CLI processes that resumed them.
 */
export function removeLocalTranscripts(dataDir: string, userId: string, sessionIds: readonly string[]): number {
  if (sessionIds.length === 0) return 0;
  let removed = 0;
  for (const configDir of [agentDirsOf(dataDir, userId).config, ...resumeConfigDirs()]) removed += removeSessionFiles(configDir, sessionIds);
  return removed;
}

/**
 * Deletes local transcripts that no conversation holds any more: those of conversations deleted while this
 * process was not running (another one deleted them, or this one crashed before it could). Run at start and by
 * housekeeping; cheap when there is nothing to delete.
 */
export async function sweepLocalTranscripts(store: Store, dataDir: string, logger: Logger): Promise<number> {
  let removed = 0;
  const now = Date.now();
  // Only this server's own folders: the temp dir's resume copies may be another server's, whose sessions this
  // store does not know (they are removed by id when deleted, and when their process ends).
  for (const configDir of allUserConfigDirs(dataDir)) {
    const old = localSessions(configDir).filter((session) => now - session.mtimeMs > YOUNG_MS);
    if (old.length === 0) continue;
    const known = await store.conversations.knownSdkSessions(old.map((session) => session.sessionId));
    removed += removeSessionFiles(
      configDir,
      old.filter((session) => !known.has(session.sessionId)).map((session) => session.sessionId),
    );
  }
  if (removed > 0) logger.info({ removed }, 'local transcripts of deleted conversations removed');
  return removed;
}
