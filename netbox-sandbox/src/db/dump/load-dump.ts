import { basename } from 'node:path';
import type { Dataset, Row } from '../dataset.ts';
import { converterForType } from './convert-value.ts';
import type { ValueConverter } from './convert-value.ts';
import { DumpError } from './dump-error.ts';
import { isCopyEnd, parseCopyHeader, parseCopyRow } from './parse-copy-block.ts';
import { isCreateTableEnd, parseColumnDefinition, parseCreateTableStart } from './parse-create-table.ts';
import type { ColumnDefinition } from './parse-create-table.ts';
import { readDumpLines } from './read-dump-file.ts';

/**
 * Loads a plain-format `pg_dump` of a NetBox database (optionally gzipped) into the sandbox's Dataset, so
 * the sandbox can serve a real NetBox's data instead of generated data. Only `CREATE TABLE` (for column
 * types) and `COPY ... FROM stdin` (for rows) matter; every other statement is skipped, so no PostgreSQL
 * is needed. The file is read in one streaming pass, which works because pg_dump always writes a table's
 * definition before its data.
 */

interface CopyInProgress {
  readonly table: string;
  readonly columns: readonly string[];
  readonly converters: readonly ValueConverter[];
  readonly rows: Row[];
  readonly startLine: number;
}

/** Reads the dump at `path`; rejects with a DumpError (see its codes) when it cannot be used. */
export async function loadDump(path: string): Promise<Dataset> {
  const schemas = new Map<string, ColumnDefinition[]>();
  const tables = new Map<string, Row[]>();
  let creating: { table: string; columns: ColumnDefinition[] } | null = null;
  let copying: CopyInProgress | null = null;
  let copyBlocks = 0;
  let sawInsert = false;
  let lineNumber = 0;

  for await (const line of readDumpLines(path)) {
    lineNumber += 1;
    if (copying) {
      if (isCopyEnd(line)) copying = null;
      else copying.rows.push(buildRow(path, copying, line, lineNumber));
      continue;
    }
    if (creating) {
      if (isCreateTableEnd(line)) {
        schemas.set(creating.table, creating.columns);
        if (!tables.has(creating.table)) tables.set(creating.table, []);
        creating = null;
      } else {
        const column = parseColumnDefinition(line);
        if (column) creating.columns.push(column);
      }
      continue;
    }
    if (line.startsWith('CREATE ')) {
      const table = parseCreateTableStart(line);
      if (table !== null) creating = { table, columns: [] };
    } else if (line.startsWith('COPY ')) {
      const header = parseCopyHeader(line);
      if (header) {
        copying = startCopy(path, header.table, header.columns, schemas, tables, lineNumber);
        copyBlocks += 1;
      }
    } else if (line.startsWith('INSERT INTO ')) {
      sawInsert = true;
    }
  }

  if (copying) {
    throw new DumpError(
      'DUMP_MALFORMED',
      path,
      `Dump file ${path} ends inside the COPY block for table ${copying.table} that starts at line ` +
        `${copying.startLine}: no terminating "\\." line (is the file truncated?)`,
    );
  }
  if (copyBlocks === 0) {
    const hint = sawInsert
      ? 'it stores rows as INSERT statements; re-dump without --inserts/--column-inserts'
      : 'expected a plain-format pg_dump of a NetBox database (pg_dump -Fp, with data)';
    const message = `Dump file ${path} contains no "COPY ... FROM stdin;" data blocks: ${hint}`;
    throw new DumpError('DUMP_EMPTY', path, message);
  }

  for (const [table, rows] of tables) {
    const columns = schemas.get(table);
    if (columns?.some((column) => column.name === 'id')) sortById(rows);
  }
  return { tables: Object.fromEntries(tables), source: basename(path) };
}

function startCopy(
  path: string,
  table: string,
  listed: readonly string[] | null,
  schemas: ReadonlyMap<string, ColumnDefinition[]>,
  tables: Map<string, Row[]>,
  lineNumber: number,
): CopyInProgress {
  const schema = schemas.get(table);
  if (!schema) {
    throw new DumpError(
      'DUMP_SCHEMA_MISSING',
      path,
      `Dump file ${path} line ${lineNumber}: COPY into table ${table}, but no CREATE TABLE for it comes ` +
        `before; the loader needs column types, so use a dump with schema and data (not --data-only)`,
    );
  }
  const columns = listed ?? schema.map((column) => column.name);
  const converters = columns.map((name) => {
    const column = schema.find((candidate) => candidate.name === name);
    if (!column) {
      throw new DumpError(
        'DUMP_SCHEMA_MISSING',
        path,
        `Dump file ${path} line ${lineNumber}: COPY into ${table} names column ${name}, ` +
          `which its CREATE TABLE does not define`,
      );
    }
    return converterForType(column.type);
  });
  let rows = tables.get(table);
  if (!rows) {
    rows = [];
    tables.set(table, rows);
  }
  return { table, columns, converters, rows, startLine: lineNumber };
}

function buildRow(path: string, copy: CopyInProgress, line: string, lineNumber: number): Row {
  const fields = parseCopyRow(line);
  if (fields.length !== copy.columns.length) {
    throw new DumpError(
      'DUMP_MALFORMED',
      path,
      `Dump file ${path} line ${lineNumber}: table ${copy.table} has ${copy.columns.length} columns ` +
        `but the row has ${fields.length} tab-separated fields`,
    );
  }
  const row: Row = {};
  for (let i = 0; i < fields.length; i += 1) {
    const text = fields[i] as string | null;
    const column = copy.columns[i] as string;
    if (text === null) {
      row[column] = null;
      continue;
    }
    try {
      row[column] = (copy.converters[i] as ValueConverter)(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DumpError(
        'DUMP_MALFORMED',
        path,
        `Dump file ${path} line ${lineNumber}: bad value for ${copy.table}.${column}: ${reason}`,
        { cause: error },
      );
    }
  }
  return row;
}

// pg_dump writes rows in physical order, which after updates is not id order; the Dataset promises id order.
function sortById(rows: Row[]): void {
  const compare = rows.every((row) => typeof row['id'] === 'number') ? compareNumericIds : compareOtherIds;
  for (let i = 1; i < rows.length; i += 1) {
    if (compare(rows[i - 1] as Row, rows[i] as Row) > 0) {
      rows.sort(compare);
      return;
    }
  }
}

const compareNumericIds = (a: Row, b: Row): number => (a['id'] as number) - (b['id'] as number);

// uuid ids (e.g. extras_cachedvalue) sort as text, as PostgreSQL sorts them; null ids go last.
function compareOtherIds(a: Row, b: Row): number {
  const x = a['id'];
  const y = b['id'];
  if (x === y) return 0;
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}
