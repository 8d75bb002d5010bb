import type { ImpactGroup, ObjectRef } from '../../result/tool-data.ts';
import { neighborDevices, scanNeighbors } from '../cabled-neighbors.ts';
import { settle } from '../fan-out.ts';
import { objectRef } from '../path-ends.ts';
import { formatCidr, parseCidr } from '../prefix-math.ts';
import { vrfIdOf } from '../vrf-ref.ts';
import { failedGroup, listGroup, refGroup, type ImpactScope } from './impact-group.ts';

type Row = Readonly<Record<string, unknown>>;

/**
 * What depends on a device: the devices cabled to it, circuits that end on it, its virtual chassis, the
 * cluster it hosts and that cluster's VMs (and VMs pinned to it), its IPs and the prefixes they are in, its
 * services.
 */
export async function deviceImpact(scope: ImpactScope, id: number): Promise<ImpactGroup[]> {
  const { ctx, catalog, log, limit } = scope;
  const deviceType = catalog.resolve('dcim.device');
  const device = await log.get<Row>(`${deviceType.listPath}${id}/`, { fields: 'id,name,virtual_chassis,cluster' });
  const vc = objectRef(ctx, catalog, device.virtual_chassis, 'dcim.virtualchassis');
  const cluster = objectRef(ctx, catalog, device.cluster, 'virtualization.cluster');
  const [links, chassis, clusterVms, pinned, ips, prefixes, services] = await Promise.all([
    settle(scanNeighbors(ctx, log, catalog, [id], 1)),
    vc ? listGroup(scope, { key: 'virtual_chassis', label: `members of its virtual chassis ${vc.name} (it included)`, model: 'dcim.device', params: { virtual_chassis_id: vc.id } }) : undefined,
    cluster ? listGroup(scope, { key: 'cluster_vms', label: `VMs of the cluster it hosts, ${cluster.name}`, model: 'virtualization.virtualmachine', params: { cluster_id: cluster.id } }) : undefined,
    listGroup(scope, { key: 'pinned_vms', label: 'VMs pinned to it', model: 'virtualization.virtualmachine', params: { device_id: id } }),
    listGroup(scope, { key: 'ip_addresses', label: 'IP addresses on it', model: 'ipam.ipaddress', params: { device_id: id } }),
    ipNetworks(scope, id),
    listGroup(scope, { key: 'services', label: 'services on it', model: 'ipam.service', params: { device_id: id } }),
  ]);
  const groups: (ImpactGroup | undefined)[] = [];
  if (!links.ok) {
    groups.push(failedGroup('neighbors', 'devices cabled to it', 'dcim.device', links.error));
  } else {
    const scan = links.value;
    const neighbors = neighborDevices(scan.links).filter((d) => d.id !== id);
    const circuits = scan.links.flatMap((l) => (l.circuit ? [l.circuit] : []));
    groups.push(
      { ...refGroup('neighbors', 'devices cabled to it', 'dcim.device', neighbors, limit), ...(scan.failures.length ? { failed: scan.failures.join('; ') } : {}) },
      refGroup('circuits', 'circuits that end on it', 'circuits.circuit', circuits, limit),
    );
  }
  if (cluster) groups.push(refGroup('cluster', 'the cluster it hosts', 'virtualization.cluster', [cluster], limit));
  groups.push(chassis, clusterVms, pinned, ips, prefixes, services);
  return groups.filter((g): g is ImpactGroup => g !== undefined);
}

/** The prefixes its IP addresses are in: each address's own network, where NetBox has it, in its VRF. */
async function ipNetworks(scope: ImpactScope, id: number): Promise<ImpactGroup | undefined> {
  const { ctx, catalog, log, limit } = scope;
  const ipType = catalog.find('ipam.ipaddress');
  const prefixType = catalog.find('ipam.prefix');
  if (!ipType || !prefixType) return undefined;
  try {
    const ips = await log.all<Row>(ipType, { device_id: id, fields: 'id,address,vrf' }, 5000);
    const wanted = new Map<string, Set<number | null>>();
    for (const ip of ips) {
      const cidr = parseCidr(String(ip.address));
      if (!cidr) continue;
      const net = formatCidr(cidr);
      wanted.set(net, (wanted.get(net) ?? new Set()).add(vrfIdOf(ip.vrf)));
    }
    if (wanted.size === 0) return refGroup('prefixes', 'prefixes its IPs are in', prefixType.key, [], limit);
    const rows = await log.all<Row>(prefixType, { prefix: [...wanted.keys()], fields: 'id,url,display,prefix,vrf' }, 5000);
    const refs: ObjectRef[] = rows
      .filter((p) => wanted.get(String(p.prefix))?.has(vrfIdOf(p.vrf)))
      .flatMap((p) => objectRef(ctx, catalog, { ...p, name: p.prefix }, prefixType.key) ?? []);
    return refGroup('prefixes', 'prefixes its IPs are in', prefixType.key, refs, limit);
  } catch (error) {
    return failedGroup('prefixes', 'prefixes its IPs are in', prefixType.key, error);
  }
}
