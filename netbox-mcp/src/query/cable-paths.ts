import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import type { CablePath, Hop, PathEnd } from '../result/tool-data.ts';
import type { Catalog } from '../schema/catalog.ts';
import { cableRef, pathEnd } from './path-ends.ts';
import { endLabel } from '../format/path-labels.ts';
import { PATH_ENDPOINT_MODELS } from './port-kinds.ts';
import type { ToolContext } from './tool-context.ts';

const NestedSchema = z.record(z.string(), z.unknown());
/** `GET …/{id}/trace/`: (near ends, cable or [], far ends) segments (PathEndpointMixin.trace). */
const TraceBodySchema = z.array(z.tuple([z.array(NestedSchema), z.union([NestedSchema, z.array(z.unknown())]), z.array(NestedSchema)]));
/** `GET …/{id}/paths/`: CablePathSerializer rows. */
const PathsBodySchema = z.array(
  z.object({ id: z.number(), path: z.array(z.array(NestedSchema)), is_active: z.boolean(), is_complete: z.boolean(), is_split: z.boolean() }),
);

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new NetboxMcpError('NETBOX_BAD_RESPONSE', `NetBox's ${what} is not in the form NetBox 4.x gives it.`, { hint: 'This NetBox may be older than 4.0 or changed by a plugin.' });
  }
  return parsed.data;
}

const ends = (ctx: ToolContext, catalog: Catalog, list: readonly unknown[]): PathEnd[] => list.flatMap((n) => pathEnd(ctx, catalog, n) ?? []);

/** Why a path that is not complete stops where it does, in words a person can act on. */
function stopsAt(last: Hop | undefined, nearHasCable: boolean, split: boolean): string | undefined {
  if (!last) return undefined;
  const near = last.near[0];
  const far = last.far[0];
  if (split) {
    const at = far ?? near;
    return `NetBox cannot follow the path past ${at ? endLabel(at) : 'its last port'}: it fans out there (a rear port with several positions reached without one), so NetBox marks it split`;
  }
  if (!far) return near ? (nearHasCable ? `it stops at ${endLabel(near)}: NetBox traces no further` : `it stops at ${endLabel(near)}, which has no cable on its far side`) : undefined;
  if (far.type === 'dcim.site') return `the circuit's far end is not cabled to any device; it ends at ${endLabel(far)}`;
  if (far.circuit) return `it ends at ${endLabel(far)}: NetBox records no termination on the circuit's other side`;
  if (!PATH_ENDPOINT_MODELS.has(far.type) && far.type !== 'circuits.providernetwork') return `it ends at ${endLabel(far)}, with nothing connected beyond`;
  return undefined;
}

/** One path from a trace endpoint's segments; NetBox's trace carries no flags, so they are read from the hops. */
export function pathFromTrace(ctx: ToolContext, catalog: Catalog, body: unknown): CablePath {
  const segments = parse(TraceBodySchema, body, 'cable trace');
  const hops: Hop[] = segments.map(([near, cable, far]) => ({ near: ends(ctx, catalog, near), cable: Array.isArray(cable) ? null : cableRef(ctx, cable), far: ends(ctx, catalog, far) }));
  const last = hops.at(-1);
  const lastNear = segments.at(-1)?.[0][0];
  const nearHasCable = Boolean(lastNear && lastNear.cable);
  const farType = last?.far[0]?.type;
  const complete = farType !== undefined && (PATH_ENDPOINT_MODELS.has(farType) || farType === 'circuits.providernetwork');
  const split = Boolean(last && last.cable === null && last.far.length === 0 && nearHasCable);
  const active = hops.every((h) => h.cable === null || h.cable.status === undefined || h.cable.status === 'connected');
  const stops = complete ? undefined : stopsAt(last, nearHasCable, split);
  return { hops, complete, active, split, ...(stops ? { stops } : {}) };
}

/** The paths a pass-through port lies on, as NetBox stores them; the same run seen from both ends is kept once. */
export function pathsFromCablePaths(ctx: ToolContext, catalog: Catalog, body: unknown): CablePath[] {
  const rows = parse(PathsBodySchema, body, 'list of cable paths');
  const seen = new Set<string>();
  const out: CablePath[] = [];
  for (const row of rows) {
    const steps = [...row.path];
    // Pad as PathEndpoint.trace() does: a path ending at a port has no cable and far end after it; one
    // ending at a site or provider network has no cable before it.
    if (steps.length % 3 === 1) steps.push([], []);
    else if (steps.length % 3 === 2) steps.splice(steps.length - 1, 0, []);
    const hops: Hop[] = [];
    for (let i = 0; i + 2 < steps.length; i += 3) {
      hops.push({ near: ends(ctx, catalog, steps[i]!), cable: cableRef(ctx, steps[i + 1]![0]), far: ends(ctx, catalog, steps[i + 2]!) });
    }
    const cables = hops.flatMap((h) => (h.cable ? [h.cable.id] : [])).sort((a, b) => a - b).join(',');
    const endsKey = [hops[0]?.near[0], hops.at(-1)?.far[0]].map((e) => (e ? `${e.type}:${e.id}` : '')).sort().join('|');
    const key = `${cables}|${endsKey}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lastNear = steps.at(-3)?.[0];
    const stops = row.is_complete ? undefined : stopsAt(hops.at(-1), Boolean(lastNear?.cable), row.is_split);
    out.push({ hops, complete: row.is_complete, active: row.is_active, split: row.is_split, ...(stops ? { stops } : {}) });
  }
  return out;
}
