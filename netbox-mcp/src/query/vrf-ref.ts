import type { ToolContext } from './tool-context.ts';
import { resolveObject } from './resolve-object.ts';

export interface VrfRef {
  /** null: the global table. */
  readonly id: number | null;
  readonly label: string;
}

const GLOBAL = new Set(['global', 'none', 'null', 'default']);

/** A VRF as people name it (name, id, or "global" for no VRF), for `vrf_id` filters. */
export async function resolveVrf(ctx: ToolContext, vrf: string | undefined): Promise<VrfRef | undefined> {
  const text = vrf?.trim();
  if (!text) return undefined;
  if (GLOBAL.has(text.toLowerCase())) return { id: null, label: 'global' };
  const type = (await ctx.catalog()).resolve('ipam.vrf');
  const found = await resolveObject(ctx, type, text, { argument: 'vrf' });
  return { id: found.id, label: found.display };
}

/** The filter value NetBox reads for a VRF, `null` for the global table. */
export const vrfParam = (ref: VrfRef): number | 'null' => ref.id ?? 'null';

/** A nested VRF as a short label; no VRF is the global table. */
export function vrfLabel(vrf: unknown): string {
  if (vrf && typeof vrf === 'object') {
    const v = vrf as { name?: unknown; display?: unknown; id?: unknown };
    return String(v.name ?? v.display ?? `#${String(v.id)}`);
  }
  return 'global';
}

export function vrfIdOf(vrf: unknown): number | null {
  if (vrf && typeof vrf === 'object' && typeof (vrf as { id?: unknown }).id === 'number') return (vrf as { id: number }).id;
  return null;
}
