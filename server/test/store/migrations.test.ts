import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStoreError, migrate, MIGRATIONS, openPglite, openPostgres, openStore, type Db, type Migration } from '../../src/store/index.ts';
import { BACKENDS, useBackends } from './store-backends.ts';

const backends = useBackends();
const scratch = mkdtempSync(join(tmpdir(), 'store-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The versions this code knows, and the number a migration added after them would get. */
const KNOWN = MIGRATIONS.map((migration) => migration.version);
const NEXT = KNOWN.length + 1;
const slow: Migration = { version: NEXT, name: 'slow', statements: ['SELECT pg_sleep(0.3)', 'CREATE TABLE slow_marker (id integer PRIMARY KEY)'] };
const broken: Migration = { version: NEXT, name: 'broken', statements: ['CREATE TABLE half_done (id integer)', 'SELECT no_such_function()'] };

async function openEmpty(backend: 'pglite' | 'postgres'): Promise<Db> {
  return backend === 'pglite' ? openPglite('memory://') : openPostgres(await backends.postgresUrl());
}

async function versions(db: Db): Promise<number[]> {
  return (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map((row) => row.version);
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  return (await db.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [name]))[0]?.found !== null;
}

describe.each(BACKENDS)('migrations on %s', (backend) => {
  it('apply once; running them again changes nothing', async () => {
    const db = await openEmpty(backend);
    try {
      expect(await migrate(db, MIGRATIONS)).toEqual({ applied: KNOWN, unknown: [] });
      expect(await migrate(db, MIGRATIONS)).toEqual({ applied: [], unknown: [] });
      expect(await versions(db)).toEqual(KNOWN);
      for (const table of ['users', 'netbox_credentials', 'sessions', 'conversations', 'messages', 'chat_events', 'sdk_transcripts', 'sdk_sessions', 'turn_leases', 'conversation_sdk_sessions']) {
        expect(await tableExists(db, table)).toBe(true);
      }
    } finally {
      await db.close();
    }
  });

  it('a failing migration applies nothing at all', async () => {
    const db = await openEmpty(backend);
    try {
      await expect(migrate(db, [...MIGRATIONS, broken])).rejects.toSatisfy((error) => isStoreError(error, 'MIGRATION_FAILED'));
      expect(await tableExists(db, 'half_done')).toBe(false);
      expect(await tableExists(db, 'users')).toBe(false);
      expect(await migrate(db, MIGRATIONS)).toEqual({ applied: KNOWN, unknown: [] });
    } finally {
      await db.close();
    }
  });

  it('refuses a database whose recorded migration has another name, and reports newer ones', async () => {
    const db = await openEmpty(backend);
    try {
      await migrate(db, [...MIGRATIONS, slow]);
      expect(await migrate(db, MIGRATIONS)).toEqual({ applied: [], unknown: [NEXT] });
      await expect(migrate(db, [...MIGRATIONS, { ...slow, name: 'renamed' }])).rejects.toThrow(/recorded as "slow"/);
      await expect(migrate(db, [slow])).rejects.toThrow(/numbered 1, 2, 3/);
    } finally {
      await db.close();
    }
  });
});

describe('migrations on PostgreSQL with several servers starting at once', () => {
  it('apply each migration exactly once; the others wait and find nothing to do', async () => {
    const url = await backends.postgresUrl();
    const dbs = Array.from({ length: 4 }, () => openPostgres(url));
    try {
      const results = await Promise.all(dbs.map((db) => migrate(db, [...MIGRATIONS, slow])));
      expect(results.filter((r) => r.applied.length > 0)).toEqual([{ applied: [...KNOWN, NEXT], unknown: [] }]);
      expect(results.filter((r) => r.applied.length === 0)).toHaveLength(3);
      expect(await versions(dbs[0]!)).toEqual([...KNOWN, NEXT]);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });

  it('openStore twice at once on an empty database', async () => {
    const url = await backends.postgresUrl();
    const stores = await Promise.all([openStore({ database: { kind: 'postgres', url } }), openStore({ database: { kind: 'postgres', url } })]);
    try {
      expect(await versions(stores[0].db)).toEqual(KNOWN);
      const user = await stores[0].users.upsert({ netboxUrl: 'https://n', username: 'x' });
      expect((await stores[1].users.get(user.id))?.username).toBe('x');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});

describe('opening the store', () => {
  it('says the database does not answer, without the password', async () => {
    const port = backends.cluster.port;
    // A port nothing listens on: the cluster's port plus one is free unless something else took it.
    const url = `postgres://chatbox:hunter2-secret@127.0.0.1:${port + 1}/chatbox`;
    const error = await openStore({ database: { kind: 'postgres', url } }).catch((thrown: unknown) => thrown);
    expect(isStoreError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toContain(`postgres://127.0.0.1:${port + 1}/chatbox`);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('keeps PGlite data in its directory across restarts', async () => {
    const dir = join(scratch, 'persist', 'pglite');
    const first = await openStore({ database: { kind: 'pglite', dir } });
    const user = await first.users.upsert({ netboxUrl: 'https://n', username: 'kept' });
    await first.close();
    const second = await openStore({ database: { kind: 'pglite', dir } });
    try {
      expect((await second.users.get(user.id))?.username).toBe('kept');
    } finally {
      await second.close();
    }
  });

  it('refuses a PGlite directory another server holds, and frees it on close', async () => {
    const dir = join(scratch, 'locked', 'pglite');
    const first = await openStore({ database: { kind: 'pglite', dir } });
    const error = await openStore({ database: { kind: 'pglite', dir } }).catch((thrown: unknown) => thrown);
    expect(isStoreError(error, 'STORE_LOCKED')).toBe(true);
    expect((error as Error).message).toMatch(/in use by another server process \(pid \d+/);
    await first.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('creates a new PGlite database in a child process, and runs it with small shared buffers', async () => {
    const dir = join(scratch, 'fresh', 'pglite');
    const before = new Set(childPids());
    const store = await openStore({ database: { kind: 'pglite', dir } });
    try {
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
      const db = store.db;
      expect((await db.query<{ shared_buffers: string }>('show shared_buffers'))[0]?.shared_buffers).toBe('4MB');
      // The child that ran initdb is gone: nothing of it is left beside the server.
      expect(childPids().filter((pid) => !before.has(pid))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('says why when PGlite cannot create its database, and leaves no lock behind', async () => {
    // A file where its folder should be: PostgreSQL's initdb fails in the child.
    const dir = join(scratch, 'a-file');
    writeFileSync(dir, 'x');
    const error = await openStore({ database: { kind: 'pglite', dir } }).catch((thrown: unknown) => thrown);
    expect(isStoreError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toContain(`PGlite could not create its database in ${dir}`);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});

/** This process's children, read from /proc (a `ps` would list itself). */
function childPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === process.pid) pids.push(Number(entry));
  }
  return pids;
}

