/**
 * Every way a dump can fail to load has its own code, so the CLI and tests can tell "wrong path" from
 * "this is not a plain pg_dump" without matching message text. Messages always name the file, because the
 * sandbox is usually started from a script and the path is the first thing a user needs to check.
 */
export type DumpErrorCode =
  /** The file cannot be opened, read or gunzipped, or is a pg_dump archive format rather than plain SQL. */
  | 'DUMP_UNREADABLE'
  /** The file reads fine but holds no `COPY ... FROM stdin;` blocks (e.g. `--inserts` or schema-only). */
  | 'DUMP_EMPTY'
  /** A `COPY` block or value does not follow PostgreSQL's text format. */
  | 'DUMP_MALFORMED'
  /** `COPY` data for a table or column that no `CREATE TABLE` in the file describes (a `--data-only` dump). */
  | 'DUMP_SCHEMA_MISSING';

export class DumpError extends Error {
  readonly code: DumpErrorCode;
  readonly path: string;

  constructor(code: DumpErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DumpError';
    this.code = code;
    this.path = path;
  }
}
