import { foldSessionSummary, type SessionKey, type SessionStore, type SessionStoreEntry, type SessionSummaryEntry } from '@anthropic-ai/claude-agent-sdk';
import { z } from 'zod';
import { json, stripNul, type Db } from './db.ts';
import { selectOne, selectRows } from './rows.ts';
import { isStoreError } from './store-error.ts';

/**
 * The Agent SDK's SessionStore over the `sdk_transcripts` table: the CLI's transcript lines are mirrored here
 * as they are written, and `resume` loads them back, so a conversation's model context survives a restart and
 * moves to another replica.
 *
 * Keyed by session id, not by projectKey. The SDK derives projectKey from the CLI's working directory, so the
 * same session resumed from another directory (another replica, a new temporary directory) asks for another
 * projectKey and would find nothing. Session ids are UUIDs, unique on their own; projectKey is kept as the
 * latest seen, for listSessions() and listSessionSummaries().
 *
 * Entries are stored as `json` text and come back deep-equal (the SDK requires no more). An entry's `uuid` is
 * its idempotency key: a retried batch adds nothing twice; entries without one are always appended. The main
 * transcript's summary is folded in the append's transaction under a row lock, as the interface asks of
 * stores that keep one.
 */
const EntryRowSchema = z.object({ entry: z.looseObject({ type: z.string() }) });
const SessionRowSchema = z.object({
  sessionId: z.string(),
  projectKey: z.string(),
  mtime: z.number().int(),
  summary: z.record(z.string(), z.unknown()).nullable(),
});

/** The main transcript has no subpath; '' stands for it in the table (the SDK never uses '' itself). */
function subpathOf(key: { subpath?: string }): string {
  return key.subpath ?? '';
}

/**
 * The batch as one parameter: `[[uuid, entry as JSON text], …]`, one round trip for the whole batch. Each entry
 * travels as a string inside the array, and is cast to json only as a whole: PostgreSQL's JSON functions refuse
 * to unescape a \u0000 (which a tool result can hold), and this way nothing inside an entry is ever unescaped.
 */
function batchParam(entries: readonly SessionStoreEntry[]): string {
  return JSON.stringify(entries.map((entry) => [typeof entry.uuid === 'string' ? stripNul(entry.uuid) : null, json(entry)]));
}

/**
 * The SDK gives up on a batch after three quick tries (or one 60 s timeout) and drops it, which would leave a
 * hole in the transcript another process resumes from. While the database is briefly away, the batch waits
 * here instead, up to this long, well inside the SDK's timeout.
 */
const OUTAGE_PATIENCE_MS = 40_000;

async function whileAvailable<T>(run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + OUTAGE_PATIENCE_MS;
  for (let waitMs = 200; ; waitMs = Math.min(2_000, waitMs * 2)) {
    try {
      return await run();
    } catch (error) {
      if (!isStoreError(error, 'STORE_UNAVAILABLE') || Date.now() + waitMs > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** One batch in one transaction: the entries (a retried batch adds nothing twice) and the folded summary. */
async function appendBatch(db: Db, key: SessionKey, entries: SessionStoreEntry[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sdk_transcripts (session_id, subpath, project_key, uuid, entry)
       SELECT $1, $2, $3, pair ->> 0, (pair ->> 1)::json
       FROM json_array_elements($4::json) WITH ORDINALITY AS t (pair, n)
       ORDER BY n
       ON CONFLICT (session_id, subpath, uuid) WHERE uuid IS NOT NULL DO NOTHING`,
      [key.sessionId, subpathOf(key), key.projectKey, batchParam(entries)],
    );
    if (key.subpath !== undefined) return;
    await tx.query(`INSERT INTO sdk_sessions (session_id, project_key, mtime) VALUES ($1, $2, 0) ON CONFLICT (session_id) DO NOTHING`, [
      key.sessionId,
      key.projectKey,
    ]);
    const row = await selectOne(
      tx,
      SessionRowSchema,
      `SELECT session_id AS "sessionId", project_key AS "projectKey", mtime, summary FROM sdk_sessions WHERE session_id = $1 FOR UPDATE`,
      [key.sessionId],
    );
    if (!row) throw new Error('sdk_sessions row vanished inside its own transaction');
    // A storage write time, never older than the last one (clocks of two replicas can disagree a little).
    const mtime = Math.max(Date.now(), row.mtime + 1);
    const previous: SessionSummaryEntry | undefined = row.summary ? { sessionId: row.sessionId, mtime: row.mtime, data: row.summary } : undefined;
    const summary = foldSessionSummary(previous, key, entries, { mtime });
    await tx.query(`UPDATE sdk_sessions SET project_key = $2, mtime = $3, summary = $4::json WHERE session_id = $1`, [
      key.sessionId,
      key.projectKey,
      mtime,
      json(summary.data),
    ]);
  });
}

export function createSdkSessionStore(db: Db): SessionStore {
  return {
    async append(key: SessionKey, entries: SessionStoreEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await whileAvailable(() => appendBatch(db, key, entries));
    },

    async load(key: SessionKey): Promise<SessionStoreEntry[] | null> {
      const rows = await whileAvailable(() =>
        selectRows(db, EntryRowSchema, `SELECT entry FROM sdk_transcripts WHERE session_id = $1 AND subpath = $2 ORDER BY id`, [key.sessionId, subpathOf(key)]),
      );
      return rows.length === 0 ? null : rows.map((row) => row.entry);
    },

    async listSessions(projectKey: string): Promise<Array<{ sessionId: string; mtime: number }>> {
      return selectRows(
        db,
        z.object({ sessionId: z.string(), mtime: z.number().int() }),
        `SELECT session_id AS "sessionId", mtime FROM sdk_sessions WHERE project_key = $1`,
        [projectKey],
      );
    },

    async listSessionSummaries(projectKey: string): Promise<SessionSummaryEntry[]> {
      const rows = await selectRows(
        db,
        SessionRowSchema,
        `SELECT session_id AS "sessionId", project_key AS "projectKey", mtime, summary FROM sdk_sessions WHERE project_key = $1 AND summary IS NOT NULL`,
        [projectKey],
      );
      return rows.flatMap((row) => (row.summary ? [{ sessionId: row.sessionId, mtime: row.mtime, data: row.summary }] : []));
    },

    /** The main transcript's key deletes the whole session, subagent transcripts included. */
    async delete(key: SessionKey): Promise<void> {
      if (key.subpath !== undefined) {
        await db.query('DELETE FROM sdk_transcripts WHERE session_id = $1 AND subpath = $2', [key.sessionId, key.subpath]);
        return;
      }
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM sdk_transcripts WHERE session_id = $1', [key.sessionId]);
        await tx.query('DELETE FROM sdk_sessions WHERE session_id = $1', [key.sessionId]);
      });
    },

    async listSubkeys(key: { projectKey: string; sessionId: string }): Promise<string[]> {
      const rows = await selectRows(
        db,
        z.object({ subpath: z.string() }),
        `SELECT DISTINCT subpath FROM sdk_transcripts WHERE session_id = $1 AND subpath <> '' ORDER BY subpath`,
        [key.sessionId],
      );
      return rows.map((row) => row.subpath);
    },
  };
}
