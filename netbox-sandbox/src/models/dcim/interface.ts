import type { Row } from '../../db/dataset.ts';
import {
  INTERFACE_DUPLEX,
  INTERFACE_MODE,
  INTERFACE_POE_MODE,
  INTERFACE_POE_TYPE,
  INTERFACE_TYPE,
  WIRELESS_CHANNEL,
  WIRELESS_ROLE,
} from '../choices/dcim-choices.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext, ModelKey } from '../model-def.ts';
import { cableEndField, cableField, connectedEndpointsFields, linkPeersFields, occupiedField } from './cabling.ts';
import {
  cabledFilters,
  deviceComponentFilters,
  ownerFilters,
  pathEndpointFilters,
  TEXT_LOOKUPS_NO_EMPTY,
  withLookups,
} from './common-filters.ts';
import {
  COMPONENT_BRIEF,
  COMPONENT_SEARCH,
  componentDisplay,
  componentTail,
  deviceField,
  moduleField,
} from './component-fields.ts';
import { kindFilter, virtualChassisFilters, vlanFilters } from './interface-filters.ts';
import { interfaceRelatedFilters } from './interface-related-filters.ts';
import { formatMac, macRows } from './mac.ts';
import { bridgeInterfacesField, nestedInterfaceField } from './nested-interface.ts';
import { assignedTo, hop } from './related.ts';

const ids = (rows: readonly Row[], column = 'id'): number[] => rows.map((r) => Number(r[column]));

const vdcIds = (row: Row, ctx: ApiContext): number[] =>
  ids(ctx.db.where('dcim_interface_vdcs', 'interface_id', row.id), 'virtualdevicecontext_id');

const l2vpnTerminationId = (row: Row, ctx: ApiContext): unknown =>
  assignedTo(ctx, 'vpn_l2vpntermination', 'assigned_object', 'dcim.interface', row.id)[0]?.id;

/** A relation into an app the sandbox may not serve (wireless, VPN): its nested form, or nothing. */
const optional = (ctx: ApiContext, key: ModelKey, id: unknown): Record<string, unknown> | null =>
  id === null || id === undefined ? null : ctx.nested(key, id as number);

export const iface = defineModel({
  key: 'dcim.interface',
  path: 'interfaces',
  table: 'dcim_interface',
  schemaName: 'Interface',
  fields: [
    ...headFields(),
    deviceField(),
    field.many('vdcs', 'dcim.virtualdevicecontext', vdcIds),
    moduleField(),
    field.string('name'),
    field.string('label'),
    field.choice('type', INTERFACE_TYPE),
    field.boolean('enabled'),
    nestedInterfaceField('parent'),
    nestedInterfaceField('bridge'),
    bridgeInterfacesField(),
    nestedInterfaceField('lag'),
    field.integer('mtu', { nullable: true }),
    // Interface.mac_address is the primary MAC address (4.2+).
    field.computed(
      'mac_address',
      { type: 'string', nullable: true, readOnly: true },
      (row, ctx) => formatMac(hop(ctx, 'dcim_macaddress', row.primary_mac_address_id)?.mac_address),
      { nullable: true },
    ),
    field.fk('primary_mac_address', 'dcim.macaddress', { nullable: true }),
    field.many('mac_addresses', 'dcim.macaddress', (row, ctx) => ids(macRows(ctx, 'dcim.interface', row.id))),
    field.integer('speed', { nullable: true }),
    field.choice('duplex', INTERFACE_DUPLEX, { nullable: true }),
    field.string('wwn', { nullable: true }),
    field.boolean('mgmt_only'),
    field.string('description'),
    field.choice('mode', INTERFACE_MODE),
    field.choice('rf_role', WIRELESS_ROLE),
    field.choice('rf_channel', WIRELESS_CHANNEL),
    field.choice('poe_mode', INTERFACE_POE_MODE),
    field.choice('poe_type', INTERFACE_POE_TYPE),
    field.number('rf_channel_frequency', { nullable: true }),
    field.number('rf_channel_width', { nullable: true }),
    field.integer('tx_power', { nullable: true }),
    field.fk('untagged_vlan', 'ipam.vlan', { nullable: true }),
    field.many('tagged_vlans', 'ipam.vlan', (row, ctx) =>
      ids(ctx.db.where('dcim_interface_tagged_vlans', 'interface_id', row.id), 'vlan_id'),
    ),
    field.fk('qinq_svlan', 'ipam.vlan', { nullable: true }),
    field.fk('vlan_translation_policy', 'ipam.vlantranslationpolicy', { nullable: true }),
    field.boolean('mark_connected'),
    cableField(),
    cableEndField(),
    field.computed(
      'wireless_link',
      { allOf: [{ $ref: '#/components/schemas/NestedWirelessLink' }], nullable: true, readOnly: true },
      (row, ctx) => optional(ctx, 'wireless.wirelesslink', row.wireless_link_id),
      { nullable: true },
    ),
    ...linkPeersFields('dcim.interface'),
    field.computed('wireless_lans', { type: 'array', items: { $ref: '#/components/schemas/WirelessLAN' } }, (row, ctx) =>
      ctx.db
        .where('dcim_interface_wireless_lans', 'interface_id', row.id)
        .map((r) => optional(ctx, 'wireless.wirelesslan', r.wirelesslan_id))
        .filter((lan) => lan !== null),
    ),
    field.fk('vrf', 'ipam.vrf', { nullable: true }),
    field.computed(
      'l2vpn_termination',
      { allOf: [{ $ref: '#/components/schemas/BriefL2VPNTermination' }], nullable: true, readOnly: true },
      (row, ctx) => optional(ctx, 'vpn.l2vpntermination', l2vpnTerminationId(row, ctx)),
      { nullable: true },
    ),
    ...connectedEndpointsFields(),
    ...componentTail(),
    field.computed('count_ipaddresses', { type: 'integer', readOnly: true }, (row, ctx) =>
      assignedTo(ctx, 'ipam_ipaddress', 'assigned_object', 'dcim.interface', row.id).length,
    ),
    field.computed('count_fhrp_groups', { type: 'integer', readOnly: true }, (row, ctx) =>
      assignedTo(ctx, 'ipam_fhrpgroupassignment', 'interface', 'dcim.interface', row.id).length,
    ),
    occupiedField(),
  ],
  brief: COMPONENT_BRIEF,
  display: componentDisplay,
  ordering: ['device', '_name'],
  filters: [
    ...deviceComponentFilters({ modular: true }),
    ...cabledFilters('dcim.interface'),
    ...pathEndpointFilters(),
    kindFilter(),
    ...interfaceRelatedFilters(),
    ...vlanFilters(),
    ...virtualChassisFilters(),
    withLookups(
      filter.string('mac_address', (row, ctx) => macRows(ctx, 'dcim.interface', row.id).map((m) => formatMac(m.mac_address))),
      TEXT_LOOKUPS_NO_EMPTY,
    ),
    withLookups(filter.string('wwn'), TEXT_LOOKUPS_NO_EMPTY),
    filter.model('parent_id', 'dcim.interface', 'id', (row) => row.parent_id),
    filter.model('bridge_id', 'dcim.interface', 'id', (row) => row.bridge_id),
    filter.model('lag_id', 'dcim.interface', 'id', (row) => row.lag_id),
    filter.model('primary_mac_address', 'dcim.macaddress', 'mac_address', (row) => row.primary_mac_address_id),
    filter.model('vrf', 'ipam.vrf', 'rd', (row) => row.vrf_id),
    filter.model('vlan_translation_policy', 'ipam.vlantranslationpolicy', 'name', (row) => row.vlan_translation_policy_id),
    filter.model('vdc', 'dcim.virtualdevicecontext', 'name', vdcIds),
    filter.model('vdc_id', 'dcim.virtualdevicecontext', 'id', vdcIds),
    filter.model('vdc_identifier', 'dcim.virtualdevicecontext', 'identifier', vdcIds),
    ...ownerFilters(),
  ],
  noFilters: ['untagged_vlan_id', 'untagged_vlan', 'qinq_svlan_id', 'qinq_svlan'],
  search: COMPONENT_SEARCH,
});
