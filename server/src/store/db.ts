/**
 * The one database interface the repositories use. PGlite and PostgreSQL both sit behind it, and both speak
 * the same SQL, so each query is written once.
 *
 * Parameters are plain values. JSON goes in as a string made by `json()` and is cast in the SQL (`$3::jsonb`):
 * node-postgres would turn a JS array into a PostgreSQL array, so objects are never passed as they are.
 * Results come back with `int8` as a JS number on both (node-postgres alone would give a string), timestamps
 * as `Date`, `json`/`jsonb` parsed.
 */
export type SqlParam = string | number | boolean | Date | null;

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

export type DbKind = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A value for a `json`/`jsonb` parameter. Strings are made storable first: a lone UTF-16 surrogate (half an
 * emoji, cut off) becomes U+FFFD, since JSON.stringify writes it as an escape PostgreSQL rejects; for `jsonb`,
 * so does NUL, which jsonb (like the text type) cannot hold. A whole message should not be lost to one bad
 * character.
 */
export function json(value: unknown, options: { forJsonb?: boolean } = {}): string {
  const fix = options.forJsonb ? (text: string) => stripNul(fixSurrogates(text)) : fixSurrogates;
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'string' ? fix(inner) : inner));
}

/** Text columns cannot hold NUL. (A lone surrogate in text needs nothing: the driver's UTF-8 encoding replaces it.) */
export function stripNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function fixSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
