import type { ApiContext, JsonSchema } from '../model-def.ts';
import { familyOf } from './family.ts';

export const NESTED_IP_ADDRESS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    url: { type: 'string', format: 'uri' },
    display_url: { type: 'string', format: 'uri' },
    display: { type: 'string' },
    family: { type: 'integer' },
    address: { type: 'string' },
  },
};

/**
 * NestedIPAddressSerializer, which NetBox still uses for NAT relations: unlike the brief form it has
 * `display_url` and shows `family` as a bare number.
 */
export function nestedIpAddress(ctx: ApiContext, id: unknown): Record<string, unknown> | null {
  if (id === null || id === undefined) return null;
  const model = ctx.model('ipam.ipaddress');
  const row = ctx.db.get(model.table, id);
  if (!row) return null;
  return {
    id: Number(row.id),
    url: `${ctx.baseUrl}/api/ipam/ip-addresses/${String(row.id)}/`,
    display_url: `${ctx.baseUrl}/ipam/ip-addresses/${String(row.id)}/`,
    display: model.display(row, ctx),
    family: familyOf(row.address),
    address: row.address,
  };
}
