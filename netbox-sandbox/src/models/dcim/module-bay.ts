import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { deviceComponentFilters, ownerFilters } from './common-filters.ts';
import { COMPONENT_SEARCH, componentDisplay, componentTail, deviceField } from './component-fields.ts';
import { NATURAL_NAME } from '../natural-order.ts';

/** The module installed in a bay (ModuleBay.installed_module, the reverse of Module.module_bay). */
const installedModuleId = (row: Row, ctx: ApiContext): unknown => ctx.db.where('dcim_module', 'module_bay_id', row.id)[0]?.id;

export const moduleBay = defineModel({
  key: 'dcim.modulebay',
  path: 'module-bays',
  table: 'dcim_modulebay',
  schemaName: 'ModuleBay',
  verboseName: 'module bay',
  fields: [
    ...headFields(),
    deviceField(),
    // The module this bay belongs to, shown with ModuleSerializer(fields=('id', 'url', 'display')).
    field.fk('module', 'dcim.module', { nullable: true, nested: ['id', 'url', 'display'] }),
    field.string('name'),
    field.string('label'),
    field.string('position'),
    // New in 4.6; bays are enabled unless disabled.
    field.boolean('enabled', { default: true }),
    field.string('description'),
    field.computed(
      'installed_module',
      { allOf: [{ $ref: '#/components/schemas/BriefModule' }], nullable: true },
      (row, ctx) => ctx.nested('dcim.module', installedModuleId(row, ctx) as number | undefined, undefined, ['id', 'url', 'display', 'serial', 'description']),
      { nullable: true },
    ),
    ...componentTail(),
    field.computed('_occupied', { type: 'boolean', readOnly: true }, (row, ctx) => installedModuleId(row, ctx) !== undefined),
  ],
  brief: ['id', 'url', 'display', 'installed_module', 'name', 'enabled', 'description', '_occupied'],
  display: componentDisplay,
  ordering: ['device', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...deviceComponentFilters({ modular: true }),
    filter.model('parent_id', 'dcim.modulebay', 'id', (row) => row.parent_id),
    filter.model('installed_module_id', 'dcim.module', 'id', installedModuleId),
    ...ownerFilters(),
  ],
  search: COMPONENT_SEARCH,
});
