import type { Row } from '../../db/dataset.ts';
import { INTERFACE_MODE } from '../choices/dcim-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { macAddressFilter } from './mac-address-filter.ts';
import { NESTED_VM_INTERFACE_SCHEMA, nestedVmInterface } from './nested-vm-interface.ts';
import { naturalKey } from '../natural-order.ts';

const KEY = 'virtualization.vminterface';

const taggedVlanIds = (row: Row, ctx: ApiContext): number[] =>
  ctx.db.where('virtualization_vminterface_tagged_vlans', 'vminterface_id', row.id).map((r) => Number(r.vlan_id));

const assignedHere = (ctx: ApiContext, table: string, typeColumn: string, idColumn: string, row: Row): Row[] => {
  const typeId = ctx.db.contentTypeId(KEY);
  return ctx.db.where(table, idColumn, row.id).filter((r) => r[typeColumn] === typeId);
};

const macAddressIds = (row: Row, ctx: ApiContext): number[] =>
  assignedHere(ctx, 'dcim_macaddress', 'assigned_object_type_id', 'assigned_object_id', row).map((m) => Number(m.id));

const vmOf = (row: Row, ctx: ApiContext): Row | undefined => ctx.db.get('virtualization_virtualmachine', row.virtual_machine_id);

/** CommonInterfaceFilterSet's `vlan_id` / `vlan` (by VID): interfaces carrying the VLAN untagged, tagged or as S-VLAN. */
function carriesVlan(name: string, matches: (vlan: Row | undefined, value: string) => boolean): FilterDef {
  return filter.custom(name, (row, values, ctx) => {
    const value = (values[values.length - 1] ?? '').trim();
    if (value === '') return true;
    const vlanIds = [row.untagged_vlan_id, row.qinq_svlan_id, ...taggedVlanIds(row, ctx)];
    return vlanIds.some((id) => id !== null && id !== undefined && matches(ctx.db.get('ipam_vlan', id), value));
  });
}

export const vmInterface = defineModel({
  key: KEY,
  path: 'interfaces',
  table: 'virtualization_vminterface',
  schemaName: 'VMInterface',
  verboseName: 'interface',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.fk('virtual_machine', 'virtualization.virtualmachine'),
    field.string('name'),
    field.boolean('enabled'),
    field.computed('parent', NESTED_VM_INTERFACE_SCHEMA, (row, ctx) => nestedVmInterface(ctx, row.parent_id), { nullable: true }),
    field.computed('bridge', NESTED_VM_INTERFACE_SCHEMA, (row, ctx) => nestedVmInterface(ctx, row.bridge_id), { nullable: true }),
    field.integer('mtu', { nullable: true }),
    field.computed(
      'mac_address',
      { type: 'string', nullable: true, readOnly: true },
      (row, ctx) => ctx.db.get('dcim_macaddress', row.primary_mac_address_id)?.mac_address ?? null,
      { nullable: true },
    ),
    field.fk('primary_mac_address', 'dcim.macaddress', { nullable: true }),
    field.many('mac_addresses', 'dcim.macaddress', macAddressIds),
    field.string('description'),
    field.choice('mode', INTERFACE_MODE, { nullable: true }),
    field.fk('untagged_vlan', 'ipam.vlan', { nullable: true }),
    field.many('tagged_vlans', 'ipam.vlan', taggedVlanIds),
    field.fk('qinq_svlan', 'ipam.vlan', { nullable: true }),
    field.fk('vlan_translation_policy', 'ipam.vlantranslationpolicy', { nullable: true }),
    field.fk('vrf', 'ipam.vrf', { nullable: true }),
    // L2VPN terminations belong to the vpn app, which the sandbox does not serve.
    field.computed('l2vpn_termination', { $ref: '#/components/schemas/BriefL2VPNTermination', nullable: true }, () => null, { nullable: true }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.tags(),
    field.customFields(),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
    field.countBy('count_ipaddresses', (row, ctx) => assignedHere(ctx, 'ipam_ipaddress', 'assigned_object_type_id', 'assigned_object_id', row).length),
    field.countBy('count_fhrp_groups', (row, ctx) =>
      assignedHere(ctx, 'ipam_fhrpgroupassignment', 'interface_type_id', 'interface_id', row).length,
    ),
  ],
  brief: ['id', 'url', 'display', 'virtual_machine', 'name', 'description'],
  // Meta.ordering ('virtual_machine', CollateAsChar('_name')): the VM by its own ordering, then natural name order.
  ordering: ['virtual_machine', '_name', 'id'],
  sortKeys: { virtual_machine: (row, ctx) => naturalKey(vmOf(row, ctx)?.name) },
  filters: [
    filter.model('cluster_id', 'virtualization.cluster', 'id', (row, ctx) => vmOf(row, ctx)?.cluster_id),
    filter.model('cluster', 'virtualization.cluster', 'name', (row, ctx) => vmOf(row, ctx)?.cluster_id),
    filter.model('virtual_machine', 'virtualization.virtualmachine', 'name', (row) => row.virtual_machine_id),
    filter.model('parent_id', KEY, 'id', (row) => row.parent_id),
    filter.model('bridge_id', KEY, 'id', (row) => row.bridge_id),
    macAddressFilter('mac_address', (row) => [Number(row.id)], KEY),
    filter.model('primary_mac_address', 'dcim.macaddress', 'mac_address', (row) => row.primary_mac_address_id),
    filter.model('vrf', 'ipam.vrf', 'rd', (row) => row.vrf_id),
    filter.model('vlan_translation_policy', 'ipam.vlantranslationpolicy', 'name', (row) => row.vlan_translation_policy_id),
    carriesVlan('vlan_id', (vlan, value) => vlan !== undefined && String(vlan.id) === value),
    carriesVlan('vlan', (vlan, value) => vlan !== undefined && String(vlan.vid) === value),
    ...ownerFilters(),
    ...requestFilters(KEY),
  ],
  noFilters: ['untagged_vlan_id', 'untagged_vlan', 'qinq_svlan_id', 'qinq_svlan', 'mac_addresses', 'tagged_vlans'],
  search: ['name', 'description'],
});
