import type { Row } from '../../db/dataset.ts';
import type { ApiContext } from '../model-def.ts';
import { assignedTo } from './related.ts';

/** NetBox shows MAC addresses in the `mac_unix_expanded_uppercase` dialect: `00:1A:2B:3C:4D:5E`. */
export function formatMac(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const hex = String(value).replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.length === 12 ? (hex.match(/../g) ?? []).join(':') : String(value).toUpperCase();
}

/** The MAC address rows assigned to an interface (`dcim.interface`) or VM interface. */
export function macRows(ctx: ApiContext, key: string, id: unknown): Row[] {
  return assignedTo(ctx, 'dcim_macaddress', 'assigned_object', key, id);
}

/** The MAC addresses of a device's interfaces, for `?mac_address=` on devices. */
export function deviceMacs(row: Row, ctx: ApiContext): (string | null)[] {
  return ctx.db
    .where('dcim_interface', 'device_id', row.id)
    .flatMap((i) => macRows(ctx, 'dcim.interface', i.id).map((m) => formatMac(m.mac_address)));
}
