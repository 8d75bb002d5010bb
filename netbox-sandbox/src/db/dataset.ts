/**
 * The sandbox keeps NetBox's data the way NetBox's PostgreSQL database keeps it: one array of rows per
 * table, named and columned as NetBox's own tables (`dcim_device`, FK columns as `site_id`, JSON columns
 * parsed, timestamps in the REST API's UTC form). Both the generator and the pg_dump loader produce this
 * shape, so one serializer layer turns either into API responses.
 */
export type Row = Record<string, unknown>;

export interface Dataset {
  /** Rows by NetBox table name, each array ordered by `id` ascending where the table has one. */
  readonly tables: Record<string, Row[]>;
  /** Where the data came from, for `/api/status/` and logs: `generated seed=1 scale=1` or the dump's file name. */
  readonly source: string;
}
