import type { ImpactGroup, ObjectRef } from '../../result/tool-data.ts';
import { settle } from '../fan-out.ts';
import { objectRef } from '../path-ends.ts';
import { vrfIdOf, vrfParam } from '../vrf-ref.ts';
import { failedGroup, listGroup, refGroup, type ImpactScope } from './impact-group.ts';

type Row = Readonly<Record<string, unknown>>;

/**
 * What lives in a prefix, counted as NetBox counts a prefix's children (its VRF; any VRF for a global
 * container): child prefixes, IPs, IP ranges, the devices and VMs those IPs are on, and its VLAN.
 */
export async function prefixImpact(scope: ImpactScope, id: number): Promise<ImpactGroup[]> {
  const { ctx, catalog, log, limit } = scope;
  const prefixType = catalog.resolve('ipam.prefix');
  const prefix = await log.get<Row>(`${prefixType.listPath}${id}/`, { fields: 'id,prefix,vrf,status,vlan' });
  const vrfId = vrfIdOf(prefix.vrf);
  const anyVrf = vrfId === null && (prefix.status as { value?: string } | null)?.value === 'container';
  const inVrf = anyVrf ? {} : { vrf_id: vrfParam({ id: vrfId, label: '' }) };
  const cidr = String(prefix.prefix);
  const ipType = catalog.find('ipam.ipaddress');
  const [children, ips, ranges, assigned] = await Promise.all([
    listGroup(scope, { key: 'child_prefixes', label: 'prefixes inside it', model: 'ipam.prefix', params: { within: cidr, ...inVrf } }),
    listGroup(scope, { key: 'ip_addresses', label: 'IP addresses in it', model: 'ipam.ipaddress', params: { parent: cidr, ...inVrf } }),
    listGroup(scope, { key: 'ip_ranges', label: 'IP ranges in it', model: 'ipam.iprange', params: { parent: cidr, ...inVrf } }),
    ipType ? settle(log.all<Row>(ipType, { parent: cidr, ...inVrf, fields: 'id,assigned_object_type,assigned_object' }, 20_000)) : undefined,
  ]);
  const groups = [children, ips, ranges].filter((g): g is ImpactGroup => g !== undefined);
  if (assigned && !assigned.ok) groups.push(failedGroup('devices', 'devices and VMs with IPs in it', 'dcim.device', assigned.error));
  if (assigned?.ok) {
    const devices: ObjectRef[] = [];
    const vms: ObjectRef[] = [];
    for (const ip of assigned.value) {
      const owner = ip.assigned_object as Row | null;
      const device = objectRef(ctx, catalog, owner?.device, 'dcim.device');
      const vm = objectRef(ctx, catalog, owner?.virtual_machine, 'virtualization.virtualmachine');
      if (device) devices.push(device);
      if (vm) vms.push(vm);
    }
    groups.push(refGroup('devices', 'devices with IPs in it', 'dcim.device', devices, limit), refGroup('virtual_machines', 'VMs with IPs in it', 'virtualization.virtualmachine', vms, limit));
  }
  const vlan = objectRef(ctx, catalog, prefix.vlan, 'ipam.vlan');
  groups.push(refGroup('vlan', 'its VLAN', 'ipam.vlan', vlan ? [vlan] : [], limit));
  return groups;
}
