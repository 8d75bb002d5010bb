import type { CableRef, ObjectRef, PathEnd } from '../result/tool-data.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ToolContext } from './tool-context.ts';

type Nested = Readonly<Record<string, unknown>>;

const isNested = (value: unknown): value is Nested => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A nested object's NetBox UI link: its API URL's path on this NetBox, never another host a proxy put in. */
function uiLink(ctx: ToolContext, url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return ctx.client.uiUrl(new URL(url).pathname.replace(/^.*?(\/api\/)/, '/api/'));
  } catch {
    return undefined;
  }
}

/** A nested NetBox object as a drawing names it; undefined when it carries no id. */
export function objectRef(ctx: ToolContext, catalog: Catalog, nested: unknown, fallbackType = 'object'): ObjectRef | undefined {
  if (!isNested(nested) || typeof nested.id !== 'number') return undefined;
  const name = nested.name ?? nested.cid ?? nested.label ?? nested.display ?? `#${nested.id}`;
  const url = uiLink(ctx, nested.url);
  return { type: catalog.typeOfUrl(nested.url)?.key ?? fallbackType, id: nested.id, name: String(name === '' ? `#${nested.id}` : name), ...(url ? { url } : {}) };
}

/**
 * A port, circuit termination, site or provider network of a path, from NetBox's nested form: a port with
 * its device, a termination with its circuit and side.
 */
export function pathEnd(ctx: ToolContext, catalog: Catalog, nested: unknown): PathEnd | undefined {
  const ref = objectRef(ctx, catalog, nested);
  if (!ref || !isNested(nested)) return undefined;
  const device = objectRef(ctx, catalog, nested.device ?? nested.power_panel, 'dcim.device');
  const circuit = objectRef(ctx, catalog, nested.circuit, 'circuits.circuit');
  const side = typeof nested.term_side === 'string' ? nested.term_side : undefined;
  return {
    ...ref,
    ...(circuit && side ? { name: `Termination ${side}` } : {}),
    ...(device ? { device } : {}),
    ...(circuit ? { circuit } : {}),
    ...(side ? { side } : {}),
  };
}

/** A cable as a trace (TracedCableSerializer) or a brief path step shows it. */
export function cableRef(ctx: ToolContext, nested: unknown): CableRef | null {
  if (!isNested(nested) || typeof nested.id !== 'number') return null;
  const url = uiLink(ctx, nested.url);
  const label = typeof nested.label === 'string' && nested.label !== '' ? nested.label : `#${nested.id}`;
  const choice = (value: unknown): string | undefined => (isNested(value) ? String(value.value) : typeof value === 'string' && value !== '' ? value : undefined);
  const status = choice(nested.status);
  const cableType = choice(nested.type);
  const lengthUnit = choice(nested.length_unit);
  return {
    type: 'dcim.cable',
    id: nested.id,
    name: label,
    ...(url ? { url } : {}),
    ...(status ? { status } : {}),
    ...(cableType ? { cableType } : {}),
    ...(typeof nested.length === 'number' ? { length: nested.length } : {}),
    ...(lengthUnit ? { lengthUnit } : {}),
    ...(typeof nested.color === 'string' && nested.color !== '' ? { color: nested.color } : {}),
  };
}
