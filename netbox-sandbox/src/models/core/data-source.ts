import { DATA_SOURCE_STATUS, DATA_SOURCE_TYPE } from '../choices/core-choices.ts';
import { defineModel } from '../define-model.ts';
import { tagFilters } from '../extras/tag-filters.ts';
import { field } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { requestFilters } from './request-filters.ts';

export const dataSource = defineModel({
  key: 'core.datasource',
  path: 'data-sources',
  table: 'core_datasource',
  schemaName: 'DataSource',
  verboseName: 'data source',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.choice('type', DATA_SOURCE_TYPE),
    field.string('source_url'),
    field.boolean('enabled'),
    field.choice('status', DATA_SOURCE_STATUS),
    field.string('description'),
    field.integer('sync_interval', { nullable: true }),
    field.json('parameters'),
    field.string('ignore_rules'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    field.datetime('last_synced', { nullable: true }),
    field.count('file_count', 'core_datafile', 'source_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  filters: [...tagFilters('core.datasource'), ...ownerFilters(), ...requestFilters('core.datasource')],
  noFilters: ['ignore_rules', 'sync_interval'],
  search: ['name', 'description'],
});
