import pg from 'pg';
import type { Logger } from 'pino';
import { asStoreError } from './connection-failure.ts';
import type { Db, Queryable, Row, SqlParam } from './db.ts';

const INT8_OID = 20;

export interface PostgresOptions {
  /** Connections in the pool. */
  readonly max?: number;
  /** How long to wait for a connection before failing, so /ready and start-up never hang. */
  readonly connectTimeoutMs?: number;
  readonly logger?: Logger;
}

/**
 * PostgreSQL through a node-postgres pool: for DATABASE_URL, and for more than one server process on one
 * database. int8 is parsed to a number as PGlite does; the store's int8 values (seq, ms timestamps, NetBox ids)
 * stay far below 2^53.
 */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server went away emits here; without a listener the process would exit.
  pool.on('error', (error) => options.logger?.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'PostgreSQL connection lost'));
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlParam[] = []): Promise<T[]> => {
    try {
      return (await client.query(sql, [...params])).rows as T[];
    } catch (error) {
      throw asStoreError(error);
    }
  };
  let closed = false;
  return {
    kind: 'postgres',
    query: <T = Row>(sql: string, params?: readonly SqlParam[]) => run<T>(pool, sql, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch((error: unknown) => {
        throw asStoreError(error);
      });
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn({ query: <R = Row>(sql: string, params?: readonly SqlParam[]) => run<R>(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable; the pool must not hand it out again.
          broken = rollbackError as Error;
        }
        throw asStoreError(error);
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
