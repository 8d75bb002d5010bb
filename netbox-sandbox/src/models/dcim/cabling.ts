import type { Row } from '../../db/dataset.ts';
import { field } from '../field.ts';
import type { ApiContext, FieldDef, ModelKey } from '../model-def.ts';
import { nodeParts } from '../../paths/path-nodes.ts';
import { hop, typeKey } from './related.ts';

type Nested = Record<string, unknown> | null;

/** The terminations on the far end of a row's cable (CabledObjectModel.link_peers). */
function peerTerminations(key: ModelKey, row: Row, ctx: ApiContext): readonly Row[] {
  if (row.cable_id === null || row.cable_id === undefined) return [];
  const all = ctx.db.where('dcim_cabletermination', 'cable_id', row.cable_id);
  const own = all.find((t) => typeKey(ctx, t.termination_type_id) === key && t.termination_id === row.id);
  const end = row.cable_end || own?.cable_end;
  return all.filter((t) => t.cable_end !== end);
}

function nestedNode(ctx: ApiContext, typeId: unknown, id: unknown): Nested {
  const key = typeKey(ctx, typeId);
  return key ? ctx.nested(key as ModelKey, id as number) : null;
}

/** The far ends of a complete cable path: the nodes of its last hop (CablePath.destinations). */
function destinations(row: Row, ctx: ApiContext): [string, unknown][] {
  const path = hop(ctx, 'dcim_cablepath', row._path_id);
  if (!path?.is_complete || !Array.isArray(path.path)) return [];
  const last = path.path.at(-1) as unknown;
  return Array.isArray(last) ? last.map((node) => nodeParts(node)) : [];
}

/** `cable`, nested as NetBox's brief cable. */
export const cableField = (): FieldDef => field.fk('cable', 'dcim.cable', { nullable: true });

/** `cable_end`: A, B, or null when not cabled. */
export const cableEndField = (): FieldDef => field.string('cable_end', { nullable: true });

export function linkPeersFields(key: ModelKey): FieldDef[] {
  return [
    field.computed('link_peers', { type: 'array', items: {}, readOnly: true }, (row, ctx) =>
      // A peer of a model the sandbox does not serve is left out rather than shown as null.
      peerTerminations(key, row, ctx)
        .map((t) => nestedNode(ctx, t.termination_type_id, t.termination_id))
        .filter((peer) => peer !== null),
    ),
    field.computed(
      'link_peers_type',
      { type: 'string', readOnly: true, nullable: true },
      (row, ctx) => {
        const [first] = peerTerminations(key, row, ctx);
        return first ? (typeKey(ctx, first.termination_type_id) ?? null) : null;
      },
      { nullable: true },
    ),
  ];
}

/** ConnectedEndpointsSerializer: the far end of the cable path, following front and rear ports. */
export function connectedEndpointsFields(): FieldDef[] {
  return [
    field.computed(
      'connected_endpoints',
      { type: 'array', items: {}, nullable: true, readOnly: true },
      (row, ctx) => {
        const ends = destinations(row, ctx)
          .map(([typeId, id]) => nestedNode(ctx, typeId, Number(id)))
          .filter((end) => end !== null);
        return ends.length > 0 ? ends : null;
      },
      { nullable: true },
    ),
    field.computed(
      'connected_endpoints_type',
      { type: 'string', readOnly: true, nullable: true },
      (row, ctx) => {
        const [first] = destinations(row, ctx);
        return first ? (typeKey(ctx, first[0]) ?? null) : null;
      },
      { nullable: true },
    ),
    // ConnectedEndpointsSerializer: `path.is_complete and path.is_active` with a path, False without one.
    field.computed('connected_endpoints_reachable', { type: 'boolean', readOnly: true }, (row, ctx) => {
      const path = hop(ctx, 'dcim_cablepath', row._path_id);
      return path ? Boolean(path.is_complete) && Boolean(path.is_active) : false;
    }),
  ];
}

/** `_occupied`: cabled or marked connected. */
export const occupiedField = (): FieldDef =>
  field.computed('_occupied', { type: 'boolean', readOnly: true }, (row) => Boolean(row.mark_connected) || Boolean(row.cable_id));
