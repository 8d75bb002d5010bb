import type { ApiContext, JsonSchema } from '../model-def.ts';

export const NESTED_VM_INTERFACE_SCHEMA: JsonSchema = { $ref: '#/components/schemas/NestedVMInterface', nullable: true };

/** NestedVMInterfaceSerializer (parent, bridge): its VM in the old nested form, with `display_url` and no description. */
export function nestedVmInterface(ctx: ApiContext, id: unknown): Record<string, unknown> | null {
  if (id === null || id === undefined) return null;
  const iface = ctx.db.get('virtualization_vminterface', id);
  if (!iface) return null;
  const vm = ctx.db.get('virtualization_virtualmachine', iface.virtual_machine_id);
  return {
    id: Number(iface.id),
    url: `${ctx.baseUrl}/api/virtualization/interfaces/${String(iface.id)}/`,
    display_url: `${ctx.baseUrl}/virtualization/interfaces/${String(iface.id)}/`,
    display: String(iface.name),
    virtual_machine: vm
      ? {
          id: Number(vm.id),
          url: `${ctx.baseUrl}/api/virtualization/virtual-machines/${String(vm.id)}/`,
          display_url: `${ctx.baseUrl}/virtualization/virtual-machines/${String(vm.id)}/`,
          display: String(vm.name),
          name: vm.name,
        }
      : null,
    name: iface.name,
  };
}
