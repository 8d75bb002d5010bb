import type { Dataset, Row } from './dataset.ts';

const EMPTY: readonly Row[] = Object.freeze([]);

/**
 * Read access to a Dataset with the indexes the API needs. Indexes are built on first use, so a table
 * nobody asks for costs nothing, and the ×100 data set starts quickly.
 */
export class Database {
  readonly source: string;
  private readonly tables: Record<string, Row[]>;
  private readonly byIdIndex = new Map<string, Map<number, Row>>();
  private readonly columnIndex = new Map<string, Map<unknown, Row[]>>();
  private readonly contentTypeIds = new Map<string, number>();
  private readonly contentTypeKeys = new Map<number, string>();
  private tagIndex: Map<string, number[]> | undefined;

  constructor(dataset: Dataset) {
    this.tables = dataset.tables;
    this.source = dataset.source;
    for (const ct of this.rows('django_content_type')) {
      const key = `${String(ct.app_label)}.${String(ct.model)}`;
      this.contentTypeIds.set(key, Number(ct.id));
      this.contentTypeKeys.set(Number(ct.id), key);
    }
  }

  hasTable(table: string): boolean {
    return table in this.tables;
  }

  rows(table: string): readonly Row[] {
    return this.tables[table] ?? EMPTY;
  }

  get(table: string, id: unknown): Row | undefined {
    if (id === null || id === undefined) return undefined;
    let index = this.byIdIndex.get(table);
    if (!index) {
      index = new Map();
      for (const row of this.rows(table)) index.set(Number(row.id), row);
      this.byIdIndex.set(table, index);
    }
    return index.get(Number(id));
  }

  /** Rows whose `column` equals `value`: the reverse side of a foreign key. */
  where(table: string, column: string, value: unknown): readonly Row[] {
    const key = `${table}\u0000${column}`;
    let index = this.columnIndex.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.rows(table)) {
        const v = row[column];
        const list = index.get(v);
        if (list) list.push(row);
        else index.set(v, [row]);
      }
      this.columnIndex.set(key, index);
    }
    return index.get(value) ?? EMPTY;
  }

  /** Content type id of `app_label.model`, or undefined when the data has no such type. */
  contentTypeId(key: string): number | undefined {
    return this.contentTypeIds.get(key);
  }

  /** `app_label.model` of a content type id. */
  contentTypeKey(id: unknown): string | undefined {
    return this.contentTypeKeys.get(Number(id));
  }

  /** Ids of the tags on an object of model `key` (`dcim.device`). */
  tagIds(key: string, objectId: unknown): readonly number[] {
    if (!this.tagIndex) {
      this.tagIndex = new Map();
      for (const item of this.rows('extras_taggeditem')) {
        const k = `${String(this.contentTypeKey(item.content_type_id))}:${String(item.object_id)}`;
        const list = this.tagIndex.get(k);
        if (list) list.push(Number(item.tag_id));
        else this.tagIndex.set(k, [Number(item.tag_id)]);
      }
    }
    return this.tagIndex.get(`${key}:${String(objectId)}`) ?? [];
  }
}
