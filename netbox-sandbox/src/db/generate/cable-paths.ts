import type { Row } from '../dataset.ts';
import { TERMINATION_MODELS, TERMINATION_TABLES } from './cabler.ts';
import type { Cabler, TerminationKind } from './cabler.ts';
import type { GenerationContext } from './context.ts';

const ENDPOINTS: ReadonlySet<string> = new Set(['interface', 'consoleport', 'consoleserverport', 'powerport', 'poweroutlet']);

/**
 * NetBox's `dcim_cablepath` rows (`CablePath.from_origin`): from every cabled interface, console or power
 * port, follow cables through patch panels (front port -> rear port -> rear port -> front port) and across
 * circuits to the far end, and point the origin's `_path_id` at the path.
 */
export function traceCablePaths(ctx: GenerationContext, cabler: Cabler): void {
  const db = ctx.db;
  const node = (kind: TerminationKind, id: unknown): string => `${ctx.ct.id(TERMINATION_MODELS[kind])}:${String(id)}`;
  const cableNode = (id: number): string => `${ctx.ct.id('dcim.cable')}:${id}`;
  const row = (kind: TerminationKind, id: number): Row => db.table(TERMINATION_TABLES[kind]).get(id);
  const statusOf = new Map<unknown, unknown>();
  for (const cable of db.rows('dcim_cable')) statusOf.set(cable.id, cable.status);
  const frontByRear = new Map<string, number>();
  for (const fp of db.rows('dcim_frontport')) frontByRear.set(`${String(fp.rear_port_id)}:${String(fp.rear_port_position)}`, fp.id as number);
  const circuitEnds = new Map<unknown, Map<unknown, Row>>();
  for (const ct of db.rows('circuits_circuittermination')) {
    const ends = circuitEnds.get(ct.circuit_id) ?? new Map<unknown, Row>();
    ends.set(ct.term_side, ct);
    circuitEnds.set(ct.circuit_id, ends);
  }
  const parse = (key: string): [TerminationKind, number] => {
    const [kind, id] = key.split(':');
    return [kind as TerminationKind, Number(id)];
  };

  const paths = db.table('dcim_cablepath');
  const origins = [...db.rows('dcim_cabletermination')];
  for (const termination of origins) {
    const originKind = (Object.keys(TERMINATION_MODELS) as TerminationKind[]).find((k) => ctx.ct.id(TERMINATION_MODELS[k]) === termination.termination_type_id);
    if (!originKind || !ENDPOINTS.has(originKind)) continue;
    const originId = termination.termination_id as number;
    const path: string[][] = [];
    let isActive = true;
    let isComplete = false;
    let position: number | null = null;
    let current: [TerminationKind, number] | null = [originKind, originId];
    while (current) {
      const [kind, id] = current;
      path.push([node(kind, id)]);
      const link = cabler.links.get(`${kind}:${id}`);
      if (!link) break;
      path.push([cableNode(link.cableId)]);
      if (statusOf.get(link.cableId) !== 'connected') isActive = false;
      const [peerKind, peerId] = parse(link.peer);
      path.push([node(peerKind, peerId)]);
      current = null;
      if (ENDPOINTS.has(peerKind)) {
        isComplete = true;
      } else if (peerKind === 'frontport') {
        const fp = row('frontport', peerId);
        position = fp.rear_port_position as number;
        current = ['rearport', fp.rear_port_id as number];
      } else if (peerKind === 'rearport') {
        const rp = row('rearport', peerId);
        const pos = (rp.positions as number) === 1 ? 1 : position;
        const front = pos === null ? undefined : frontByRear.get(`${peerId}:${pos}`);
        if (front !== undefined) current = ['frontport', front];
      } else if (peerKind === 'circuittermination') {
        const near = row('circuittermination', peerId);
        const far = circuitEnds.get(near.circuit_id)?.get(near.term_side === 'A' ? 'Z' : 'A');
        if (!far) break;
        if (far._provider_network_id !== null) {
          path.push([node('circuittermination', far.id)], [`${ctx.ct.id('circuits.providernetwork')}:${String(far._provider_network_id)}`]);
          isComplete = true;
        } else if (far.cable_id === null) {
          path.push([node('circuittermination', far.id)], [`${String(far.termination_type_id)}:${String(far.termination_id)}`]);
        } else {
          current = ['circuittermination', far.id as number];
        }
      }
      // A rear port reached from its front port continues over the rear port's own cable.
      if (current && current[0] === 'rearport' && peerKind === 'frontport') {
        const [rk, rid] = current;
        path.push([node(rk, rid)]);
        const trunk = cabler.links.get(`${rk}:${rid}`);
        if (!trunk) {
          current = null;
          break;
        }
        path.push([cableNode(trunk.cableId)]);
        if (statusOf.get(trunk.cableId) !== 'connected') isActive = false;
        const [farKind, farId] = parse(trunk.peer);
        path.push([node(farKind, farId)]);
        current = null;
        if (farKind === 'rearport') {
          const front = position === null ? undefined : frontByRear.get(`${farId}:${position}`);
          if (front !== undefined) current = ['frontport', front];
        }
      }
    }
    const created = paths.add({ _nodes: path.flat(), is_active: isActive, is_split: false, path, is_complete: isComplete });
    row(originKind, originId)._path_id = created.id;
  }
}
