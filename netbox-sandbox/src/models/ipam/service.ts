import type { Row } from '../../db/dataset.ts';
import { SERVICE_PROTOCOL } from '../choices/ipam-choices.ts';
import { memoByValues } from '../core/memo-values.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef, ModelKey } from '../model-def.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { namedObjects } from './assigned-interfaces.ts';
import { portList, serviceParent } from './service-parent.ts';

const ipIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('ipam_service_ipaddresses', 'service_id', row.id).map((r) => Number(r.ipaddress_id));

/** `device=`, `virtual_machine_id=`, `fhrpgroup=`…: services whose parent is one of the named objects. */
function parentFilter(name: string, key: string, table: string, by: 'name' | 'id'): FilterDef {
  const selected = memoByValues((values, ctx) => new Set(namedObjects(ctx, table, name, by, values).map((p) => Number(p.id))));
  return filter.custom(
    name,
    (row, values, ctx) => {
      const parents = selected(values, ctx);
      const parent = serviceParent(row, ctx);
      return parent.type === key && parent.id !== null && parents.has(parent.id);
    },
    { paramType: by === 'id' ? 'integer' : 'string' },
  );
}

export const service = defineModel({
  key: 'ipam.service',
  path: 'services',
  table: 'ipam_service',
  schemaName: 'Service',
  fields: [
    ...headFields(),
    field.computed('parent_object_type', { type: 'string' }, (row, ctx) => serviceParent(row, ctx).type ?? null),
    field.computed('parent_object_id', { type: 'integer' }, (row, ctx) => serviceParent(row, ctx).id),
    field.computed('parent', { readOnly: true, nullable: true }, (row, ctx) => {
      const parent = serviceParent(row, ctx);
      return parent.type ? ctx.nested(parent.type as ModelKey, parent.id) : null;
    }),
    field.string('name'),
    field.choice('protocol', SERVICE_PROTOCOL),
    field.integers('ports'),
    field.many('ipaddresses', 'ipam.ipaddress', ipIds),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
  ],
  brief: ['id', 'url', 'display', 'name', 'protocol', 'ports', 'description'],
  display: (row) => {
    const protocol = SERVICE_PROTOCOL.find(([value]) => value === row.protocol)?.[1] ?? String(row.protocol);
    return `${String(row.name)} (${protocol}/${portList(row.ports)})`;
  },
  ordering: ['protocol', 'ports', 'id'],
  filters: [
    filter.custom(
      'parent_object_type',
      (row, values, ctx) => {
        const type = serviceParent(row, ctx).type;
        return type !== undefined && values.some((v) => v.toLowerCase() === type);
      },
      { lookups: ['n'] },
    ),
    filter.number('parent_object_id', (row, ctx) => serviceParent(row, ctx).id),
    parentFilter('device', 'dcim.device', 'dcim_device', 'name'),
    parentFilter('device_id', 'dcim.device', 'dcim_device', 'id'),
    parentFilter('virtual_machine', 'virtualization.virtualmachine', 'virtualization_virtualmachine', 'name'),
    parentFilter('virtual_machine_id', 'virtualization.virtualmachine', 'virtualization_virtualmachine', 'id'),
    parentFilter('fhrpgroup', 'ipam.fhrpgroup', 'ipam_fhrpgroup', 'name'),
    parentFilter('fhrpgroup_id', 'ipam.fhrpgroup', 'ipam_fhrpgroup', 'id'),
    filter.model('ip_address_id', 'ipam.ipaddress', 'id', ipIds),
    filter.model('ip_address', 'ipam.ipaddress', 'address', ipIds),
    filter.number('port', (row) => (Array.isArray(row.ports) ? row.ports : [])),
    ...contactFilters('ipam.service'),
    ...ownerFilters(),
    ...requestFilters('ipam.service'),
  ],
  noFilters: ['ipaddresses', 'ports'],
  search: ['name', 'description'],
});
