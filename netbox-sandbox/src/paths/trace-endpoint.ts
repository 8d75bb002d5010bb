import type { Row } from '../db/dataset.ts';
import type { ApiContext, ModelKey } from '../models/model-def.ts';
import { nestedStep, pathObjects, type PathObject } from './path-nodes.ts';
import { tracedCable } from './traced-cable.ts';

/** One segment of a trace: near-end terminations, the cable (or `[]`), far-end terminations (or `[]`). */
export type TraceSegment = [Record<string, unknown>[], Record<string, unknown> | [], Record<string, unknown>[]];

/**
 * `GET …/{id}/trace/` (PathEndpointMixin.trace) for a path endpoint: its cable path, continued through a bridged
 * interface at the far end, padded as PathEndpoint.trace() pads it, as (near, cable, far) segments. A split
 * path stops at the segment whose near ends are unknown.
 */
export function traceSegments(ctx: ApiContext, key: ModelKey, origin: Row): TraceSegment[] {
  const steps: PathObject[][] = [];
  const seen = new Set<unknown>();
  let current: { key: ModelKey; row: Row } | undefined = { key, row: origin };
  while (current) {
    const path = ctx.db.get('dcim_cablepath', current.row._path_id);
    // A bridge that leads back into a path already traced would loop forever; NetBox's data cannot hold one.
    if (!path || seen.has(path.id)) break;
    seen.add(path.id);
    steps.push(...pathObjects(ctx, path.path));
    if (steps.length % 3 === 1) steps.push([], []);
    else if (steps.length % 3 === 2) steps.splice(steps.length - 1, 0, []);
    current = bridgedOrigin(ctx, path);
  }
  const segments: TraceSegment[] = [];
  for (let i = 0; i + 2 < steps.length; i += 3) {
    const [near, cables, far] = [steps[i]!, steps[i + 1]!, steps[i + 2]!];
    if (near.length === 0) break;
    const cable = cables[0]?.key === 'dcim.cable' ? tracedCable(ctx, cables[0].id) : null;
    segments.push([nestedStep(ctx, near), cable ?? [], nestedStep(ctx, far)]);
  }
  return segments;
}

/** The one destination of a complete path, when it is an interface bridged to another: the trace goes on there. */
function bridgedOrigin(ctx: ApiContext, path: Row): { key: ModelKey; row: Row } | undefined {
  if (!path.is_complete) return undefined;
  const last = pathObjects(ctx, path.path).at(-1) ?? [];
  if (last.length !== 1 || last[0]!.key !== 'dcim.interface') return undefined;
  const bridge = ctx.db.get('dcim_interface', ctx.db.get('dcim_interface', last[0]!.id)?.bridge_id);
  return bridge ? { key: 'dcim.interface', row: bridge } : undefined;
}
