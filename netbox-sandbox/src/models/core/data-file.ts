import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { requestFilters } from './request-filters.ts';

/** Files synced from a data source: their metadata only, never their contents. */
export const dataFile = defineModel({
  key: 'core.datafile',
  path: 'data-files',
  table: 'core_datafile',
  schemaName: 'DataFile',
  verboseName: 'data file',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.fk('source', 'core.datasource'),
    field.string('path'),
    field.datetime('last_updated'),
    field.integer('size'),
    field.string('hash'),
  ],
  brief: ['id', 'url', 'display', 'path'],
  display: (row) => String(row.path),
  ordering: ['source', 'path'],
  filters: [
    filter.datetime('created'),
    filter.model('source', 'core.datasource', 'name', (row) => row.source_id),
    ...requestFilters('core.datafile'),
  ],
  search: ['path'],
});
