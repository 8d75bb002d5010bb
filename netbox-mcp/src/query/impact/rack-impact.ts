import type { ImpactGroup } from '../../result/tool-data.ts';
import { neighborDevices, scanNeighbors } from '../cabled-neighbors.ts';
import { settle } from '../fan-out.ts';
import { failedGroup, listGroup, refGroup, type ImpactScope } from './impact-group.ts';

/** A rack's devices, the power feeds into it, its cables, and the devices elsewhere cabled to its devices. */
export async function rackImpact(scope: ImpactScope, id: number): Promise<ImpactGroup[]> {
  const { ctx, catalog, log, limit } = scope;
  const deviceType = catalog.resolve('dcim.device');
  const [devices, feeds, cables, members] = await Promise.all([
    listGroup(scope, { key: 'devices', label: 'devices in it', model: 'dcim.device', params: { rack_id: id } }),
    listGroup(scope, { key: 'power_feeds', label: 'power feeds into it', model: 'dcim.powerfeed', params: { rack_id: id } }),
    listGroup(scope, { key: 'cables', label: 'cables on its devices', model: 'dcim.cable', params: { rack_id: id } }),
    settle(log.all<{ id: number }>(deviceType, { rack_id: id, fields: 'id' })),
  ]);
  const groups = [devices, feeds, cables].filter((g): g is ImpactGroup => g !== undefined);
  if (!members.ok) return [...groups, failedGroup('outside', 'devices elsewhere cabled to them', 'dcim.device', members.error)];
  const inRack = new Set(members.value.map((d) => d.id));
  if (inRack.size === 0) return [...groups, refGroup('outside', 'devices elsewhere cabled to them', 'dcim.device', [], limit)];
  const scan = await settle(scanNeighbors(ctx, log, catalog, [...inRack], 1));
  if (!scan.ok) return [...groups, failedGroup('outside', 'devices elsewhere cabled to them', 'dcim.device', scan.error)];
  const outside = neighborDevices(scan.value.links).filter((d) => !inRack.has(d.id));
  return [...groups, refGroup('outside', 'devices elsewhere cabled to them', 'dcim.device', outside, limit)];
}
