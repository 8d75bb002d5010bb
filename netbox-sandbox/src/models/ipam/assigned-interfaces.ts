import type { Row } from '../../db/dataset.ts';
import { FilterValueError } from '../../query/filter-value-error.ts';
import type { ApiContext } from '../model-def.ts';

/** The devices or VMs a `device=` / `device_id=` style value list names; ids must be whole numbers. */
export function namedObjects(ctx: ApiContext, table: string, parameter: string, by: 'name' | 'id', values: readonly string[]): Row[] {
  if (by === 'id') {
    return values.flatMap((v) => {
      if (!/^-?\d+$/.test(v.trim())) throw new FilterValueError(parameter, 'Enter a whole number.');
      const row = ctx.db.get(table, Number(v));
      return row ? [row] : [];
    });
  }
  const wanted = new Set(values);
  return ctx.db.rows(table).filter((r) => wanted.has(String(r.name)));
}

/**
 * Device.vc_interfaces(): a device's interfaces, and for a virtual chassis master also the non-management
 * interfaces of the other members.
 */
export function deviceInterfaceIds(ctx: ApiContext, device: Row): number[] {
  const own = ctx.db.where('dcim_interface', 'device_id', device.id);
  const chassis = ctx.db.get('dcim_virtualchassis', device.virtual_chassis_id);
  if (!chassis || chassis.master_id !== device.id) return own.map((i) => Number(i.id));
  const members = ctx.db.where('dcim_device', 'virtual_chassis_id', chassis.id).filter((d) => d.id !== device.id);
  const shared = members.flatMap((d) => ctx.db.where('dcim_interface', 'device_id', d.id).filter((i) => i.mgmt_only !== true));
  return [...own, ...shared].map((i) => Number(i.id));
}

export function vmInterfaceIds(ctx: ApiContext, vm: Row): number[] {
  return ctx.db.where('virtualization_vminterface', 'virtual_machine_id', vm.id).map((i) => Number(i.id));
}

/** Whether a row's generic `assigned_object` is an object of `key` among `ids`. */
export function assignedTo(ctx: ApiContext, row: Row, key: string, ids: ReadonlySet<number>): boolean {
  return ctx.db.contentTypeKey(row.assigned_object_type_id) === key && ids.has(Number(row.assigned_object_id));
}

/** The id of a row's generic assigned object when it is of `key`. */
export function assignedIdOf(ctx: ApiContext, row: Row, key: string): unknown {
  return ctx.db.contentTypeKey(row.assigned_object_type_id) === key ? row.assigned_object_id : null;
}
