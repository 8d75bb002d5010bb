import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Row } from '../src/db/dataset.ts';
import { toUtcTimestamp } from '../src/db/dump/convert-timestamp.ts';
import { converterForType } from '../src/db/dump/convert-value.ts';
import { DumpError } from '../src/db/dump/dump-error.ts';
import { loadDump } from '../src/db/dump/load-dump.ts';
import { parseCopyHeader, parseCopyRow, unescapeCopyField } from '../src/db/dump/parse-copy-block.ts';
import { parseColumnDefinition, parseCreateTableStart } from '../src/db/dump/parse-create-table.ts';
import { parsePgArray } from '../src/db/dump/parse-pg-array.ts';

const demoDir = fileURLToPath(new URL('../../../shared/netbox/demo-data/', import.meta.url));
const demoDump = join(demoDir, 'netbox-demo-v4.2.sql.gz');
const demoTables = join(demoDir, 'netbox-demo-v4.2.tables.json.gz');
const demoCounts = join(demoDir, 'netbox-demo-v4.2.counts.json');
const haveDemo = existsSync(demoDump) && existsSync(demoTables) && existsSync(demoCounts);
// The JSON oracle leaves these two out (session tokens and a rebuildable search cache).
const NOT_IN_ORACLE = new Set(['django_session', 'extras_cachedvalue']);

interface OracleTable {
  columns: { name: string; type: string }[];
  rows: Row[];
}

describe('loadDump against NetBox demo data', () => {
  let dataset: Dataset;
  let oracle: Record<string, OracleTable>;

  beforeAll(async () => {
    if (!haveDemo) return;
    dataset = await loadDump(demoDump);
    const json = gunzipSync(readFileSync(demoTables)).toString('utf8');
    oracle = (JSON.parse(json) as { tables: Record<string, OracleTable> }).tables;
  });

  it.skipIf(!haveDemo)('finds every table of the oracle, and no others', () => {
    const loaded = Object.keys(dataset.tables).filter((table) => !NOT_IN_ORACLE.has(table));
    expect(loaded.sort()).toEqual(Object.keys(oracle).sort());
    expect(dataset.source).toBe('netbox-demo-v4.2.sql.gz');
  });

  it.skipIf(!haveDemo)('matches the oracle row for row, value for value', () => {
    for (const [table, { columns, rows }] of Object.entries(oracle)) {
      // The oracle keeps pg_dump's physical row order; the Dataset promises id order.
      const expected = columns.some((column) => column.name === 'id')
        ? [...rows].sort((a, b) => (a['id'] as number) - (b['id'] as number))
        : rows;
      const actual = dataset.tables[table];
      expect(actual, table).toStrictEqual(expected);
      if (actual?.[0]) expect(Object.keys(actual[0]), `${table} key order`).toEqual(columns.map((c) => c.name));
    }
  });

  it.skipIf(!haveDemo)('has the row counts of counts.json for all tables, the two left out of the oracle too', () => {
    const counts = JSON.parse(readFileSync(demoCounts, 'utf8')) as {
      total_rows: number;
      tables: Record<string, { rows: number }>;
    };
    const actual = Object.fromEntries(Object.entries(dataset.tables).map(([table, rows]) => [table, rows.length]));
    const expected = Object.fromEntries(Object.entries(counts.tables).map(([table, { rows }]) => [table, rows]));
    expect(actual).toEqual(expected);
    expect(Object.values(actual).reduce((sum, n) => sum + n, 0)).toBe(counts.total_rows);
  });

  it.skipIf(!haveDemo)('orders rows by id and keeps empty tables', () => {
    for (const [table, rows] of Object.entries(dataset.tables)) {
      if (rows[0] && 'id' in rows[0]) {
        const ids = rows.map((row) => row['id'] as number);
        expect(ids, table).toEqual([...ids].sort((a, b) => a - b));
      }
    }
    expect(dataset.tables['auth_group']).toEqual([]);
  });
});

describe('COPY text format', () => {
  it('splits on raw tabs and reads \\N as NULL only when it is the whole field', () => {
    expect(parseCopyRow('1\t\\N\t\tx\\Ny\t\\\\N')).toEqual(['1', null, '', 'xNy', '\\N']);
  });

  it('undoes backslash escapes', () => {
    expect(unescapeCopyField('a\\tb\\nc\\rd\\\\e')).toBe('a\tb\nc\rd\\e');
    expect(unescapeCopyField('\\b\\f\\v')).toBe('\b\f\v');
    expect(unescapeCopyField('^[A-Z]{3}\\\\d{2}$')).toBe('^[A-Z]{3}\\d{2}$');
    // Any other escaped character stands for itself.
    expect(unescapeCopyField('\\q\\.')).toBe('q.');
  });

  it('decodes octal and hex escapes as UTF-8 bytes', () => {
    expect(unescapeCopyField('\\101\\x42\\x4')).toBe('AB\x04');
    expect(unescapeCopyField('caf\\303\\251')).toBe('café');
    expect(unescapeCopyField('\\xc3\\xa9t\\xc3\\xa9')).toBe('été');
    expect(unescapeCopyField('\\0')).toBe('\0');
  });

  it('reads the COPY header, unquoting column names', () => {
    expect(parseCopyHeader('COPY public.extras_cachedvalue (id, "timestamp", object_id) FROM stdin;')).toEqual({
      table: 'extras_cachedvalue',
      columns: ['id', 'timestamp', 'object_id'],
    });
    expect(parseCopyHeader('COPY other.t (a) FROM stdin;')?.table).toBe('other.t');
    expect(parseCopyHeader('COPY public.t FROM stdin;')).toEqual({ table: 't', columns: null });
    expect(parseCopyHeader('SELECT 1;')).toBeNull();
  });
});

describe('CREATE TABLE columns', () => {
  it('reads name and type and skips table constraints', () => {
    expect(parseCreateTableStart('CREATE TABLE public.dcim_device (')).toBe('dcim_device');
    expect(parseCreateTableStart('CREATE INDEX foo ON public.t USING btree (a);')).toBeNull();
    expect(parseColumnDefinition('    "position" numeric(4,1),')).toEqual({ name: 'position', type: 'numeric(4,1)' });
    expect(parseColumnDefinition('    name character varying(64) NOT NULL COLLATE public.natural_sort,')).toEqual({
      name: 'name',
      type: 'character varying(64)',
    });
    expect(parseColumnDefinition('    created timestamp with time zone')).toEqual({
      name: 'created',
      type: 'timestamp with time zone',
    });
    expect(parseColumnDefinition('    _nodes character varying(40)[] NOT NULL,')).toEqual({
      name: '_nodes',
      type: 'character varying(40)[]',
    });
    expect(parseColumnDefinition('    CONSTRAINT t_mtu_check CHECK ((mtu >= 0))')).toBeNull();
  });
});

describe('PostgreSQL arrays', () => {
  it('parses the array output format', () => {
    expect(parsePgArray('{}')).toEqual([]);
    expect(parsePgArray('{a,b}')).toEqual(['a', 'b']);
    expect(parsePgArray('{"a b","c,d","e\\"f","g\\\\h","{x}"}')).toEqual(['a b', 'c,d', 'e"f', 'g\\h', '{x}']);
    expect(parsePgArray('{NULL,"NULL",null}')).toEqual([null, 'NULL', null]);
    expect(parsePgArray('{{1,2},{3,4}}')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parsePgArray('[0:1]={7,8}')).toEqual(['7', '8']);
  });

  it('rejects malformed literals', () => {
    expect(() => parsePgArray('{a,b')).toThrow(SyntaxError);
    expect(() => parsePgArray('{"a}')).toThrow(SyntaxError);
    expect(() => parsePgArray('{a}b')).toThrow(SyntaxError);
    expect(() => parsePgArray('a,b')).toThrow(SyntaxError);
  });

  it('converts elements by the element type', () => {
    expect(converterForType('smallint[]')('{1,2,NULL}')).toEqual([1, 2, null]);
    expect(converterForType('integer[]')('{{1,2},{3,4}}')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(converterForType('cidr[]')('{10.0.0.0/8,2001:db8::/32}')).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    expect(converterForType('character varying(40)[]')('{39:1,26:7}')).toEqual(['39:1', '26:7']);
    expect(converterForType('int4range[]')('{"[1,4095)"}')).toEqual(['[1,4095)']);
    expect(converterForType('boolean[]')('{t,f}')).toEqual([true, false]);
    expect(converterForType('timestamp with time zone[]')('{"2021-01-01 00:00:00-05"}')).toEqual([
      '2021-01-01T05:00:00Z',
    ]);
  });
});

describe('scalar conversion', () => {
  it('converts by column type', () => {
    expect(converterForType('bigint')('42')).toBe(42);
    expect(converterForType('numeric(8,6)')('-41.081400')).toBe(-41.0814);
    expect(converterForType('numeric(4,1)')('4.0')).toBe(4);
    expect(converterForType('boolean')('t')).toBe(true);
    expect(converterForType('boolean')('f')).toBe(false);
    expect(converterForType('jsonb')('{"a": [1, "x\\ny"]}')).toEqual({ a: [1, 'x\ny'] });
    for (const [type, text] of [
      ['date', '2021-03-09'],
      ['inet', '10.0.0.1/24'],
      ['uuid', '0b9b1c56-8f3a-4a2e-9f55-3a4c1e5d2b77'],
      ['macaddr', '00:11:22:33:44:55'],
      ['text', '007'],
      ['character varying(50)', 'true'],
    ] as const) {
      expect(converterForType(type)(text), type).toBe(text);
    }
  });

  it('rejects text that does not fit the type', () => {
    expect(() => converterForType('integer')('1.5')).toThrow(SyntaxError);
    expect(() => converterForType('numeric')('abc')).toThrow(SyntaxError);
    expect(() => converterForType('boolean')('yes')).toThrow(SyntaxError);
    expect(() => converterForType('jsonb')('{')).toThrow(SyntaxError);
  });
});

describe('timestamp with time zone', () => {
  it('rewrites to UTC with microseconds only when non-zero', () => {
    expect(toUtcTimestamp('2020-12-20 00:00:00+00')).toBe('2020-12-20T00:00:00Z');
    expect(toUtcTimestamp('2020-12-19 21:51:03.257-05')).toBe('2020-12-20T02:51:03.257000Z');
    expect(toUtcTimestamp('2021-09-08 20:00:00-04')).toBe('2021-09-09T00:00:00Z');
    expect(toUtcTimestamp('2021-01-01 05:30:00.000001+05:30')).toBe('2021-01-01T00:00:00.000001Z');
    expect(toUtcTimestamp('2021-12-31 23:59:59.5-01')).toBe('2022-01-01T00:59:59.500000Z');
    expect(toUtcTimestamp('2024-03-01 00:00:00+01')).toBe('2024-02-29T23:00:00Z');
    expect(toUtcTimestamp('1890-01-01 00:00:00-00:17:30')).toBe('1890-01-01T00:17:30Z');
  });

  it('leaves values it cannot express in UTC form unchanged', () => {
    expect(toUtcTimestamp('infinity')).toBe('infinity');
    expect(toUtcTimestamp('0044-03-15 12:00:00+00 BC')).toBe('0044-03-15 12:00:00+00 BC');
    // Shifting to UTC would land in year 0, which the API's (Python's) datetime cannot express.
    expect(toUtcTimestamp('0001-01-01 00:30:00+01')).toBe('0001-01-01 00:30:00+01');
    expect(toUtcTimestamp('0099-03-01 00:30:00+01')).toBe('0099-02-28T23:30:00Z');
  });
});

describe('loadDump on small dumps', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'load-dump-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const SQL = [
    '--',
    '-- PostgreSQL database dump',
    '--',
    "SET client_encoding = 'UTF8';",
    '',
    'CREATE TABLE public.dcim_site (',
    '    created timestamp with time zone,',
    '    custom_field_data jsonb NOT NULL,',
    '    id bigint NOT NULL,',
    '    name character varying(100) NOT NULL COLLATE public.natural_sort,',
    '    "position" numeric(4,1),',
    '    is_active boolean NOT NULL,',
    '    asns integer[],',
    '    comments text NOT NULL,',
    '    CONSTRAINT dcim_site_id_check CHECK ((id >= 0))',
    ');',
    '',
    'CREATE TABLE public.dcim_site_tags (',
    '    site_id bigint NOT NULL,',
    '    tag_id bigint NOT NULL',
    ');',
    '',
    'CREATE TABLE public.empty_table (',
    '    id integer NOT NULL',
    ');',
    '',
    'COPY public.dcim_site (created, custom_field_data, id, name, "position", is_active, asns, comments) FROM stdin;',
    '2021-03-09 19:00:00-05\t{"a": 1}\t2\tBeta\t4.5\tt\t{65000,65001}\tline 1\\r\\nline 2\\ttabbed',
    '2020-12-20 00:00:00.25+00\t{}\t1\tAlpha\t\\N\tf\t{}\tback\\\\slash',
    '\\.',
    '',
    'COPY public.dcim_site_tags (site_id, tag_id) FROM stdin;',
    '2\t5',
    '1\t3',
    '\\.',
    '',
    'COPY public.empty_table (id) FROM stdin;',
    '\\.',
    '',
  ].join('\n');

  const EXPECTED_SITES = [
    {
      created: '2020-12-20T00:00:00.250000Z',
      custom_field_data: {},
      id: 1,
      name: 'Alpha',
      position: null,
      is_active: false,
      asns: [],
      comments: 'back\\slash',
    },
    {
      created: '2021-03-10T00:00:00Z',
      custom_field_data: { a: 1 },
      id: 2,
      name: 'Beta',
      position: 4.5,
      is_active: true,
      asns: [65000, 65001],
      comments: 'line 1\r\nline 2\ttabbed',
    },
  ];

  it('loads a plain SQL dump', async () => {
    const path = join(dir, 'plain.sql');
    await writeFile(path, SQL);
    const dataset = await loadDump(path);
    expect(dataset.source).toBe('plain.sql');
    expect(Object.keys(dataset.tables)).toEqual(['dcim_site', 'dcim_site_tags', 'empty_table']);
    expect(dataset.tables['dcim_site']).toStrictEqual(EXPECTED_SITES);
    // Tables without an id keep the dump's order.
    expect(dataset.tables['dcim_site_tags']).toStrictEqual([
      { site_id: 2, tag_id: 5 },
      { site_id: 1, tag_id: 3 },
    ]);
    expect(dataset.tables['empty_table']).toEqual([]);
  });

  it('loads a gzipped dump whatever its name, and CRLF line ends', async () => {
    const path = join(dir, 'dump.backup');
    await writeFile(path, gzipSync(SQL.replaceAll('\n', '\r\n')));
    const dataset = await loadDump(path);
    expect(dataset.source).toBe('dump.backup');
    expect(dataset.tables['dcim_site']).toStrictEqual(EXPECTED_SITES);
  });

  async function expectDumpError(path: string, code: string): Promise<DumpError> {
    const error = await loadDump(path).then(
      () => {
        throw new Error(`loadDump(${path}) resolved; expected ${code}`);
      },
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DumpError);
    expect(error).toMatchObject({ code, path });
    expect((error as Error).message).toContain(path);
    return error as DumpError;
  }

  it('reports a missing file as DUMP_UNREADABLE, naming it', async () => {
    await expectDumpError(join(dir, 'no-such-dump.sql.gz'), 'DUMP_UNREADABLE');
  });

  it('reports a corrupt gzip file as DUMP_UNREADABLE', async () => {
    const path = join(dir, 'truncated.sql.gz');
    await writeFile(path, gzipSync(SQL).subarray(0, 60));
    await expectDumpError(path, 'DUMP_UNREADABLE');
  });

  it('reports a pg_dump archive as DUMP_UNREADABLE with the pg_restore fix', async () => {
    const path = join(dir, 'custom.dump');
    await writeFile(path, Buffer.from('PGDMP\x01\x0e\x00binary'));
    const error = await expectDumpError(path, 'DUMP_UNREADABLE');
    expect(error.message).toContain('pg_restore');
  });

  it('reports a file without COPY blocks as DUMP_EMPTY', async () => {
    const path = join(dir, 'schema-only.sql');
    await writeFile(path, 'CREATE TABLE public.t (\n    id integer\n);\n');
    await expectDumpError(path, 'DUMP_EMPTY');
    const empty = join(dir, 'empty.sql');
    await writeFile(empty, '');
    await expectDumpError(empty, 'DUMP_EMPTY');
    const inserts = join(dir, 'inserts.sql');
    await writeFile(inserts, 'CREATE TABLE public.t (\n    id integer\n);\nINSERT INTO public.t VALUES (1);\n');
    const error = await expectDumpError(inserts, 'DUMP_EMPTY');
    expect(error.message).toContain('--inserts');
  });

  it('reports a COPY block without its terminator as DUMP_MALFORMED', async () => {
    const path = join(dir, 'unterminated.sql');
    await writeFile(path, 'CREATE TABLE public.t (\n    id integer\n);\nCOPY public.t (id) FROM stdin;\n1\n');
    const error = await expectDumpError(path, 'DUMP_MALFORMED');
    expect(error.message).toContain('table t that starts at line 4');
  });

  it('reports a wrong field count or a bad value as DUMP_MALFORMED with the line', async () => {
    const fields = join(dir, 'fields.sql');
    const twoColumns = 'CREATE TABLE public.t (\n    id integer,\n    a text\n);\n';
    await writeFile(fields, `${twoColumns}COPY public.t (id, a) FROM stdin;\n1\n\\.\n`);
    expect((await expectDumpError(fields, 'DUMP_MALFORMED')).message).toContain('line 6');
    const value = join(dir, 'value.sql');
    await writeFile(value, 'CREATE TABLE public.t (\n    id integer\n);\nCOPY public.t (id) FROM stdin;\nx\n\\.\n');
    expect((await expectDumpError(value, 'DUMP_MALFORMED')).message).toContain('t.id');
  });

  it('reports COPY data without a CREATE TABLE as DUMP_SCHEMA_MISSING', async () => {
    const path = join(dir, 'data-only.sql');
    await writeFile(path, 'COPY public.t (id) FROM stdin;\n1\n\\.\n');
    await expectDumpError(path, 'DUMP_SCHEMA_MISSING');
  });
});
