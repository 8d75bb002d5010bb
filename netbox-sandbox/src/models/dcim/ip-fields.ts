import type { Row } from '../../db/dataset.ts';
import { field } from '../field.ts';
import type { FieldDef } from '../model-def.ts';

/** Device and VDC primary IPs show the IP's brief fields plus these (NetBox 4.6, #19138). */
export const IP_EXTRA = ['dns_name', 'nat_inside', 'nat_outside'];

/** `primary_ip`: the IPv6 primary first, as NetBox does unless PREFER_IPV4 is set. */
export const primaryIpField = (): FieldDef =>
  field.computed(
    'primary_ip',
    { allOf: [{ $ref: '#/components/schemas/BriefIPAddress' }], nullable: true, readOnly: true },
    (row: Row, ctx) => ctx.nested('ipam.ipaddress', (row.primary_ip6_id ?? row.primary_ip4_id ?? null) as number | null, IP_EXTRA),
    { nullable: true },
  );

/** `primary_ip4`, `primary_ip6`, `oob_ip`. */
export const ipField = (name: string): FieldDef => field.fk(name, 'ipam.ipaddress', { nullable: true, extra: IP_EXTRA });
