import type { Row } from '../../db/dataset.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import { VLAN_QINQ_ROLE, VLAN_STATUS } from '../choices/ipam-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';

const siteOf = (row: Row, ctx: ApiContext): Row | undefined => ctx.db.get('dcim_site', row.site_id);

/**
 * `interface_id` / `vminterface_id`: VLANs an interface carries, tagged or untagged. A ModelChoiceFilter, so
 * an interface that does not exist is refused.
 */
function carriedBy(name: string, interfaceTable: string, taggedTable: string, taggedColumn: string): FilterDef {
  return filter.custom(
    name,
    (row, values, ctx) => {
      const value = (values[values.length - 1] ?? '').trim();
      if (value === '') return true;
      const iface = /^\d+$/.test(value) ? ctx.db.get(interfaceTable, Number(value)) : undefined;
      if (!iface) throw new FilterValueError(name, 'Select a valid choice. That choice is not one of the available choices.');
      if (iface.untagged_vlan_id === row.id) return true;
      return ctx.db.where(taggedTable, taggedColumn, iface.id).some((t) => t.vlan_id === row.id);
    },
    { paramType: 'integer' },
  );
}

const nameOf = (ctx: ApiContext, table: string, id: unknown): string | null => {
  const row = ctx.db.get(table, id);
  return row ? String(row.name) : null;
};

export const vlan = defineModel({
  key: 'ipam.vlan',
  path: 'vlans',
  table: 'ipam_vlan',
  schemaName: 'VLAN',
  verboseName: 'VLAN',
  fields: [
    ...headFields(),
    field.fk('site', 'dcim.site', { nullable: true }),
    field.fk('group', 'ipam.vlangroup', { nullable: true }),
    field.integer('vid'),
    field.string('name'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.choice('status', VLAN_STATUS),
    field.fk('role', 'ipam.role', { nullable: true }),
    field.string('description'),
    field.choice('qinq_role', VLAN_QINQ_ROLE, { nullable: true }),
    field.fk('qinq_svlan', 'ipam.vlan', { nullable: true, nested: ['id', 'url', 'display', 'vid', 'name', 'description'] }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    // L2VPN terminations belong to the vpn app, which the sandbox does not serve.
    field.computed('l2vpn_termination', { $ref: '#/components/schemas/BriefL2VPNTermination', nullable: true }, () => null, { nullable: true }),
    ...tailFields(),
    field.count('prefix_count', 'ipam_prefix', 'vlan_id'),
  ],
  brief: ['id', 'url', 'display', 'vid', 'name', 'description'],
  display: (row) => `${String(row.name)} (${String(row.vid)})`,
  // Meta.ordering ('site', 'group', 'vid', 'pk'): relations order by the related model's name.
  ordering: ['site', 'group', 'vid', 'id'],
  sortKeys: {
    site: (row, ctx) => nameOf(ctx, 'dcim_site', row.site_id),
    group: (row, ctx) => nameOf(ctx, 'ipam_vlangroup', row.group_id),
  },
  filters: [
    filter.model('region_id', 'dcim.region', 'id', (row, ctx) => siteOf(row, ctx)?.region_id, { tree: true }),
    filter.model('region', 'dcim.region', 'slug', (row, ctx) => siteOf(row, ctx)?.region_id, { tree: true }),
    filter.model('site_group_id', 'dcim.sitegroup', 'id', (row, ctx) => siteOf(row, ctx)?.group_id, { tree: true }),
    filter.model('site_group', 'dcim.sitegroup', 'slug', (row, ctx) => siteOf(row, ctx)?.group_id, { tree: true }),
    filter.number('qinq_svlan_vid', (row, ctx) => ctx.db.get('ipam_vlan', row.qinq_svlan_id)?.vid ?? null),
    carriedBy('interface_id', 'dcim_interface', 'dcim_interface_tagged_vlans', 'interface_id'),
    carriedBy('vminterface_id', 'virtualization_vminterface', 'virtualization_vminterface_tagged_vlans', 'vminterface_id'),
    filter.custom('q', (row, values) => {
      const raw = values[values.length - 1] ?? '';
      const value = raw.trim();
      if (value === '') return true;
      const lower = raw.toLowerCase();
      const vid = /^[+-]?\d+$/.test(value) ? Number(value) : null;
      const texts = [row.name, row.description].map((t) => String(t ?? '').toLowerCase());
      return texts.some((t) => t.includes(lower)) || vid === Number(row.vid);
    }),
    ...tenancyFilters(),
    ...ownerFilters(),
    ...requestFilters('ipam.vlan'),
  ],
  search: [],
});
