import type { SessionKey, SessionStore, SessionStoreEntry } from '@anthropic-ai/claude-agent-sdk';

/**
 * A SessionStore that keeps transcripts in memory, keyed by session id (and subpath) only. The SDK's
 * `projectKey` comes from the working directory, which differs between data dirs, so a store that another
 * replica can resume from must not key on it. The real store does the same in PGlite/PostgreSQL.
 */
export class MemorySessionStore implements SessionStore {
  readonly entries = new Map<string, SessionStoreEntry[]>();
  appends = 0;
  loads = 0;

  async append(key: SessionKey, entries: SessionStoreEntry[]): Promise<void> {
    this.appends++;
    const id = storeKey(key);
    const list = this.entries.get(id) ?? [];
    for (const entry of entries) {
      if (entry.uuid !== undefined && list.some((e) => e.uuid === entry.uuid)) continue;
      list.push(structuredClone(entry));
    }
    this.entries.set(id, list);
  }

  async load(key: SessionKey): Promise<SessionStoreEntry[] | null> {
    this.loads++;
    const list = this.entries.get(storeKey(key));
    return list ? structuredClone(list) : null;
  }

  async listSubkeys(key: { projectKey: string; sessionId: string }): Promise<string[]> {
    const prefix = `${key.sessionId}/`;
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }
}

function storeKey(key: SessionKey): string {
  return key.subpath ? `${key.sessionId}/${key.subpath}` : key.sessionId;
}
