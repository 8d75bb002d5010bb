import type { ImpactGroup } from '../../result/tool-data.ts';
import { listGroup, type ImpactScope } from './impact-group.ts';

/** Everything at a site: devices, racks, circuits that terminate there, prefixes, VLANs, clusters, VMs, power feeds. */
export async function siteImpact(scope: ImpactScope, id: number): Promise<ImpactGroup[]> {
  const groups = await Promise.all([
    listGroup(scope, { key: 'devices', label: 'devices', model: 'dcim.device', params: { site_id: id } }),
    listGroup(scope, { key: 'racks', label: 'racks', model: 'dcim.rack', params: { site_id: id } }),
    listGroup(scope, { key: 'circuits', label: 'circuits that terminate there', model: 'circuits.circuit', params: { site_id: id } }),
    listGroup(scope, { key: 'prefixes', label: 'prefixes', model: 'ipam.prefix', params: { site_id: id } }),
    listGroup(scope, { key: 'vlans', label: 'VLANs', model: 'ipam.vlan', params: { site_id: id } }),
    listGroup(scope, { key: 'clusters', label: 'clusters', model: 'virtualization.cluster', params: { site_id: id } }),
    listGroup(scope, { key: 'virtual_machines', label: 'virtual machines', model: 'virtualization.virtualmachine', params: { site_id: id } }),
    listGroup(scope, { key: 'power_feeds', label: 'power feeds', model: 'dcim.powerfeed', params: { site_id: id } }),
  ]);
  return groups.filter((g): g is ImpactGroup => g !== undefined);
}
