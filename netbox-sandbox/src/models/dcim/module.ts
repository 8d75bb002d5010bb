import type { Row } from '../../db/dataset.ts';
import { MODULE_STATUS } from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { ownerFilters, searchFilter, siteFilters } from './common-filters.ts';
import { deviceField } from './component-fields.ts';
import { deviceOf, hop } from './related.ts';

const NESTED_MODULE_BAY = ['id', 'url', 'display_url', 'display', 'name'];

const typeOf = (row: Row, ctx: ApiContext): Row | undefined => hop(ctx, 'dcim_moduletype', row.module_type_id);
const viaDevice =
  (column: string) =>
  (row: Row, ctx: ApiContext): unknown =>
    deviceOf(row, ctx)?.[column];

export const module = defineModel({
  key: 'dcim.module',
  path: 'modules',
  table: 'dcim_module',
  schemaName: 'Module',
  fields: [
    ...headFields(),
    deviceField(),
    field.fk('module_bay', 'dcim.modulebay', { nested: NESTED_MODULE_BAY }),
    field.fk('module_type', 'dcim.moduletype'),
    field.choice('status', MODULE_STATUS),
    field.string('serial'),
    field.string('asset_tag', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'device', 'module_bay', 'module_type', 'description'],
  display: (row, ctx) =>
    `${String(hop(ctx, 'dcim_modulebay', row.module_bay_id)?.name)}: ${String(typeOf(row, ctx)?.model)} (${String(row.id)})`,
  ordering: ['module_bay'],
  filters: [
    filter.model('device', 'dcim.device', 'name', (row) => row.device_id),
    ...siteFilters(viaDevice('site_id')),
    filter.model('location', 'dcim.location', 'slug', viaDevice('location_id')),
    filter.model('location_id', 'dcim.location', 'id', viaDevice('location_id')),
    filter.model('rack', 'dcim.rack', 'name', viaDevice('rack_id')),
    filter.model('rack_id', 'dcim.rack', 'id', viaDevice('rack_id')),
    filter.model('manufacturer', 'dcim.manufacturer', 'slug', (row, ctx) => typeOf(row, ctx)?.manufacturer_id),
    filter.model('manufacturer_id', 'dcim.manufacturer', 'id', (row, ctx) => typeOf(row, ctx)?.manufacturer_id),
    filter.model('module_type', 'dcim.moduletype', 'model', (row) => row.module_type_id),
    filter.model('module_bay_id', 'dcim.modulebay', 'id', (row) => row.module_bay_id, { tree: true }),
    filter.model('profile', 'dcim.moduletypeprofile', 'name', (row, ctx) => typeOf(row, ctx)?.profile_id),
    filter.model('profile_id', 'dcim.moduletypeprofile', 'id', (row, ctx) => typeOf(row, ctx)?.profile_id),
    ...ownerFilters(),
    searchFilter((row, ctx) => [deviceOf(row, ctx)?.name, row.serial, row.asset_tag, row.description, row.comments]),
  ],
  search: ['serial', 'asset_tag', 'description', 'comments'],
});
