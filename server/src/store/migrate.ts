import { z } from 'zod';
import type { Db } from './db.ts';
import type { Migration } from './migrations/index.ts';
import { selectRows } from './rows.ts';
import { StoreError } from './store-error.ts';

/**
 * Any fixed number: the advisory lock that makes concurrent start-ups take turns. Advisory locks are
 * PostgreSQL's and PGlite has them too (one process, so there it never waits).
 */
const MIGRATION_LOCK_KEY = 4_733_201_917;

const AppliedSchema = z.object({ version: z.number().int(), name: z.string() });

export interface MigrateResult {
  /** Versions applied by this call, in order. */
  readonly applied: number[];
  /** Versions in the database that this code does not know: a newer server migrated it. */
  readonly unknown: number[];
}

/**
 * Brings the schema up to date in one transaction, holding an advisory lock for its length: two servers that
 * start at once against one PostgreSQL apply each migration once; the second waits, then finds nothing to do.
 * A failure applies nothing.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<MigrateResult> {
  checkOrder(migrations);
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = new Map(
        (await selectRows(tx, AppliedSchema, 'SELECT version, name FROM schema_migrations ORDER BY version')).map((row) => [row.version, row.name]),
      );
      const known = new Set(migrations.map((m) => m.version));
      const done: number[] = [];
      for (const migration of migrations) {
        const recorded = applied.get(migration.version);
        if (recorded !== undefined) {
          if (recorded !== migration.name) {
            throw new StoreError(
              'MIGRATION_FAILED',
              `Database migration ${migration.version} is recorded as "${recorded}" but this server calls it "${migration.name}": the database belongs to a different build.`,
            );
          }
          continue;
        }
        for (const statement of migration.statements) await tx.query(statement);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        done.push(migration.version);
      }
      return { applied: done, unknown: [...applied.keys()].filter((version) => !known.has(version)) };
    });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('MIGRATION_FAILED', `Database migration failed: ${(error as Error).message}`, { cause: error });
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new StoreError('MIGRATION_FAILED', `Migrations must be numbered 1, 2, 3, … in order; found ${migration.version} at position ${index + 1}.`);
    }
  });
}
