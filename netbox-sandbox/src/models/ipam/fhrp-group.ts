import { FHRP_AUTH_TYPE, FHRP_PROTOCOL } from '../choices/ipam-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const fhrpGroup = defineModel({
  key: 'ipam.fhrpgroup',
  path: 'fhrp-groups',
  table: 'ipam_fhrpgroup',
  schemaName: 'FHRPGroup',
  verboseName: 'FHRP group',
  fields: [
    field.id(),
    field.string('name'),
    field.url(),
    field.displayUrl(),
    field.display(),
    // FHRPGroupSerializer shows protocol and auth type as plain values, not `{value, label}`.
    field.string('protocol'),
    field.integer('group_id'),
    field.string('auth_type', { nullable: true }),
    field.string('auth_key'),
    field.string('description'),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.many('ip_addresses', 'ipam.ipaddress', (row, ctx) => {
      const typeId = ctx.db.contentTypeId('ipam.fhrpgroup');
      return ctx.db
        .where('ipam_ipaddress', 'assigned_object_id', row.id)
        .filter((ip) => ip.assigned_object_type_id === typeId)
        .map((ip) => Number(ip.id));
    }),
  ],
  brief: ['id', 'url', 'display', 'protocol', 'group_id', 'description'],
  display: (row) => {
    const protocol = FHRP_PROTOCOL.find(([value]) => value === row.protocol)?.[1] ?? String(row.protocol);
    const base = `${protocol}: ${String(row.group_id)}`;
    return row.name ? `${base} (${String(row.name)})` : base;
  },
  ordering: ['protocol', 'group_id', 'id'],
  filters: [
    filter.choice('protocol', FHRP_PROTOCOL),
    filter.choice('auth_type', FHRP_AUTH_TYPE),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const lower = raw.toLowerCase();
      return (
        String(row.description ?? '').toLowerCase().includes(lower) ||
        String(row.group_id ?? '').includes(raw) ||
        String(row.name ?? '').toLowerCase().includes(lower)
      );
    }),
    ...ownerFilters(),
    ...requestFilters('ipam.fhrpgroup'),
  ],
  noFilters: ['ip_addresses'],
  search: [],
});
