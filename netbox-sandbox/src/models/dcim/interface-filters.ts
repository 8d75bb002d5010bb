import type { Row } from '../../db/dataset.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';
import { hop } from './related.ts';

const VIRTUAL_TYPES = new Set(['virtual', 'bridge', 'lag']);
const WIRELESS_TYPES = new Set([
  'ieee802.11a',
  'ieee802.11g',
  'ieee802.11n',
  'ieee802.11ac',
  'ieee802.11ad',
  'ieee802.11ax',
  'ieee802.11ay',
  'ieee802.11be',
  'ieee802.15.1',
  'ieee802.15.4',
  'other-wireless',
]);

/** `kind=physical|virtual|wireless`; any other kind matches nothing, as NetBox's filter_kind. */
export const kindFilter = (): FilterDef =>
  filter.custom('kind', (row, values) => {
    const kind = (values[values.length - 1] ?? '').trim().toLowerCase();
    const type = String(row.type);
    if (kind === 'physical') return !VIRTUAL_TYPES.has(type) && !WIRELESS_TYPES.has(type);
    if (kind === 'virtual') return VIRTUAL_TYPES.has(type);
    if (kind === 'wireless') return WIRELESS_TYPES.has(type);
    return false;
  });

/** The VLANs an interface carries: untagged, tagged and its Q-in-Q service VLAN. */
function vlanIds(row: Row, ctx: ApiContext): unknown[] {
  const tagged = ctx.db.where('dcim_interface_tagged_vlans', 'interface_id', row.id).map((r) => r.vlan_id);
  return [row.untagged_vlan_id, ...tagged, row.qinq_svlan_id].filter((id) => id !== null && id !== undefined);
}

/** `vlan_id` (a VLAN's id) and `vlan` (a VID): CharFilters taking one value; blank filters nothing. */
export function vlanFilters(): FilterDef[] {
  const single = (values: readonly string[]): string => (values[values.length - 1] ?? '').trim();
  return [
    filter.custom('vlan_id', (row, values, ctx) => {
      const value = single(values);
      return value === '' || vlanIds(row, ctx).some((id) => String(id) === value);
    }),
    filter.custom('vlan', (row, values, ctx) => {
      const value = single(values);
      return value === '' || vlanIds(row, ctx).some((id) => String(hop(ctx, 'ipam_vlan', id)?.vid) === value);
    }),
  ];
}

/**
 * Device.vc_interfaces(): a device's own interfaces and, where it is in a virtual chassis (as master, or for
 * `if_master=False` as any member), the other members' non-management interfaces.
 */
function vcInterfaceOf(row: Row, device: Row, ctx: ApiContext, ifMaster: boolean): boolean {
  if (row.device_id === device.id) return true;
  const vc = hop(ctx, 'dcim_virtualchassis', device.virtual_chassis_id);
  if (!vc || (ifMaster && vc.master_id !== device.id) || row.mgmt_only === true) return false;
  return hop(ctx, 'dcim_device', row.device_id)?.virtual_chassis_id === vc.id;
}

function vcFilter(name: string, by: 'name' | 'id', ifMaster: boolean): FilterDef {
  // One query passes the same values for every row: look the devices up once.
  const devices = new WeakMap<readonly string[], Row[]>();
  return filter.custom(
    name,
    (row, values, ctx) => {
      let named = devices.get(values);
      if (!named) {
        named = ctx.db.rows('dcim_device').filter((d) => values.includes(String(d[by])));
        devices.set(values, named);
      }
      return named.some((d) => vcInterfaceOf(row, d, ctx, ifMaster));
    },
    { paramType: by === 'id' ? 'integer' : 'string' },
  );
}

export function virtualChassisFilters(): FilterDef[] {
  return [
    vcFilter('virtual_chassis_member', 'name', false),
    vcFilter('virtual_chassis_member_id', 'id', false),
    vcFilter('virtual_chassis_member_or_master', 'name', true),
    vcFilter('virtual_chassis_member_or_master_id', 'id', true),
  ];
}
