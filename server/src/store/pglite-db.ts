import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, Row, SqlParam } from './db.ts';
import { lockDirectory, type DirectoryLock } from './directory-lock.ts';
import { makeOwnerOnly } from './data-dir.ts';
import { OwnerOnlyNodeFS } from './owner-only-fs.ts';
import { initdbInChild, isInitialized } from './pglite-initdb.ts';

export const PGLITE_MEMORY = 'memory://';

/**
 * PostgreSQL's default 128 MB of shared buffers is touched, and so kept, by a WASM instance that never gives
 * memory back. The chat store's working set is small and the OS caches its files, so 4 MB is enough
 * (measured: 346 MB → 169 MB RSS for PGlite on its own).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=4MB', '-c', 'wal_buffers=256kB'];

/**
 * PGlite: PostgreSQL compiled to WASM, in this process. The default store: nothing to install, data in
 * DATA_DIR. One process only (see directory-lock.ts); `memory://` keeps nothing, for tests.
 */
export async function openPglite(dir: string): Promise<Db> {
  let lock: DirectoryLock | undefined;
  let dataDir: string | undefined;
  if (dir !== PGLITE_MEMORY) {
    dataDir = resolve(dir);
    mkdirSync(dirname(dataDir), { recursive: true, mode: 0o700 });
    lock = lockDirectory(`${dataDir}.lock`);
  }
  let pglite: PGlite;
  try {
    if (dataDir && !isInitialized(dataDir)) {
      await initdbInChild(dataDir);
      // The child's PGlite set its files' modes itself (0666): closed before anything is stored in them.
      makeOwnerOnly(dataDir);
    }
    pglite = await PGlite.create({
      ...(dataDir === undefined ? { dataDir: PGLITE_MEMORY } : { fs: new OwnerOnlyNodeFS(dataDir) }),
      startParams: START_PARAMS,
      // PGlite already returns int8 as a number; said here so that both drivers are visibly alike.
      parsers: { [types.INT8]: (value: string) => Number(value) },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const run = async <T>(q: PGlite | Transaction, sql: string, params: readonly SqlParam[] = []): Promise<T[]> =>
    (await q.query<T>(sql, [...params])).rows;
  let closed = false;
  return {
    kind: 'pglite',
    query: <T = Row>(sql: string, params?: readonly SqlParam[]) => run<T>(pglite, sql, params),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      pglite.transaction((tx) => fn({ query: <R = Row>(sql: string, params?: readonly SqlParam[]) => run<R>(tx, sql, params) })),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
