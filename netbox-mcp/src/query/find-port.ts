import { NetboxMcpError } from '../errors.ts';
import { closest } from '../schema/did-you-mean.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { PortKind } from './port-kinds.ts';
import type { QueryLog } from './query-log.ts';
import { resolveObject } from './resolve-object.ts';
import type { ToolContext } from './tool-context.ts';

export type PortRow = Readonly<Record<string, unknown>> & { readonly id: number };

export interface PortQuery {
  readonly id?: number | undefined;
  /** The device (or circuit, or power panel) the port is on. */
  readonly device?: string | undefined;
  readonly port?: string | undefined;
}

/**
 * The one port a trace starts from, in NetBox's brief form: by id, or by its device (circuit, power panel)
 * and name. A name is matched exactly, then without case; a miss names the ports the device has.
 */
export async function findPort(ctx: ToolContext, log: QueryLog, type: ObjectType, kind: PortKind, query: PortQuery): Promise<PortRow> {
  if (query.id !== undefined) {
    return log.get<PortRow>(`${type.listPath}${query.id}/`, { brief: true }).catch((error: unknown) => {
      if (error instanceof NetboxMcpError && error.code === 'NETBOX_NOT_FOUND') {
        throw new NetboxMcpError('OBJECT_NOT_FOUND', `No ${type.key} has id ${query.id}.`, { hint: 'Give the device and the port name instead.' });
      }
      throw error;
    });
  }
  const device = query.device?.trim();
  const port = query.port?.trim();
  if (!device || !port) {
    throw new NetboxMcpError('INVALID_ARGUMENT', `Name the port: device and port, or its id.`, {
      hint: `e.g. {"device": "sw-01", "port": "Ethernet1"}; for a circuit termination the circuit ID as device and A or Z as port.`,
    });
  }
  const catalog = await ctx.catalog();
  const parent = await resolveObject(ctx, catalog.resolve(kind.parent.model), device, { argument: 'device' });
  const value = kind.nameFilter === 'term_side' ? port.toUpperCase().replace(/^(SIDE|TERMINATION)\s*/, '') : port;
  const exact = await log.list<PortRow>(type.listPath, { [kind.parent.filter]: parent.id, [kind.nameFilter]: value, brief: true, limit: 2 });
  if (exact.results.length === 1) return exact.results[0]!;
  const loose = kind.nameFilter === 'name' ? await log.list<PortRow>(type.listPath, { [kind.parent.filter]: parent.id, name__ie: port, brief: true, limit: 2 }) : exact;
  if (loose.results.length === 1) return loose.results[0]!;
  const all = await log.list<PortRow>(type.listPath, { [kind.parent.filter]: parent.id, brief: true, limit: 1000 });
  const names = all.results.map((p) => String(p.name ?? p.term_side ?? p.display));
  const near = closest(port, names, 5);
  throw new NetboxMcpError('OBJECT_NOT_FOUND', `${kind.parent.word} ${parent.display} has no ${type.key} named '${port}' (it has ${all.count}).`, {
    hint: near.length ? `Did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : all.count ? `Its ports: ${names.slice(0, 12).join(', ')}${all.count > 12 ? ', …' : ''}.` : 'Check port_type.',
  });
}
