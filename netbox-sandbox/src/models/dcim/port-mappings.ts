import type { Row } from '../../db/dataset.ts';
import type { ApiContext } from '../model-def.ts';

/** One front-to-rear position pair (NetBox 4.6's PortMapping / PortTemplateMapping). */
interface Mapping {
  readonly frontPort: number;
  readonly frontPosition: number;
  readonly rearPort: number;
  readonly rearPosition: number;
}

/** Where ports (or port templates) keep their pairs. */
interface PortTables {
  readonly mapping: string;
  readonly front: string;
}

export const PORTS: PortTables = { mapping: 'dcim_portmapping', front: 'dcim_frontport' };
export const PORT_TEMPLATES: PortTables = { mapping: 'dcim_porttemplatemapping', front: 'dcim_frontporttemplate' };

/**
 * 4.6 keeps front/rear pairs in a mapping table. Older data has one rear port per front port on the front
 * port row, which the 4.6 migration turns into a single mapping at front position 1.
 */
function mappings(ctx: ApiContext, tables: PortTables, column: 'front_port_id' | 'rear_port_id', id: unknown): Mapping[] {
  if (ctx.db.hasTable(tables.mapping)) {
    return ctx.db.where(tables.mapping, column, id).map((m) => ({
      frontPort: Number(m.front_port_id),
      frontPosition: Number(m.front_port_position ?? 1),
      rearPort: Number(m.rear_port_id),
      rearPosition: Number(m.rear_port_position ?? 1),
    }));
  }
  const fronts = column === 'front_port_id' ? [ctx.db.get(tables.front, id)] : ctx.db.where(tables.front, 'rear_port_id', id);
  return fronts
    .filter((f): f is Row => f !== undefined && f.rear_port_id !== null && f.rear_port_id !== undefined)
    .map((f) => ({
      frontPort: Number(f.id),
      frontPosition: 1,
      rearPort: Number(f.rear_port_id),
      rearPosition: Number(f.rear_port_position ?? 1),
    }));
}

/** FrontPort.rear_ports: `{position, rear_port, rear_port_position}`. */
export const rearPortsOf =
  (tables: PortTables) =>
  (row: Row, ctx: ApiContext): Record<string, number>[] =>
    mappings(ctx, tables, 'front_port_id', row.id).map((m) => ({
      position: m.frontPosition,
      rear_port: m.rearPort,
      rear_port_position: m.rearPosition,
    }));

/** RearPort.front_ports: `{position, front_port, front_port_position}`. */
export const frontPortsOf =
  (tables: PortTables) =>
  (row: Row, ctx: ApiContext): Record<string, number>[] =>
    mappings(ctx, tables, 'rear_port_id', row.id).map((m) => ({
      position: m.rearPosition,
      front_port: m.frontPort,
      front_port_position: m.frontPosition,
    }));
