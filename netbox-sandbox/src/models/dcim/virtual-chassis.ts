import type { Row } from '../../db/dataset.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { ownerFilters, searchFilter, siteFilters, tenancyFilters } from './common-filters.ts';
import { counterField, counterFilter } from './counters.ts';
import { hop } from './related.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const NESTED_DEVICE = ['id', 'url', 'display_url', 'display', 'name'];

/** Members in Device's ordering (name, then id; unnamed last). */
function members(row: Row, ctx: ApiContext): Row[] {
  return [...ctx.db.where('dcim_device', 'virtual_chassis_id', row.id)].sort((a, b) => {
    if (a.name === b.name) return Number(a.id) - Number(b.id);
    if (a.name === null || a.name === undefined) return 1;
    if (b.name === null || b.name === undefined) return -1;
    return String(a.name).localeCompare(String(b.name));
  });
}

const masterOf = (row: Row, ctx: ApiContext): Row | undefined => hop(ctx, 'dcim_device', row.master_id);

export const virtualChassis = defineModel({
  key: 'dcim.virtualchassis',
  path: 'virtual-chassis',
  table: 'dcim_virtualchassis',
  schemaName: 'VirtualChassis',
  verboseName: 'virtual chassis',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('domain'),
    field.fk('master', 'dcim.device', { nullable: true, nested: NESTED_DEVICE }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    counterField('member_count', 'dcim_device', 'virtual_chassis_id'),
    field.many('members', 'dcim.device', (row, ctx) => members(row, ctx).map((d) => Number(d.id)), { nested: NESTED_DEVICE }),
  ],
  brief: ['id', 'url', 'display', 'name', 'master', 'description', 'member_count'],
  sortKeys: NATURAL_NAME,
  filters: [
    filter.model('master', 'dcim.device', 'name', (row) => row.master_id),
    ...siteFilters((row, ctx) => masterOf(row, ctx)?.site_id),
    ...tenancyFilters((row, ctx) => masterOf(row, ctx)?.tenant_id, false),
    counterFilter('member_count', 'dcim_device', 'virtual_chassis_id'),
    ...ownerFilters(),
    searchFilter((row, ctx) => [row.name, row.description, row.domain, ...members(row, ctx).map((d) => d.name)]),
  ],
  search: ['name', 'description', 'domain'],
});
