import type { ImpactGroup, ObjectRef } from '../../result/tool-data.ts';
import { settle } from '../fan-out.ts';
import { objectRef } from '../path-ends.ts';
import { failedGroup, listGroup, refGroup, type ImpactScope } from './impact-group.ts';

type Row = Readonly<Record<string, unknown>>;

/** What uses a VLAN: its prefixes, the device interfaces and VM interfaces that carry it (tagged or not), and their devices and VMs. */
export async function vlanImpact(scope: ImpactScope, id: number): Promise<ImpactGroup[]> {
  const { ctx, catalog, log, limit } = scope;
  const ifaceType = catalog.find('dcim.interface');
  const vmIfaceType = catalog.find('virtualization.vminterface');
  const [prefixes, ifaces, vmIfaces] = await Promise.all([
    listGroup(scope, { key: 'prefixes', label: 'prefixes on it', model: 'ipam.prefix', params: { vlan_id: id } }),
    ifaceType ? settle(log.all<Row>(ifaceType, { vlan_id: id, fields: 'id,url,name,device' }, 20_000)) : undefined,
    vmIfaceType ? settle(log.all<Row>(vmIfaceType, { vlan_id: id, fields: 'id,url,name,virtual_machine' }, 20_000)) : undefined,
  ]);
  const groups = [prefixes].filter((g): g is ImpactGroup => g !== undefined);
  const owners = (rows: readonly Row[], field: string, type: string): ObjectRef[] => rows.flatMap((r) => objectRef(ctx, catalog, r[field], type) ?? []);
  if (ifaces?.ok) {
    groups.push(refGroup('devices', `devices carrying it on ${ifaces.value.length} interface${ifaces.value.length === 1 ? '' : 's'}`, 'dcim.device', owners(ifaces.value, 'device', 'dcim.device'), limit, ctx.client.uiUrl(ifaceType!.listPath, { vlan_id: id })));
  } else if (ifaces) groups.push(failedGroup('devices', 'devices carrying it', 'dcim.device', ifaces.error));
  if (vmIfaces?.ok) {
    groups.push(
      refGroup('virtual_machines', `VMs carrying it on ${vmIfaces.value.length} interface${vmIfaces.value.length === 1 ? '' : 's'}`, 'virtualization.virtualmachine', owners(vmIfaces.value, 'virtual_machine', 'virtualization.virtualmachine'), limit, ctx.client.uiUrl(vmIfaceType!.listPath, { vlan_id: id })),
    );
  } else if (vmIfaces) groups.push(failedGroup('virtual_machines', 'VMs carrying it', 'virtualization.virtualmachine', vmIfaces.error));
  return groups;
}
