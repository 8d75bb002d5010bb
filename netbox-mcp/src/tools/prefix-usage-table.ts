import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cells } from '../format/cells.ts';
import { fitSections } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { tableLines } from '../format/render-table.ts';
import type { ToolContext } from '../query/tool-context.ts';
import { textResult } from '../result/tool-result.ts';
import { planFilters } from '../query/plan-filters.ts';
import { formatCidr } from '../query/prefix-math.ts';
import {
  defined,
  formatPercent,
  IP_FIELDS,
  ipFacts,
  PREFIX_FIELDS,
  prefixFacts,
  RANGE_FIELDS,
  rangeFacts,
  scopeLabel,
  type IpRow,
  type PrefixRow,
  type RangeRow,
} from '../query/prefix-rows.ts';
import { addPrefixLinks } from '../query/prefix-links.ts';
import { QueryLog } from '../query/query-log.ts';
import { UtilizationIndex } from '../query/utilization.ts';
import { resolveVrf, vrfLabel, vrfParam } from '../query/vrf-ref.ts';

export interface UtilizationTableArgs {
  readonly vrf?: string | undefined;
  readonly min_utilization?: number | undefined;
  readonly filters?: Readonly<Record<string, unknown>> | undefined;
  readonly limit?: number | undefined;
}

/**
 * Utilization of every prefix a filter selects, at or above a threshold, busiest first. NetBox's API has no
 * utilization field, so prefixes, IPs and ranges are listed once (light fields, pages in parallel) and each
 * prefix is computed locally the way NetBox computes it.
 */
export async function prefixUtilizationTable(ctx: ToolContext, args: UtilizationTableArgs): Promise<CallToolResult> {
  const catalog = await ctx.catalog();
  const types = { prefix: catalog.resolve('ipam.prefix'), ip: catalog.resolve('ipam.ipaddress'), range: catalog.resolve('ipam.iprange') };
  const log = new QueryLog(ctx);
  const [vrf, plan] = await Promise.all([resolveVrf(ctx, args.vrf), planFilters(ctx, types.prefix, args.filters)]);
  const min = args.min_utilization ?? 0;
  const listParams = { ...plan.params, ...(vrf ? { vrf_id: vrfParam(vrf) } : {}) };
  const listUrl = ctx.client.uiUrl(types.prefix.listPath, listParams);
  const resolved = plan.notes.length ? [`Resolved: ${plan.notes.join('; ')}`] : [];
  if (plan.empty) return textResult([`ipam.prefix utilization ≥ ${min}%: no prefixes match the filters`, ...resolved].join('\n'), { queries: [], rows: 0, total: 0 });

  // Utilization only ever counts objects of the prefix's own VRF, so a VRF narrows every list.
  const scope = vrf ? { vrf_id: vrfParam(vrf) } : {};
  const filtered = Object.keys(plan.params).length > 0;
  const [allRows, ipRows, rangeRows, selectedRows] = await Promise.all([
    log.all<PrefixRow>(types.prefix, { ...scope, fields: PREFIX_FIELDS }),
    log.all<IpRow>(types.ip, { ...scope, fields: IP_FIELDS }),
    log.all<RangeRow>(types.range, { ...scope, fields: RANGE_FIELDS }),
    filtered ? log.all<PrefixRow>(types.prefix, { ...listParams, fields: PREFIX_FIELDS }) : Promise.resolve(undefined),
  ]);
  const index = new UtilizationIndex(allRows.map(prefixFacts).filter(defined), ipRows.map(ipFacts).filter(defined), rangeRows.map(rangeFacts).filter(defined));
  const selected = (selectedRows ?? allRows).map(prefixFacts).filter(defined);
  const measured = selected
    .map((p) => ({ p, u: index.utilization(p) }))
    .filter(({ u }) => u.percent >= min)
    .sort((a, b) => b.u.percent - a.u.percent || a.p.row.id - b.p.row.id);
  const limit = args.limit ?? ctx.limits.defaultLimit;
  const shown = measured.slice(0, limit);
  const table = tableLines(
    shown.map(({ p, u }) =>
      cells({
      id: p.row.id,
      prefix: formatCidr(p.cidr),
      vrf: vrfLabel(p.row.vrf),
      status: p.status,
      scope: scopeLabel(p.row),
      utilization: formatPercent(u.percent),
      used: u.basis === 'marked' ? 'marked utilized' : `${u.used}/${u.size}`,
      }),
    ),
    ['id', 'prefix', 'vrf', 'status', 'scope', 'utilization', 'used'],
  );
  const count = `${measured.length} of ${selected.length} prefixes`;
  const head = [
    `ipam.prefix utilization ≥ ${min}%${vrf ? ` in VRF ${vrf.label}` : ''}: ${measured.length === 0 ? `none of ${selected.length} prefixes` : count}${shown.length < measured.length ? `, showing the busiest ${shown.length} (raise limit for more)` : ''}, busiest first`,
    ...resolved,
  ];
  const objectUrl = `${ctx.client.uiUrl(types.prefix.listPath)}{id}/`;
  const foot = [
    'Computed as NetBox does: used/size addresses; containers count child prefixes, others IPs and ranges marked utilized (IPv4 size without network/broadcast).',
    `NetBox list: ${listUrl} · object: ${objectUrl}`,
  ];
  const fitted = fitSections([{ head, header: table.header, rows: table.lines, cutHint: 'raise min_utilization or lower limit' }, { head: foot, rows: [] }], ctx.limits.maxResultChars);
  const kept = shown.slice(0, fitted.kept[0]);
  const objects: Record<string, string> = {};
  const names = new NameLinks();
  addPrefixLinks(kept.map(({ p }) => p), objectUrl, { objects, names });
  return textResult(fitted.text, {
    queries: log.paths,
    rows: kept.length,
    total: measured.length,
    truncated: fitted.truncated || shown.length < measured.length,
    links: { list: listUrl, objects, ...namesPart(names) },
  });
}
