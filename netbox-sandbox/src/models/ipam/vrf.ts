import type { Row } from '../../db/dataset.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { NATURAL_NAME } from '../natural-order.ts';

const importTargets = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('ipam_vrf_import_targets', 'vrf_id', row.id).map((r) => Number(r.routetarget_id));
const exportTargets = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('ipam_vrf_export_targets', 'vrf_id', row.id).map((r) => Number(r.routetarget_id));

export const vrf = defineModel({
  key: 'ipam.vrf',
  path: 'vrfs',
  table: 'ipam_vrf',
  schemaName: 'VRF',
  verboseName: 'VRF',
  fields: [
    ...headFields(),
    field.string('name'),
    field.string('rd', { nullable: true }),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.boolean('enforce_unique'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    // VRFSerializer declares them with RouteTargetSerializer(many=True), not nested=True: whole objects.
    field.many('import_targets', 'ipam.routetarget', importTargets, { full: true }),
    field.many('export_targets', 'ipam.routetarget', exportTargets, { full: true }),
    ...tailFields(),
    field.count('ipaddress_count', 'ipam_ipaddress', 'vrf_id'),
    field.count('prefix_count', 'ipam_prefix', 'vrf_id'),
  ],
  brief: ['id', 'url', 'display', 'name', 'rd', 'description', 'prefix_count'],
  sortKeys: NATURAL_NAME,
  display: (row) => (row.rd ? `${String(row.name)} (${String(row.rd)})` : String(row.name)),
  ordering: ['name', 'rd', 'id'],
  filters: [
    filter.model('import_target_id', 'ipam.routetarget', 'id', importTargets),
    filter.model('import_target', 'ipam.routetarget', 'name', importTargets),
    filter.model('export_target_id', 'ipam.routetarget', 'id', exportTargets),
    filter.model('export_target', 'ipam.routetarget', 'name', exportTargets),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...requestFilters('ipam.vrf'),
  ],
  noFilters: ['import_targets', 'export_targets'],
  search: ['name', 'rd', 'description'],
});
