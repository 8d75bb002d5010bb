import type { Row } from '../../db/dataset.ts';
import { VIRTUAL_MACHINE_START_ON_BOOT, VIRTUAL_MACHINE_STATUS } from '../choices/virtualization-choices.ts';
import { emptyMatcher, textMatcher } from '../../query/text-lookups.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { renderConfigContext, selfAndAncestors } from '../extras/config-context.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { macAddressFilter } from './mac-address-filter.ts';
import { NATURAL_NAME } from '../natural-order.ts';

/** Device and VM serializers nest their primary IPs with DNS name and NAT relations added (NetBox 4.6, #19138). */
const PRIMARY_IP_EXTRA = ['dns_name', 'nat_inside', 'nat_outside'];

const siteOf = (row: Row, ctx: ApiContext): Row | undefined => ctx.db.get('dcim_site', row.site_id);
const clusterOf = (row: Row, ctx: ApiContext): Row | undefined => ctx.db.get('virtualization_cluster', row.cluster_id);
const interfaceIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('virtualization_vminterface', 'virtual_machine_id', row.id).map((i) => Number(i.id));

/** Counter caches NetBox keeps on the VM row; data without them counts the components. */
const interfaceCount = (row: Row, ctx: ApiContext): number =>
  typeof row.interface_count === 'number' ? row.interface_count : interfaceIds(row, ctx).length;
const virtualDiskCount = (row: Row, ctx: ApiContext): number =>
  typeof row.virtual_disk_count === 'number'
    ? row.virtual_disk_count
    : ctx.db.where('virtualization_virtualdisk', 'virtual_machine_id', row.id).length;

/** VirtualMachine.primary_ip: IPv6 first unless PREFER_IPV4 (off by default). */
const primaryIpId = (row: Row): unknown => row.primary_ip6_id ?? row.primary_ip4_id ?? null;

const START_ON_BOOT_DEFAULT = 'off';

function configContext(row: Row, ctx: ApiContext): Record<string, unknown> {
  const site = siteOf(row, ctx);
  const cluster = clusterOf(row, ctx);
  const tenant = ctx.db.get('tenancy_tenant', row.tenant_id);
  const ids = (v: unknown): number[] => (v === null || v === undefined ? [] : [Number(v)]);
  return renderConfigContext(
    ctx,
    {
      regions: selfAndAncestors(ctx.db, 'dcim_region', site?.region_id),
      siteGroups: selfAndAncestors(ctx.db, 'dcim_sitegroup', site?.group_id),
      sites: ids(row.site_id),
      roles: selfAndAncestors(ctx.db, 'dcim_devicerole', row.role_id),
      platforms: selfAndAncestors(ctx.db, 'dcim_platform', row.platform_id),
      clusterTypes: ids(cluster?.type_id),
      clusterGroups: ids(cluster?.group_id),
      clusters: ids(row.cluster_id),
      tenantGroups: selfAndAncestors(ctx.db, 'tenancy_tenantgroup', tenant?.group_id),
      tenants: ids(row.tenant_id),
      tags: ctx.db.tagIds('virtualization.virtualmachine', row.id),
    },
    row.local_context_data,
  );
}

export const virtualMachine = defineModel({
  key: 'virtualization.virtualmachine',
  path: 'virtual-machines',
  table: 'virtualization_virtualmachine',
  schemaName: 'VirtualMachineWithConfigContext',
  verboseName: 'virtual machine',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.fk('virtual_machine_type', 'virtualization.virtualmachinetype', { nullable: true }),
    field.fk('role', 'dcim.devicerole', { nullable: true }),
    field.choice('status', VIRTUAL_MACHINE_STATUS),
    // A 4.6 column; older data gets the migration's default.
    field.choice('start_on_boot', VIRTUAL_MACHINE_START_ON_BOOT, { default: START_ON_BOOT_DEFAULT }),
    field.fk('site', 'dcim.site', { nullable: true }),
    field.fk('cluster', 'virtualization.cluster', { nullable: true }),
    field.fk('device', 'dcim.device', { nullable: true }),
    field.fk('platform', 'dcim.platform', { nullable: true }),
    field.computed(
      'primary_ip',
      { $ref: '#/components/schemas/BriefIPAddress', nullable: true },
      (row, ctx) => ctx.nested('ipam.ipaddress', primaryIpId(row) as number | null, PRIMARY_IP_EXTRA),
      { nullable: true },
    ),
    field.fk('primary_ip4', 'ipam.ipaddress', { nullable: true, extra: PRIMARY_IP_EXTRA }),
    field.fk('primary_ip6', 'ipam.ipaddress', { nullable: true, extra: PRIMARY_IP_EXTRA }),
    field.number('vcpus', { nullable: true }),
    field.integer('memory', { nullable: true }),
    field.integer('disk', { nullable: true }),
    field.string('description'),
    field.string('serial'),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    field.tags(),
    field.json('local_context_data'),
    field.fk('config_template', 'extras.configtemplate', { nullable: true }),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    field.computed('interface_count', { type: 'integer', readOnly: true }, interfaceCount),
    field.computed('virtual_disk_count', { type: 'integer', readOnly: true }, virtualDiskCount),
    field.computed('config_context', { nullable: true, readOnly: true }, configContext, { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  sortKeys: NATURAL_NAME,
  ordering: ['name', 'id'],
  filters: [
    // VirtualMachineFilterSet declares `name` with `iexact`: even the plain filter ignores case.
    filter.custom(
      'name',
      (row, values, _ctx, lookup) => {
        if (lookup === 'empty') return emptyMatcher('name', values[values.length - 1] ?? '')(row.name);
        return values.some((v) => textMatcher('name', lookup === 'exact' ? 'ie' : lookup, v)(row.name));
      },
      { lookups: ['n', 'ic', 'nic', 'ie', 'nie', 'isw', 'nisw', 'iew', 'niew', 'regex', 'iregex', 'empty'] },
    ),
    filter.choice('start_on_boot', VIRTUAL_MACHINE_START_ON_BOOT, (row) => row.start_on_boot ?? START_ON_BOOT_DEFAULT),
    filter.model('cluster_group_id', 'virtualization.clustergroup', 'id', (row, ctx) => clusterOf(row, ctx)?.group_id),
    filter.model('cluster_group', 'virtualization.clustergroup', 'slug', (row, ctx) => clusterOf(row, ctx)?.group_id),
    filter.model('cluster_type_id', 'virtualization.clustertype', 'id', (row, ctx) => clusterOf(row, ctx)?.type_id),
    filter.model('cluster_type', 'virtualization.clustertype', 'slug', (row, ctx) => clusterOf(row, ctx)?.type_id),
    filter.model('cluster', 'virtualization.cluster', 'name', (row) => row.cluster_id),
    filter.model('device', 'dcim.device', 'name', (row) => row.device_id),
    filter.model('region_id', 'dcim.region', 'id', (row, ctx) => siteOf(row, ctx)?.region_id, { tree: true }),
    filter.model('region', 'dcim.region', 'slug', (row, ctx) => siteOf(row, ctx)?.region_id, { tree: true }),
    filter.model('site_group_id', 'dcim.sitegroup', 'id', (row, ctx) => siteOf(row, ctx)?.group_id, { tree: true }),
    filter.model('site_group', 'dcim.sitegroup', 'slug', (row, ctx) => siteOf(row, ctx)?.group_id, { tree: true }),
    filter.model('role_id', 'dcim.devicerole', 'id', (row) => row.role_id, { tree: true }),
    filter.model('role', 'dcim.devicerole', 'slug', (row) => row.role_id, { tree: true }),
    filter.model('platform_id', 'dcim.platform', 'id', (row) => row.platform_id, { tree: true }),
    filter.model('platform', 'dcim.platform', 'slug', (row) => row.platform_id, { tree: true }),
    filter.model('primary_ip4', 'ipam.ipaddress', 'address', (row) => row.primary_ip4_id),
    filter.model('primary_ip6', 'ipam.ipaddress', 'address', (row) => row.primary_ip6_id),
    macAddressFilter('mac_address', (row, ctx) => interfaceIds(row, ctx), 'virtualization.vminterface'),
    filter.flag('has_primary_ip', (row) => (row.primary_ip4_id ?? null) !== null || (row.primary_ip6_id ?? null) !== null, 'Has a primary IP'),
    filter.flag('local_context_data', (row) => (row.local_context_data ?? null) !== null, 'Has local config context data'),
    filter.number('interface_count', interfaceCount),
    filter.number('virtual_disk_count', virtualDiskCount),
    filter.custom('q', (row, values, ctx) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const lower = raw.toLowerCase();
      const startsWith = (ipId: unknown): boolean => String(ctx.db.get('ipam_ipaddress', ipId)?.address ?? '\u0000').startsWith(raw);
      return (
        ['name', 'description', 'comments', 'serial'].some((c) => String(row[c] ?? '').toLowerCase().includes(lower)) ||
        startsWith(row.primary_ip4_id) ||
        startsWith(row.primary_ip6_id)
      );
    }),
    ...tenancyFilters(),
    ...contactFilters('virtualization.virtualmachine'),
    ...ownerFilters(),
    ...requestFilters('virtualization.virtualmachine'),
  ],
  search: [],
});
