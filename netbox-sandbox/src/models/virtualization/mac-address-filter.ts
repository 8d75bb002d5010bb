import type { Row } from '../../db/dataset.ts';
import { textMatcher } from '../../query/text-lookups.ts';
import { filter } from '../filter.ts';
import type { ApiContext, FilterDef } from '../model-def.ts';

const TEXT_LOOKUPS = ['n', 'ic', 'nic', 'ie', 'nie', 'isw', 'nisw', 'iew', 'niew', 'regex', 'iregex'];

function normalize(mac: string): string {
  return mac.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/**
 * MultiValueMACAddressFilter over the MAC address objects assigned to some interfaces. Exact values compare
 * as MAC addresses (any separator, any case); the text lookups read the stored form.
 */
export function macAddressFilter(name: string, interfaceIds: (row: Row, ctx: ApiContext) => readonly number[], interfaceType: string): FilterDef {
  const macs = (row: Row, ctx: ApiContext): string[] => {
    const typeId = ctx.db.contentTypeId(interfaceType);
    return interfaceIds(row, ctx).flatMap((id) =>
      ctx.db
        .where('dcim_macaddress', 'assigned_object_id', id)
        .filter((m) => m.assigned_object_type_id === typeId)
        .map((m) => String(m.mac_address)),
    );
  };
  return filter.custom(
    name,
    (row, values, ctx, lookup) => {
      const own = macs(row, ctx);
      if (lookup === 'exact') return values.some((v) => normalize(v).length === 12 && own.some((mac) => normalize(mac) === normalize(v)));
      return values.some((v) => {
        const test = textMatcher(name, lookup, v);
        return own.some((mac) => test(mac));
      });
    },
    { lookups: TEXT_LOOKUPS },
  );
}
