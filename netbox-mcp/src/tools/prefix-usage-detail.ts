import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { NetboxMcpError } from '../errors.ts';
import { compactValue } from '../format/compact-value.ts';
import { cells } from '../format/cells.ts';
import { fitSections } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { tableLines } from '../format/render-table.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from '../query/tool-context.ts';
import { textResult } from '../result/tool-result.ts';
import { bitsOf, cidrInterval, countSubnets, firstSubnets, formatCidr, formatIp, freeBlocks, parseCidr, type Cidr } from '../query/prefix-math.ts';
import {
  defined,
  formatPercent,
  IP_FIELDS,
  ipFacts,
  PREFIX_FIELDS,
  prefixFacts,
  RANGE_FIELDS,
  rangeFacts,
  sameCidr,
  scopeLabel,
  type IpRow,
  type PrefixFactsWithRow,
  type PrefixRow,
  type RangeRow,
} from '../query/prefix-rows.ts';
import { addPrefixLinks } from '../query/prefix-links.ts';
import { QueryLog } from '../query/query-log.ts';
import { UtilizationIndex, type Utilization } from '../query/utilization.ts';
import { resolveVrf, vrfLabel, vrfParam, type VrfRef } from '../query/vrf-ref.ts';

export interface PrefixDetailArgs {
  readonly prefix: string | number;
  readonly vrf?: string | undefined;
  readonly free_size?: number | undefined;
  readonly limit?: number | undefined;
}

/** Free blocks listed by name; the rest are counted. */
const MAX_FREE_LISTED = 64;

/** One prefix: its utilization as NetBox computes it, its child prefixes, and its free space. */
export async function prefixDetail(ctx: ToolContext, args: PrefixDetailArgs): Promise<CallToolResult> {
  const catalog = await ctx.catalog();
  const types = { prefix: catalog.resolve('ipam.prefix'), ip: catalog.resolve('ipam.ipaddress'), range: catalog.resolve('ipam.iprange') };
  const log = new QueryLog(ctx);
  const vrf = await resolveVrf(ctx, args.vrf);
  const self = await findPrefix(ctx, log, types.prefix, args.prefix, vrf);
  const { cidr } = self;
  if (args.free_size !== undefined && (args.free_size < cidr.length || args.free_size > bitsOf(cidr.version))) {
    throw new NetboxMcpError('INVALID_ARGUMENT', `free_size ${args.free_size} does not fit in ${formatCidr(cidr)}; use a length from ${cidr.length} to ${bitsOf(cidr.version)}.`);
  }

  // NetBox's get_child_prefixes/get_child_ips: a container in the global table shows children of every VRF.
  const allVrfs = self.vrfId === null && self.status === 'container';
  const within = { ...(allVrfs ? {} : { vrf_id: self.vrfId ?? 'null' }) };
  const text = formatCidr(cidr);
  const [childRows, ipRows, rangeRows] = await Promise.all([
    log.all<PrefixRow>(types.prefix, { within: text, ...within, fields: PREFIX_FIELDS }),
    log.all<IpRow>(types.ip, { parent: text, ...within, fields: IP_FIELDS }),
    log.all<RangeRow>(types.range, { parent: text, ...within, fields: RANGE_FIELDS }),
  ]);
  const children = childRows.map(prefixFacts).filter(defined);
  const index = new UtilizationIndex([self, ...children], ipRows.map(ipFacts).filter(defined), rangeRows.map(rangeFacts).filter(defined));
  const util = index.utilization(self);

  const sameVrf = children.filter((c) => c.vrfId === self.vrfId);
  const free = freeBlocks(cidr, sameVrf.map((c) => cidrInterval(c.cidr)));
  const limit = args.limit ?? ctx.limits.defaultLimit;
  const sorted = sortChildren(children);
  const depth = depths(sorted);
  const shown = sorted.slice(0, limit);
  const rows = shown.map((c) =>
    cells({
    id: c.row.id,
    prefix: formatCidr(c.cidr),
    vrf: vrfLabel(c.row.vrf),
    status: c.status,
    depth: depth.get(c) ?? 0,
    scope: scopeLabel(c.row),
    vlan: compactValue(c.row.vlan),
    role: compactValue(c.row.role),
    tenant: compactValue(c.row.tenant),
    util: formatPercent(index.utilization(c).percent),
    }),
  );
  const table = tableLines(rows, ['id', 'prefix', 'vrf', 'status', 'depth', 'scope', 'vlan', 'role', 'tenant', 'util']);

  // Asked which blocks are free, the child table only repeats what the free list already says.
  const onlyFree = args.free_size !== undefined;
  const url = ctx.client.uiUrl(`${types.prefix.listPath}${self.row.id}/`);
  const listParams = { within: text, ...within };
  const listUrl = ctx.client.uiUrl(types.prefix.listPath, listParams);
  const objectUrl = `${ctx.client.uiUrl(types.prefix.listPath)}{id}/`;
  const head = [
    `ipam.prefix #${self.row.id} ${text} · NetBox: ${url}`,
    describePrefix(self),
    utilizationLine(util),
    ...(util.basis === 'addresses' ? [freeIpsLine(index, self)] : []),
    freeLine(cidr, free, self),
    ...(args.free_size !== undefined ? [subnetLine(free, args.free_size)] : []),
    children.length === 0
      ? 'Child prefixes: none'
      : onlyFree
        ? `Child prefixes: ${children.length} (ask without free_size to list them)`
        : `Child prefixes (${allVrfs ? 'all VRFs' : `VRF ${vrfLabel(self.row.vrf)}`}): ${shown.length === children.length ? `all ${children.length}` : `showing 1–${shown.length} of ${children.length} (raise limit for more)`}`,
  ];
  const fitted = fitSections(
    [
      onlyFree ? { head, rows: [] } : { head, header: table.header, rows: table.lines, cutHint: 'ask with a smaller limit' },
      { head: [`NetBox child list: ${listUrl} · object: ${objectUrl}`], rows: [] },
    ],
    ctx.limits.maxResultChars,
  );
  const kept = onlyFree ? [] : shown.slice(0, fitted.kept[0]);
  const objects: Record<string, string> = { [String(self.row.id)]: url };
  const names = new NameLinks().add(text, url);
  addPrefixLinks(kept, objectUrl, { objects, names });
  return textResult(fitted.text, {
    queries: log.paths,
    rows: kept.length,
    total: children.length,
    truncated: fitted.truncated || shown.length < children.length,
    links: { list: listUrl, objects, ...namesPart(names) },
  });
}

async function findPrefix(ctx: ToolContext, log: QueryLog, type: ObjectType, ref: string | number, vrf: VrfRef | undefined): Promise<PrefixFactsWithRow> {
  const text = String(ref).trim().replace(/^#/, '');
  if (/^\d+$/.test(text)) {
    const row = await log.get<PrefixRow>(`${type.listPath}${text}/`, { fields: PREFIX_FIELDS + ',description' }).catch((error: unknown) => {
      if (error instanceof NetboxMcpError && error.code === 'NETBOX_NOT_FOUND') {
        throw new NetboxMcpError('OBJECT_NOT_FOUND', `No ipam.prefix has id ${text}.`, { hint: 'Give the prefix in CIDR form, e.g. 10.1.0.0/16.' });
      }
      throw error;
    });
    return usable(row);
  }
  const cidr = parseCidr(text);
  if (!cidr || !text.includes('/')) {
    throw new NetboxMcpError('INVALID_ARGUMENT', `'${text}' is not a prefix; give CIDR like 10.1.0.0/16 or 2001:db8::/48, or a prefix id.`);
  }
  const exact = formatCidr(cidr);
  const params = { prefix: exact, ...(vrf ? { vrf_id: vrfParam(vrf) } : {}), fields: PREFIX_FIELDS + ',description', limit: 50 };
  const page = await log.list<PrefixRow>(type.listPath, params);
  const [only] = page.results;
  if (page.count === 1 && only) return usable(only);
  if (page.count > 1) {
    const vrfs = page.results.map((r) => `#${r.id} in VRF ${vrfLabel(r.vrf)}`);
    throw new NetboxMcpError('AMBIGUOUS_NAME', `${exact} exists in ${page.count} VRFs: ${vrfs.join('; ')}.`, {
      hint: 'Name the VRF (vrf: "<name>" or "global") or give the prefix id.',
    });
  }
  const parents = await log.list<PrefixRow>(type.listPath, {
    contains: exact,
    ...(vrf ? { vrf_id: vrfParam(vrf) } : {}),
    fields: 'id,prefix,vrf',
    limit: 100,
  });
  const nearest = parents.results
    .map(prefixFacts)
    .filter(defined)
    .sort((a, b) => b.cidr.length - a.cidr.length)[0];
  throw new NetboxMcpError('OBJECT_NOT_FOUND', `${exact} is not a prefix in NetBox${vrf ? ` (VRF ${vrf.label})` : ''}.`, {
    hint: nearest
      ? `It lies within ${formatCidr(nearest.cidr)} (#${nearest.row.id}, VRF ${vrfLabel(nearest.row.vrf)}); ask for that prefix to see its free space.`
      : 'No recorded prefix contains it either.',
  });
}

function usable(row: PrefixRow): PrefixFactsWithRow {
  const facts = prefixFacts(row);
  if (!facts) throw new NetboxMcpError('NETBOX_BAD_RESPONSE', `NetBox returned prefix #${row.id} as '${row.prefix}', which is not CIDR.`);
  return facts;
}

function describePrefix(p: PrefixFactsWithRow): string {
  const parts: [string, unknown][] = [
    ['status', p.status],
    ['vrf', vrfLabel(p.row.vrf)],
    ['scope', scopeLabel(p.row)],
    ['vlan', p.row.vlan],
    ['role', p.row.role],
    ['tenant', p.row.tenant],
    ['pool', p.isPool || undefined],
    ['mark_utilized', p.markUtilized || undefined],
    ['description', p.row.description],
  ];
  return parts
    .map(([k, v]) => [k, compactValue(v)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

function utilizationLine(u: Utilization): string {
  const pct = formatPercent(u.percent);
  if (u.basis === 'marked') return `Utilization: ${pct} (marked utilized)`;
  if (u.basis === 'child prefixes') return `Utilization: ${pct} — child prefixes of the same VRF cover ${n(u.used)} of ${n(u.size)} addresses (container)`;
  const ranges = u.rangeAddresses ? `, ${n(u.rangeAddresses)} in IP ranges marked utilized` : '';
  return `Utilization: ${pct} — ${n(u.used)} of ${n(u.size)} usable addresses (${u.ips ?? 0} IP addresses${ranges})`;
}

function freeIpsLine(index: UtilizationIndex, p: PrefixFactsWithRow): string {
  const free = index.freeAddresses(p);
  const first = free.first === undefined ? '' : `, first ${formatIp({ version: p.cidr.version, value: free.first })}`;
  return `Free IPs: ${n(free.count)}${first}`;
}

function freeLine(cidr: Cidr, free: readonly Cidr[], self: PrefixFactsWithRow): string {
  const scope = `not in a child prefix of VRF ${vrfLabel(self.row.vrf)}`;
  if (free.length === 0) return `Free space (${scope}): none`;
  const total = free.reduce((s, b) => s + (1n << BigInt(bitsOf(cidr.version) - b.length)), 0n);
  const listed = free.slice(0, MAX_FREE_LISTED).map(formatCidr).join(', ');
  const more = free.length > MAX_FREE_LISTED ? `, … (${free.length - MAX_FREE_LISTED} more blocks)` : '';
  const size = cidr.version === 4 ? `, ${n(total)} addresses` : '';
  return `Free space (${scope}): ${free.length} block${free.length === 1 ? '' : 's'}${size}: ${listed}${more}`;
}

function subnetLine(free: readonly Cidr[], length: number): string {
  const count = countSubnets(free, length);
  if (count === 0n) return `Free /${length} blocks: none`;
  const first = firstSubnets(free, length, MAX_FREE_LISTED);
  const shown = BigInt(first.length) < count ? `first ${first.length}: ` : '';
  return `Free /${length} blocks: ${n(count)} in all${shown ? `; ${shown}` : ": "}${first.map(formatCidr).join(", ")}`;
}

/** VRF (global first), then address, then shorter prefixes first: NetBox's own order. */
function sortChildren(list: readonly PrefixFactsWithRow[]): PrefixFactsWithRow[] {
  return [...list].sort((a, b) => {
    if (a.vrfId !== b.vrfId) return a.vrfId === null ? -1 : b.vrfId === null ? 1 : a.vrfId - b.vrfId;
    if (a.cidr.version !== b.cidr.version) return a.cidr.version - b.cidr.version;
    if (a.cidr.network !== b.cidr.network) return a.cidr.network < b.cidr.network ? -1 : 1;
    return a.cidr.length - b.cidr.length;
  });
}

/** Depth below the shown prefix among its children of the same VRF (1 = direct child). */
function depths(sorted: readonly PrefixFactsWithRow[]): Map<PrefixFactsWithRow, number> {
  const out = new Map<PrefixFactsWithRow, number>();
  const stack: PrefixFactsWithRow[] = [];
  for (const c of sorted) {
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const s = cidrInterval(top.cidr);
      const i = cidrInterval(c.cidr);
      if (top.vrfId === c.vrfId && top.cidr.version === c.cidr.version && i.start >= s.start && i.end <= s.end && !sameCidr(top.cidr, c.cidr)) break;
      stack.pop();
    }
    out.set(c, stack.length + 1);
    stack.push(c);
  }
  return out;
}

/** Counts as people read them; IPv6-sized powers of two as 2^N. */
function n(value: bigint): string {
  if (value < 1n << 40n) return value.toLocaleString('en-US');
  const bits = value.toString(2);
  return /^10*$/.test(bits) ? `2^${bits.length - 1}` : `${Number(value).toExponential(3)}`;
}
