import { NetboxMcpError } from '../errors.ts';
import type { ToolContext } from './tool-context.ts';
import { fanOut, type Settled } from './fan-out.ts';


/**
 * The independent parts of one profile fetched in parallel (within the fan-out limit), each kept as its own
 * outcome so a failed part is reported by name while the others are still shown.
 */
export async function fetchParts<T extends Record<string, unknown>>(
  ctx: ToolContext,
  parts: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<{ [K in keyof T]: Settled<T[K]> }> {
  const entries = Object.entries(parts) as [string, () => Promise<unknown>][];
  const settled = await fanOut(entries, ctx.limits.fanOut, ([, load]) => load());
  return Object.fromEntries(entries.map(([name], i) => [name, settled[i]])) as { [K in keyof T]: Settled<T[K]> };
}

/** `interfaces: NETBOX_SERVER_ERROR (NetBox answered 500 …)`: what failed, in words the model can pass on. */
export function failureText(name: string, error: unknown): string {
  if (error instanceof NetboxMcpError) return `${name}: ${error.code} (${error.message})`;
  return `${name}: INTERNAL_ERROR`;
}

export function errorCode(error: unknown): string {
  return error instanceof NetboxMcpError ? error.code : 'INTERNAL_ERROR';
}
