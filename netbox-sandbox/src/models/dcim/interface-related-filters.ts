import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';
import { numberValues } from './common-filters.ts';
import { assignedTo, hop } from './related.ts';

/**
 * Interface filters on wireless, L2VPN and virtual circuit objects. Those apps may not be served, so these
 * read their tables directly instead of resolving the values through a model.
 */
export function interfaceRelatedFilters(): FilterDef[] {
  const l2vpnIds = (id: unknown, ctx: ApiContext): unknown[] =>
    assignedTo(ctx, 'vpn_l2vpntermination', 'assigned_object', 'dcim.interface', id).map((t) => t.l2vpn_id);
  const ids = (parameter: string, values: readonly string[]): number[] => numberValues(parameter, values);
  return [
    filter.custom(
      'wireless_lan_id',
      (row, values, ctx) => {
        const wanted = ids('wireless_lan_id', values);
        return ctx.db.where('dcim_interface_wireless_lans', 'interface_id', row.id).some((r) => wanted.includes(Number(r.wirelesslan_id)));
      },
      { paramType: 'integer', lookups: ['n'] },
    ),
    filter.custom('wireless_link_id', (row, values) => ids('wireless_link_id', values).includes(Number(row.wireless_link_id)), {
      paramType: 'integer',
      lookups: ['n'],
    }),
    filter.custom('l2vpn_id', (row, values, ctx) => l2vpnIds(row.id, ctx).some((id) => ids('l2vpn_id', values).includes(Number(id))), {
      paramType: 'integer',
      lookups: ['n'],
    }),
    filter.custom(
      'l2vpn',
      (row, values, ctx) => l2vpnIds(row.id, ctx).some((id) => values.includes(String(hop(ctx, 'vpn_l2vpn', id)?.identifier))),
      { lookups: ['n'] },
    ),
    filter.custom(
      'virtual_circuit_termination_id',
      (row, values, ctx) => {
        const wanted = ids('virtual_circuit_termination_id', values);
        return ctx.db.where('circuits_virtualcircuittermination', 'interface_id', row.id).some((t) => wanted.includes(Number(t.id)));
      },
      { paramType: 'integer', lookups: ['n'] },
    ),
    filter.custom(
      'virtual_circuit_id',
      (row, values, ctx) => {
        const wanted = ids('virtual_circuit_id', values);
        return ctx.db
          .where('circuits_virtualcircuittermination', 'interface_id', row.id)
          .some((t) => wanted.includes(Number(t.virtual_circuit_id)));
      },
      { paramType: 'integer', lookups: ['n'] },
    ),
  ];
}
