import type { Row } from '../../db/dataset.ts';
import {
  POWER_FEED_PHASE,
  POWER_FEED_STATUS,
  POWER_FEED_SUPPLY,
  POWER_FEED_TYPE,
} from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { cableEndField, cableField, connectedEndpointsFields, linkPeersFields, occupiedField } from './cabling.ts';
import {
  cabledFilters,
  ownerFilters,
  pathEndpointFilters,
  searchFilter,
  siteFilters,
  tenancyFilters,
} from './common-filters.ts';
import { hop } from './related.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const panelOf = (row: Row, ctx: ApiContext): Row | undefined => hop(ctx, 'dcim_powerpanel', row.power_panel_id);

export const powerFeed = defineModel({
  key: 'dcim.powerfeed',
  path: 'power-feeds',
  table: 'dcim_powerfeed',
  schemaName: 'PowerFeed',
  verboseName: 'power feed',
  fields: [
    ...headFields(),
    field.fk('power_panel', 'dcim.powerpanel'),
    field.fk('rack', 'dcim.rack', { nullable: true }),
    field.string('name'),
    field.choice('status', POWER_FEED_STATUS),
    field.choice('type', POWER_FEED_TYPE),
    field.choice('supply', POWER_FEED_SUPPLY),
    field.choice('phase', POWER_FEED_PHASE),
    field.integer('voltage'),
    field.integer('amperage'),
    field.integer('max_utilization'),
    field.boolean('mark_connected'),
    cableField(),
    cableEndField(),
    ...linkPeersFields('dcim.powerfeed'),
    ...connectedEndpointsFields(),
    field.string('description'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    occupiedField(),
  ],
  brief: ['id', 'url', 'display', 'name', 'description', 'cable', '_occupied'],
  ordering: ['power_panel', 'name'],
  sortKeys: NATURAL_NAME,
  filters: [
    ...siteFilters((row, ctx) => panelOf(row, ctx)?.site_id),
    filter.number('available_power'),
    ...cabledFilters('dcim.powerfeed'),
    ...pathEndpointFilters(),
    ...tenancyFilters(),
    ...ownerFilters(),
    searchFilter((row, ctx) => [row.name, row.description, panelOf(row, ctx)?.name, row.comments]),
  ],
  search: ['name', 'description', 'comments'],
});
