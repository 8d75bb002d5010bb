import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { findAsnRange, findPrefix, findRange, findVlanGroup, type Parent } from '../query/available-parent.ts';
import { bitsOf, countSubnets, firstSubnets, formatCidr, parseCidr, type Cidr } from '../query/prefix-math.ts';
import { QueryLog } from '../query/query-log.ts';
import type { ToolContext } from '../query/tool-context.ts';
import { resolveVrf, vrfParam } from '../query/vrf-ref.ts';
import type { AvailableData } from '../result/tool-data.ts';
import { textResult } from '../result/tool-result.ts';
import { intArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';

const KINDS = ['ip', 'prefix', 'vlan', 'asn'] as const;
type Kind = (typeof KINDS)[number];

/** NetBox's available-objects endpoints under each parent, and the UI tab that shows the same. */
const ENDPOINTS: Readonly<Record<Kind, { action: string; tab: string }>> = {
  ip: { action: 'available-ips', tab: 'ip-addresses' },
  prefix: { action: 'available-prefixes', tab: 'prefixes' },
  vlan: { action: 'available-vlans', tab: 'vlans' },
  asn: { action: 'available-asns', tab: 'asns' },
};

type Row = Readonly<Record<string, unknown>>;

export const availableTool = defineTool({
  name: 'netbox_available',
  title: 'Free IPs, prefixes, VLAN IDs, ASNs',
  description:
    "What is free, by NetBox's own available-* endpoints (read only): next free IPs in a prefix or IP range, free child prefixes " +
    '(of one length with prefix_length), free VLAN IDs in a VLAN group, free ASNs in an ASN range.',
  input: {
    kind: z.enum(KINDS).describe('ip, prefix, vlan or asn'),
    within: z.string().min(1).describe('Prefix (CIDR), IP range (a.b.c.d-e.f.g.h), VLAN group or ASN range name'),
    vrf: z.string().optional().describe('VRF of the prefix or range, or "global"'),
    prefix_length: intArg(1, 128).optional().describe('kind prefix: free blocks of this length'),
    limit: intArg(1, 1000).optional().describe('Values shown (default 10; 50 free blocks)'),
  },
  async handler(args, ctx) {
    const catalog = await ctx.catalog();
    const log = new QueryLog(ctx);
    const kind = args.kind;
    const vrf = await resolveVrf(ctx, args.vrf);
    if (vrf && (kind === 'vlan' || kind === 'asn')) throw new NetboxMcpError('INVALID_ARGUMENT', `vrf applies to IPs and prefixes, not to kind ${kind}.`);
    if (args.prefix_length !== undefined && kind !== 'prefix') throw new NetboxMcpError('INVALID_ARGUMENT', `prefix_length applies to kind prefix only.`);
    const within = args.within.trim();
    const isRange = kind === 'ip' && /^[\da-f.:]+(\/\d+)?\s*-\s*[\da-f.:]+(\/\d+)?$/i.test(within);
    const parent =
      kind === 'vlan'
        ? await findVlanGroup(ctx, log, catalog.resolve('ipam.vlangroup'), within)
        : kind === 'asn'
          ? await findAsnRange(ctx, log, catalog.resolve('ipam.asnrange'), within)
          : isRange
            ? await findRange(ctx, log, catalog.resolve('ipam.iprange'), within, vrf)
            : await findPrefix(ctx, log, catalog.resolve('ipam.prefix'), within, vrf);
    const limit = args.limit ?? (kind === 'prefix' && args.prefix_length === undefined ? 50 : 10);
    const path = `${parent.type.listPath}${parent.row.id}/`;
    const parentUrl = ctx.client.uiUrl(path);
    const tabUrl = ctx.client.uiUrl(`${path}${ENDPOINTS[kind].tab}/`);
    // One more than shown says whether there are more; available-prefixes has no limit and gives all.
    const [free, used] = await Promise.all([
      log.get<Row[]>(`${path}${ENDPOINTS[kind].action}/`, kind === 'prefix' ? {} : { limit: Math.min(limit + 1, 1000) }),
      kind === 'ip' && !isRange ? recordedIps(ctx, log, parent) : Promise.resolve(undefined),
    ]);
    const view = kind === 'prefix' ? prefixView(free, parent, args.prefix_length, limit) : valueView(kind, free, limit);
    const size = sizeOf(kind, parent);
    const facts = [size ? `${size} ${kind === 'ip' ? 'usable addresses' : kind === 'vlan' ? 'VIDs' : kind === 'asn' ? 'ASNs' : 'addresses'}` : undefined, usedText(kind, parent, used)].filter(Boolean);
    const text = [
      `${view.title} in ${parent.label}${facts.length ? ` · ${facts.join(', ')}` : ''} · NetBox: ${tabUrl}`,
      ...view.lines,
      `(NetBox's ${ENDPOINTS[kind].action}, read only: nothing is reserved.)`,
    ].join('\n');
    const data: AvailableData = {
      kind: 'available',
      resource: kind,
      parent: { type: parent.type.key, id: parent.row.id, name: parentName(parent), url: parentUrl },
      values: view.values,
      more: view.more,
      ...(size ? { size } : {}),
      ...(usedCount(kind, parent, used) !== undefined ? { used: usedCount(kind, parent, used)! } : {}),
      ...(view.freeOfLength !== undefined ? { freeOfLength: view.freeOfLength } : {}),
    };
    const names = new NameLinks().add(parentName(parent), parentUrl);
    return textResult(text, {
      queries: log.paths,
      // More free values beyond the limit are a page not asked for, not a cut (data.more says there are).
      rows: view.values.length,
      total: view.values.length,
      truncated: false,
      links: { list: tabUrl, objects: { [`${parent.type.key}:${parent.row.id}`]: parentUrl }, ...namesPart(names) },
      data,
    });
  },
});

interface View {
  readonly title: string;
  readonly lines: string[];
  readonly values: string[];
  readonly more: boolean;
  readonly freeOfLength?: string;
}

const WORDS: Readonly<Record<Exclude<Kind, 'prefix'>, string>> = { ip: 'free IP addresses', vlan: 'free VLAN IDs', asn: 'free ASNs' };

function valueView(kind: Exclude<Kind, 'prefix'>, rows: readonly Row[], limit: number): View {
  const all = rows.map((r) => String(kind === 'ip' ? r.address : kind === 'vlan' ? r.vid : r.asn));
  const values = all.slice(0, limit);
  const more = all.length > limit;
  const title = values.length === 0 ? `No ${WORDS[kind]}` : more ? `First ${values.length} ${WORDS[kind]}` : `All ${values.length} ${WORDS[kind]}`;
  return { title, lines: values.length ? [values.join(', '), ...(more ? [`More are free: limit=${Math.min(limit * 5, 1000)} shows more.`] : [])] : [], values, more };
}

/** Free space as NetBox's fewest blocks, or the first free blocks of one length with how many there are. */
function prefixView(rows: readonly Row[], parent: Parent, length: number | undefined, limit: number): View {
  const blocks = rows.map((r) => parseCidr(String(r.prefix))).filter((c): c is Cidr => c !== undefined);
  if (length === undefined) {
    const values = blocks.slice(0, limit).map(formatCidr);
    const more = blocks.length > limit;
    const freeAddresses = blocks.reduce((n, b) => n + (1n << BigInt(bitsOf(b.version) - b.length)), 0n);
    const title =
      blocks.length === 0 ? 'No free space' : `${freeAddresses} free addresses as ${blocks.length} block${blocks.length === 1 ? '' : 's'}${more ? `, first ${values.length}` : ''}`;
    return { title, lines: values.length ? [values.join(', ')] : [], values, more };
  }
  const own = parseCidr(String(parent.row.prefix));
  if (own && (length < own.length || length > bitsOf(own.version))) {
    throw new NetboxMcpError('INVALID_ARGUMENT', `prefix_length ${length} does not fit in ${formatCidr(own)}: give ${own.length}–${bitsOf(own.version)}.`);
  }
  const total = countSubnets(blocks, length);
  const values = firstSubnets(blocks, length, limit).map(formatCidr);
  const largest = blocks.reduce((best, b) => Math.min(best, b.length), 999);
  const title = total === 0n ? `No free /${length}` : `${total === BigInt(values.length) ? 'All' : 'First'} ${values.length} of ${total} free /${length}`;
  const lines = total === 0n ? [blocks.length ? `The largest free block is a /${largest} (${blocks.filter((b) => b.length === largest).map(formatCidr).join(', ')}).` : 'It has no free space at all.'] : [values.join(', ')];
  return { title, lines, values, more: total > BigInt(values.length), freeOfLength: String(total) };
}

/** How many IPs NetBox records in a prefix: its VRF's, or any VRF's for a global container (as NetBox counts). */
async function recordedIps(ctx: ToolContext, log: QueryLog, parent: Parent): Promise<number | undefined> {
  const ipType = (await ctx.catalog()).find('ipam.ipaddress');
  if (!ipType) return undefined;
  const status = (parent.row.status as { value?: string } | null)?.value;
  const anyVrf = !parent.row.vrf && status === 'container';
  const vrfId = (parent.row.vrf as { id?: number } | null)?.id;
  const page = await log.list(ipType.listPath, { parent: String(parent.row.prefix), ...(anyVrf ? {} : { vrf_id: vrfId === undefined ? vrfParam({ id: null, label: 'global' }) : vrfId }), limit: 1, fields: 'id' });
  return page.count;
}

function sizeOf(kind: Kind, parent: Parent): string | undefined {
  const row = parent.row;
  if (kind === 'vlan') return row.total_vlan_ids === undefined ? undefined : String(row.total_vlan_ids);
  if (kind === 'asn') return row.start === undefined ? undefined : String(Number(row.end) - Number(row.start) + 1);
  if (row.size !== undefined) return String(row.size);
  const cidr = parseCidr(String(row.prefix));
  if (!cidr) return undefined;
  const all = 1n << BigInt(bitsOf(cidr.version) - cidr.length);
  if (kind === 'prefix') return String(all);
  // Prefix.usable_ip_bounds: pools and /31, /32 (/127, /128) whole; IPv4 without network and broadcast; IPv6 without the anycast.
  const whole = row.is_pool === true || cidr.length >= bitsOf(cidr.version) - 1;
  return String(whole ? all : cidr.version === 4 ? all - 2n : all - 1n);
}

function usedCount(kind: Kind, parent: Parent, recorded: number | undefined): number | undefined {
  if (kind === 'ip') return recorded;
  if (kind === 'asn') return parent.row.asn_count === undefined ? undefined : Number(parent.row.asn_count);
  return undefined;
}

function usedText(kind: Kind, parent: Parent, recorded: number | undefined): string | undefined {
  const n = usedCount(kind, parent, recorded);
  if (n !== undefined) return `${n} ${kind === 'ip' ? 'IP addresses recorded' : 'ASNs recorded'}`;
  if (kind === 'vlan' && parent.row.utilization !== undefined && parent.row.utilization !== null) return `${String(parent.row.utilization)}% used`;
  return undefined;
}

function parentName(parent: Parent): string {
  const row = parent.row;
  if (row.prefix !== undefined) return String(row.prefix);
  if (row.start_address !== undefined) return `${String(row.start_address)}-${String(row.end_address)}`;
  return String(row.name ?? row.display ?? `#${row.id}`);
}
