import type { ImpactGroup, ObjectRef, PathEnd } from '../../result/tool-data.ts';
import { pathsFromCablePaths } from '../cable-paths.ts';
import { neighborDevices, scanNeighbors } from '../cabled-neighbors.ts';
import { settle } from '../fan-out.ts';
import { endLabel } from '../../format/path-labels.ts';
import { pathEnd } from '../path-ends.ts';
import { PATH_ENDPOINT_MODELS } from '../port-kinds.ts';
import { failedGroup, refGroup, type ImpactScope } from './impact-group.ts';

type Row = Readonly<Record<string, unknown>>;

/**
 * What depends on a circuit: its two ends (where each lands), the device ports cabled to them (through patch
 * panels), and what hangs off those devices: everything else cabled to them.
 */
export async function circuitImpact(scope: ImpactScope, id: number): Promise<ImpactGroup[]> {
  const { ctx, catalog, log, limit } = scope;
  const termType = catalog.resolve('circuits.circuittermination');
  const terms = await log.all<Row>(termType, { circuit_id: id, fields: 'id,url,display,circuit,term_side,termination_type,termination,cable' });
  const landings = terms.flatMap((t) => {
    const where = pathEnd(ctx, catalog, t.termination);
    return where ? [{ ...where, name: `${String(t.term_side)}: ${endLabel(where)}` }] : [];
  });
  const traced = await Promise.all(terms.filter((t) => t.cable).map((t) => settle(log.get<unknown>(`${termType.listPath}${String(t.id)}/paths/`))));
  const ports: PathEnd[] = [];
  const failures: string[] = [];
  for (const outcome of traced) {
    if (!outcome.ok) {
      failures.push('cable paths');
      continue;
    }
    for (const path of pathsFromCablePaths(ctx, catalog, outcome.value)) {
      const ends = [...(path.hops[0]?.near ?? []), ...(path.hops.at(-1)?.far ?? [])];
      ports.push(...ends.filter((e) => PATH_ENDPOINT_MODELS.has(e.type) && e.device));
    }
  }
  const devices = [...new Map(ports.map((p) => [p.device!.id, p.device!])).values()];
  const groups: ImpactGroup[] = [
    refGroup('ends', 'its ends and where they land', 'circuits.circuittermination', landings.length ? landings : terms.flatMap((t) => pathEnd(ctx, catalog, t) ?? []), limit),
    { ...refGroup('end_ports', 'device ports cabled to its ends', 'dcim.interface', ports.map((p) => ({ ...p, name: endLabel(p) })), limit), ...(failures.length ? { failed: failures.join('; ') } : {}) },
  ];
  if (devices.length) {
    const scan = await settle(scanNeighbors(ctx, log, catalog, devices.map((d) => d.id), 2));
    if (scan.ok) {
      const behind: ObjectRef[] = neighborDevices(scan.value.links.filter((l) => !l.circuit || l.circuit.id !== id)).filter((d) => !devices.some((e) => e.id === d.id));
      groups.push(refGroup('end_devices', 'devices at its ends', 'dcim.device', devices, limit), refGroup('behind', 'devices cabled to those (what hangs off its ends)', 'dcim.device', behind, limit));
    } else {
      groups.push(refGroup('end_devices', 'devices at its ends', 'dcim.device', devices, limit), failedGroup('behind', 'devices cabled to those', 'dcim.device', scan.error));
    }
  } else {
    groups.push(refGroup('end_devices', 'devices at its ends', 'dcim.device', [], limit));
  }
  return groups;
}
