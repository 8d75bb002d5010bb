import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const configTemplate = defineModel({
  key: 'extras.configtemplate',
  path: 'config-templates',
  table: 'extras_configtemplate',
  schemaName: 'ConfigTemplate',
  verboseName: 'config template',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('description'),
    field.json('environment_params'),
    field.string('template_code'),
    field.string('mime_type'),
    field.string('file_name'),
    field.string('file_extension'),
    field.boolean('as_attachment'),
    field.boolean('debug'),
    field.fk('data_source', 'core.datasource', { nullable: true }),
    field.string('data_path'),
    field.fk('data_file', 'core.datafile', { nullable: true }),
    field.boolean('auto_sync_enabled'),
    field.datetime('data_synced', { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.tags(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  filters: [...ownerFilters(), ...requestFilters('extras.configtemplate')],
  noFilters: ['template_code', 'data_path'],
  search: ['name', 'description'],
});
