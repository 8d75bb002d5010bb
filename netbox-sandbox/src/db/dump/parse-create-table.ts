import { tableName, unquoteIdentifier } from './sql-identifier.ts';

/**
 * COPY data is untyped text; the column types that say whether `1` is a number or a string live only in the
 * `CREATE TABLE` statements earlier in the dump. pg_dump writes each of those as one header line, one line
 * per column or constraint, and a closing `);`, so they can be read line by line without an SQL parser.
 */

export interface ColumnDefinition {
  readonly name: string;
  /** The type as PostgreSQL spells it in the dump, e.g. `character varying(100)[]`, `timestamp with time zone`. */
  readonly type: string;
}

const CREATE_TABLE = /^CREATE (?:UNLOGGED |TEMPORARY |TEMP )?TABLE (?:IF NOT EXISTS )?(.+?) \($/;

/** The table name when `line` opens a `CREATE TABLE` statement, otherwise null. */
export function parseCreateTableStart(line: string): string | null {
  const match = CREATE_TABLE.exec(line);
  return match ? tableName(match[1] as string) : null;
}

/** pg_dump closes the column list with `);`, or `)` followed by clauses such as `PARTITION BY` or `INHERITS`. */
export function isCreateTableEnd(line: string): boolean {
  return line.startsWith(')');
}

// Table constraints share the column list's syntax but describe no column.
const TABLE_CONSTRAINT = /^(?:CONSTRAINT|PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY|EXCLUDE|LIKE)\b/i;
const COLUMN = /^\s*("(?:[^"]|"")+"|\S+)\s+(.+?),?\s*$/;
// The type ends where the first column option begins; no PostgreSQL type name contains these words.
const COLUMN_OPTION = new RegExp(
  String.raw`\s+(?:COLLATE|NOT\s+NULL|NULL|DEFAULT|GENERATED|CONSTRAINT|REFERENCES|CHECK|PRIMARY\s+KEY|UNIQUE|` +
    String.raw`STORAGE|COMPRESSION)\b`,
  'i',
);

/** The column a line inside a `CREATE TABLE` describes, or null for table constraints and blank lines. */
export function parseColumnDefinition(line: string): ColumnDefinition | null {
  const trimmed = line.trim();
  if (trimmed === '' || TABLE_CONSTRAINT.test(trimmed)) return null;
  const match = COLUMN.exec(trimmed);
  if (!match) return null;
  const rest = match[2] as string;
  const option = COLUMN_OPTION.exec(rest);
  const type = (option ? rest.slice(0, option.index) : rest).trim();
  return { name: unquoteIdentifier(match[1] as string), type };
}
