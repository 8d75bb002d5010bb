import type { Dataset, Row } from '../dataset.ts';
import { TABLE_COLUMNS } from './columns.ts';

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  /** Decimal places of a numeric column, undefined for other types. */
  readonly numericScale: number | undefined;
  readonly makeDefault: () => unknown;
}

const DEFAULTS: Readonly<Record<string, () => unknown>> = {
  '""': () => '',
  '{}': () => ({}),
  '[]': () => [],
  '0': () => 0,
  true: () => true,
  false: () => false,
};

const nullDefault = (): unknown => null;

export function parseColumns(spec: string): ColumnSpec[] {
  return spec.split(' ').map((token) => {
    const match = /^(\w+)(?:#(\d+))?(!|=(.*))?$/.exec(token);
    if (!match) throw new Error(`bad column token: ${token}`);
    const [, name = '', scale, marker, fallback] = match;
    let makeDefault = nullDefault;
    if (fallback !== undefined) {
      const factory = DEFAULTS[fallback];
      if (!factory) throw new Error(`bad default in column token: ${token}`);
      makeDefault = factory;
    }
    return { name, required: marker === '!', numericScale: scale === undefined ? undefined : Number(scale), makeDefault };
  });
}

/**
 * One table's rows. `add` fills every column of the table in NetBox's column order, so a generator only
 * names what it sets, and a misspelt column fails loudly instead of producing a row the API cannot read.
 */
export class TableBuilder {
  readonly rows: Row[] = [];
  readonly columns: readonly ColumnSpec[];
  private readonly known: ReadonlySet<string>;
  /** Makes an all-null row with every column in order. */
  private readonly blankRow: () => Row;

  readonly name: string;

  constructor(
    name: string,
    columns: readonly ColumnSpec[],
  ) {
    this.name = name;
    this.columns = columns;
    this.known = new Set(columns.map((c) => c.name));
    // An object literal with all columns is far cheaper for V8 than adding 40 properties one by one (or
    // spreading a template), and the ×100 data set has a million rows; the source is our own column list.
    const literal = columns.map((c) => `${JSON.stringify(c.name)}: null`).join(', ');
    this.blankRow = new Function(`return { ${literal} };`) as () => Row;
  }

  /** The id the next `add` will give. */
  get nextId(): number {
    return this.rows.length + 1;
  }

  add(values: Record<string, unknown>): Row {
    const row = this.blankRow();
    for (const key in values) {
      if (!this.known.has(key)) throw new Error(`${this.name}: unknown column ${key}`);
      const value = values[key];
      if (value !== undefined) row[key] = value;
    }
    for (const column of this.columns) {
      if (values[column.name] !== undefined) continue;
      if (column.name === 'id') {
        row.id = this.nextId;
      } else if (column.required) {
        throw new Error(`${this.name}: column ${column.name} is required`);
      } else {
        row[column.name] = column.makeDefault();
      }
    }
    this.rows.push(row);
    return row;
  }

  /** The row with this id; ids are sequential from 1, so this is an index. */
  get(id: number): Row {
    const row = this.rows[id - 1];
    if (!row || row.id !== id) throw new Error(`${this.name}: no row with id ${id}`);
    return row;
  }
}

/** All tables of a data set under construction. */
export class DatasetBuilder {
  private readonly tables = new Map<string, TableBuilder>();

  table(name: string): TableBuilder {
    let table = this.tables.get(name);
    if (!table) {
      const spec = TABLE_COLUMNS[name];
      if (spec === undefined) throw new Error(`no column list for table ${name}`);
      table = new TableBuilder(name, parseColumns(spec));
      this.tables.set(name, table);
    }
    return table;
  }

  rows(name: string): Row[] {
    return this.table(name).rows;
  }

  toDataset(source: string): Dataset {
    // Every known table is present, empty or not, so readers can tell "no rows" from "not generated".
    const tables: Record<string, Row[]> = {};
    for (const name of Object.keys(TABLE_COLUMNS).sort()) tables[name] = this.table(name).rows;
    return { tables, source };
  }
}
