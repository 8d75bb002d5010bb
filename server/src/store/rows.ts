import type { z } from 'zod';
import type { Queryable, SqlParam } from './db.ts';

/** Runs a query and checks each row against its schema: the row types come from the schemas, not from casts. */
export async function selectRows<S extends z.ZodType>(q: Queryable, schema: S, sql: string, params: readonly SqlParam[] = []): Promise<z.output<S>[]> {
  const rows = await q.query(sql, params);
  return rows.map((row) => schema.parse(row));
}

export async function selectOne<S extends z.ZodType>(q: Queryable, schema: S, sql: string, params: readonly SqlParam[] = []): Promise<z.output<S> | null> {
  const [row] = await selectRows(q, schema, sql, params);
  return row ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids from clients are checked before they reach a `uuid` column: PostgreSQL would answer a malformed one with
 * an error, where "not found" is the truth.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
