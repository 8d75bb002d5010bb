import { MODULE_AIRFLOW, WEIGHT_UNIT } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters, searchFilter } from './common-filters.ts';
import { hasFilter } from './counters.ts';
import { hop } from './related.ts';

const TEMPLATE_FLAGS = [
  ['console_ports', ['dcim_consoleporttemplate']],
  ['console_server_ports', ['dcim_consoleserverporttemplate']],
  ['power_ports', ['dcim_powerporttemplate']],
  ['power_outlets', ['dcim_poweroutlettemplate']],
  ['interfaces', ['dcim_interfacetemplate']],
  ['pass_through_ports', ['dcim_frontporttemplate', 'dcim_rearporttemplate']],
] as const;

export const moduleType = defineModel({
  key: 'dcim.moduletype',
  path: 'module-types',
  table: 'dcim_moduletype',
  schemaName: 'ModuleType',
  verboseName: 'module type',
  fields: [
    ...headFields(),
    field.fk('profile', 'dcim.moduletypeprofile', { nullable: true }),
    field.fk('manufacturer', 'dcim.manufacturer'),
    field.string('model'),
    field.string('part_number'),
    field.choice('airflow', MODULE_AIRFLOW, { nullable: true }),
    field.number('weight', { nullable: true }),
    field.choice('weight_unit', WEIGHT_UNIT, { nullable: true }),
    field.string('description'),
    field.json('attributes'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.count('module_count', 'dcim_module', 'module_type_id'),
  ],
  brief: ['id', 'url', 'display', 'profile', 'manufacturer', 'model', 'description', 'module_count'],
  display: (row) => String(row.model),
  ordering: ['manufacturer', 'model'],
  filters: [
    filter.model('profile', 'dcim.moduletypeprofile', 'name', (row) => row.profile_id),
    filter.number('module_count', (row, ctx) => ctx.db.where('dcim_module', 'module_type_id', row.id).length),
    ...TEMPLATE_FLAGS.map(([name, tables]) => hasFilter(name, tables, 'module_type_id')),
    ...ownerFilters(),
    searchFilter((row, ctx) => [
      hop(ctx, 'dcim_manufacturer', row.manufacturer_id)?.name,
      row.model,
      row.part_number,
      row.description,
      row.comments,
    ]),
  ],
  noFilters: ['attributes'],
  search: ['model', 'part_number', 'description', 'comments'],
});
