import { splitIdentifierList, tableName } from './sql-identifier.ts';

/**
 * A plain pg_dump carries its data as `COPY table (columns) FROM stdin;` followed by one line per row in
 * PostgreSQL's COPY text format and a terminating `\.` line. The format escapes tabs, newlines and
 * backslashes inside values, so every row is exactly one line and fields split on raw tabs.
 */

export interface CopyHeader {
  readonly table: string;
  /** Null when the header lists no columns, meaning "all columns in table order". */
  readonly columns: readonly string[] | null;
}

const COPY_HEADER = /^COPY (.+?)(?: \((.*)\))? FROM stdin;$/;

/** The table and column list when `line` starts a COPY block, otherwise null. */
export function parseCopyHeader(line: string): CopyHeader | null {
  const match = COPY_HEADER.exec(line);
  if (!match) return null;
  const columns = match[2] === undefined ? null : splitIdentifierList(match[2]);
  return { table: tableName(match[1] as string), columns };
}

/** The line that ends a COPY block's data. */
export function isCopyEnd(line: string): boolean {
  return line === '\\.';
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const isOctal = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '7';
const isHex = (ch: string | undefined): boolean => ch !== undefined && /^[0-9a-fA-F]$/.test(ch);

/**
 * Undoes COPY text-format escaping in one field. Octal (`\101`) and hex (`\x41`) escapes stand for bytes,
 * not characters, so runs of them are collected and decoded as UTF-8 together: a multi-byte character may
 * be spelled as several byte escapes.
 */
export function unescapeCopyField(field: string): string {
  if (!field.includes('\\')) return field;
  let out = '';
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8');
      bytes = [];
    }
  };
  let i = 0;
  while (i < field.length) {
    const ch = field[i] as string;
    if (ch !== '\\' || i + 1 >= field.length) {
      flushBytes();
      out += ch;
      i += 1;
      continue;
    }
    const next = field[i + 1] as string;
    if (isOctal(next)) {
      let end = i + 2;
      while (end < i + 4 && isOctal(field[end])) end += 1;
      bytes.push(parseInt(field.slice(i + 1, end), 8) & 0xff);
      i = end;
    } else if (next === 'x' && isHex(field[i + 2])) {
      const end = isHex(field[i + 3]) ? i + 4 : i + 3;
      bytes.push(parseInt(field.slice(i + 2, end), 16));
      i = end;
    } else {
      flushBytes();
      // Any other escaped character stands for itself (`\\` → `\`), as PostgreSQL's COPY FROM reads it.
      out += SIMPLE_ESCAPES[next] ?? next;
      i += 2;
    }
  }
  flushBytes();
  return out;
}

/**
 * Splits one COPY data line into field values: `\N` (the whole field) is SQL NULL, everything else is
 * unescaped text. Escaped tabs are `\t`, never raw, so splitting on raw tabs before unescaping is safe.
 */
export function parseCopyRow(line: string): (string | null)[] {
  return line.split('\t').map((field) => (field === '\\N' ? null : unescapeCopyField(field)));
}
