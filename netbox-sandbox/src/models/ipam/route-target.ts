import type { Row } from '../../db/dataset.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const importingVrfs = (row: Row, ctx: ApiContext): unknown[] =>
  ctx.db.where('ipam_vrf_import_targets', 'routetarget_id', row.id).map((r) => r.vrf_id);
const exportingVrfs = (row: Row, ctx: ApiContext): unknown[] =>
  ctx.db.where('ipam_vrf_export_targets', 'routetarget_id', row.id).map((r) => r.vrf_id);

export const routeTarget = defineModel({
  key: 'ipam.routetarget',
  path: 'route-targets',
  table: 'ipam_routetarget',
  schemaName: 'RouteTarget',
  verboseName: 'route target',
  fields: [
    ...headFields(),
    field.string('name'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  sortKeys: NATURAL_NAME,
  filters: [
    filter.model('importing_vrf_id', 'ipam.vrf', 'id', importingVrfs),
    filter.model('importing_vrf', 'ipam.vrf', 'rd', importingVrfs),
    filter.model('exporting_vrf_id', 'ipam.vrf', 'id', exportingVrfs),
    filter.model('exporting_vrf', 'ipam.vrf', 'rd', exportingVrfs),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...requestFilters('ipam.routetarget'),
  ],
  search: ['name', 'description'],
});
