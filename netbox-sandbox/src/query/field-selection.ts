import type { Representation } from '../serialize/serialize-object.ts';

export interface FieldSelection {
  readonly representation: Representation;
  readonly keep?: (name: string) => boolean;
}

const TRUE_VALUES = new Set(['true', 'True', '1']);

function names(raw: string | null): Set<string> | undefined {
  if (raw === null) return undefined;
  return new Set(raw.split(',').map((s) => s.trim()).filter(Boolean));
}

/**
 * `brief`, `fields`, `omit` and `exclude=config_context`, as NetBox 4.6 reads them: `fields` names what to
 * show, `omit` what to leave out; both keep serializer order.
 */
export function readFieldSelection(params: URLSearchParams): FieldSelection {
  const representation: Representation = TRUE_VALUES.has(params.get('brief') ?? '') ? 'brief' : 'full';
  const only = names(params.get('fields'));
  const omit = names(params.get('omit'));
  const exclude = names(params.get('exclude'));
  const dropped = exclude?.has('config_context') ? new Set([...(omit ?? []), 'config_context']) : omit;
  if (!only && !dropped) return { representation };
  return {
    representation: only ? 'full' : representation,
    keep: (name) => (!only || only.has(name)) && !(dropped?.has(name) ?? false),
  };
}
