import type { Row } from '../../db/dataset.ts';
import { field } from '../field.ts';
import type { ApiContext, FieldDef } from '../model-def.ts';

const NESTED_INTERFACE = ['id', 'url', 'display_url', 'display', 'device', 'name', 'cable', '_occupied'];
const NESTED_DEVICE = ['id', 'url', 'display_url', 'display', 'name'];

/** NestedInterfaceSerializer: its device is a NestedDeviceSerializer too, not the device's brief form. */
export function nestedInterface(ctx: ApiContext, id: unknown): Record<string, unknown> | null {
  if (id === null || id === undefined) return null;
  const nested = ctx.nested('dcim.interface', id as number, undefined, NESTED_INTERFACE);
  if (!nested) return null;
  const row = ctx.db.get('dcim_interface', id);
  const device = ctx.nested('dcim.device', row?.device_id as number | undefined, undefined, NESTED_DEVICE);
  // NestedInterfaceSerializer shows the cable as its bare id.
  return { ...nested, device, cable: (row?.cable_id as number | null | undefined) ?? null };
}

const SCHEMA = { allOf: [{ $ref: '#/components/schemas/NestedInterface' }], nullable: true };

/** `parent`, `bridge`, `lag`: another interface of the device, nested. */
export const nestedInterfaceField = (name: string): FieldDef =>
  field.computed(name, SCHEMA, (row: Row, ctx) => nestedInterface(ctx, row[`${name}_id`]), { nullable: true });

/** `bridge_interfaces`: the interfaces bridged to this one. */
export const bridgeInterfacesField = (): FieldDef =>
  field.computed(
    'bridge_interfaces',
    { type: 'array', items: { $ref: '#/components/schemas/NestedInterface' }, readOnly: true },
    (row: Row, ctx: ApiContext) => ctx.db.where('dcim_interface', 'bridge_id', row.id).map((i) => nestedInterface(ctx, i.id)),
  );
