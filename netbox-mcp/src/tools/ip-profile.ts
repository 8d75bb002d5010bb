import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { cells } from '../format/cells.ts';
import { compactValue } from '../format/compact-value.ts';
import { fitSections, type TextSection } from '../format/fit-sections.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { tableLines } from '../format/render-table.ts';
import { failureText, fetchParts } from '../query/fetch-parts.ts';
import { describeAssignment, ownerIds, type IpRecord, type OwnerRow, type Owners } from '../query/ip-assignment.ts';
import { formatIp, parseAddressWithMask, type IpAddr } from '../query/prefix-math.ts';
import { choiceValue } from '../format/choice-value.ts';
import { defined, prefixFacts, rangeFacts, scopeLabel, type PrefixRow, type RangeRow } from '../query/prefix-rows.ts';
import { QueryLog } from '../query/query-log.ts';
import { resolveVrf, vrfIdOf, vrfLabel, vrfParam } from '../query/vrf-ref.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';

const PREFIX_FIELDS = 'id,prefix,vrf,status,scope_type,scope,vlan,role,tenant,is_pool,mark_utilized,description';

export const ipProfileTool = defineTool({
  name: 'netbox_ip_profile',
  title: 'IP address profile',
  description:
    'Everything about one IP in one call: its IP records (status, role, DNS name, VRF, tenant, assigned interface with device/VM and site, NAT) ' +
    'and the prefixes containing it, most specific first (VLAN, site, VRF, role). Says clearly when the IP is not recorded.',
  input: {
    address: z.string().min(1).describe('IP address, with or without /mask'),
    vrf: z.string().optional().describe('VRF name, or "global"'),
  },
  async handler(args, ctx) {
    const parsed = parseAddressWithMask(args.address);
    if (!parsed) throw new NetboxMcpError('INVALID_ARGUMENT', `'${args.address}' is not an IPv4 or IPv6 address.`, { hint: 'Give an address like 10.1.3.5 or 2001:db8::1, optionally with /mask.' });
    const host = formatIp(parsed.addr);
    const catalog = await ctx.catalog();
    const types = {
      ip: catalog.resolve('ipam.ipaddress'),
      prefix: catalog.resolve('ipam.prefix'),
      range: catalog.resolve('ipam.iprange'),
      device: catalog.resolve('dcim.device'),
      vm: catalog.resolve('virtualization.virtualmachine'),
    };
    const log = new QueryLog(ctx);
    const vrf = await resolveVrf(ctx, args.vrf);
    const inVrf = vrf ? { vrf_id: vrfParam(vrf) } : {};

    // NetBox matches `address` without a mask on the host alone, whatever mask the record has.
    const first = await fetchParts(ctx, {
      ips: () => log.list<IpRecord>(types.ip.listPath, { address: host, ...inVrf, limit: 100 }),
      prefixes: () => log.list<PrefixRow>(types.prefix.listPath, { contains: host, ...inVrf, fields: PREFIX_FIELDS, limit: 500 }),
    });
    const ips = first.ips.ok ? first.ips.value.results : [];
    const containingAll = first.prefixes.ok
      ? first.prefixes.value.results
          .map(prefixFacts)
          .filter(defined)
          .sort((a, b) => b.cidr.length - a.cidr.length || (a.vrfId ?? 0) - (b.vrfId ?? 0))
      : [];
    // NetBox's parents of a recorded IP are the prefixes of its own VRF; another VRF's are not its parents.
    const ipVrfs = new Set(ips.map((ip) => vrfIdOf(ip.vrf)));
    const prefixes = ips.length ? containingAll.filter((p) => ipVrfs.has(p.vrfId)) : containingAll;
    const elsewhere = containingAll.length - prefixes.length;
    const nearest = prefixes[0];

    const owners = ownerIds(ips);
    const second = await fetchParts(ctx, {
      devices: () =>
        owners.devices.length ? log.list<OwnerRow>(types.device.listPath, { id: owners.devices, fields: 'id,name,site', limit: 100 }).then((p) => p.results) : Promise.resolve<never[]>([]),
      vms: () =>
        owners.vms.length ? log.list<OwnerRow>(types.vm.listPath, { id: owners.vms, fields: 'id,name,site,cluster', limit: 100 }).then((p) => p.results) : Promise.resolve<never[]>([]),
      ranges: () =>
        nearest ? log.list<RangeRow & Record<string, unknown>>(types.range.listPath, { parent: nearest.row.prefix, limit: 200 }).then((p) => p.results) : Promise.resolve<never[]>([]),
    });
    const failures = [
      ...(!first.ips.ok ? [failureText('IP addresses', first.ips.error)] : []),
      ...(!first.prefixes.ok ? [failureText('prefixes', first.prefixes.error)] : []),
      ...(!second.devices.ok ? [failureText('devices', second.devices.error)] : []),
      ...(!second.vms.ok ? [failureText('virtual machines', second.vms.error)] : []),
      ...(!second.ranges.ok ? [failureText('IP ranges', second.ranges.error)] : []),
    ];
    const ownersById = {
      devices: new Map((second.devices.ok ? second.devices.value : []).map((d) => [d.id, d])),
      vms: new Map((second.vms.ok ? second.vms.value : []).map((v) => [v.id, v])),
    };

    const ipUrl = `${ctx.client.uiUrl(types.ip.listPath)}{id}/`;
    const prefixUrl = `${ctx.client.uiUrl(types.prefix.listPath)}{id}/`;
    const where = vrf ? `in VRF ${vrf.label}` : 'in any VRF';
    const ipHead =
      !first.ips.ok
        ? [`${host}: the IP address lookup failed (see below).`]
        : ips.length === 0
          ? [`${host} is not recorded in NetBox as an IP address (${where}, any mask).`]
          : [`${host}: ${ips.length} IP address record${ips.length === 1 ? '' : 's'} ${where}`];
    const ipRows = ips.map((ip) => ipLine(ip, parsed, ownersById, ipUrl));

    const prefixTable = tableLines(
      prefixes.map((p) =>
        cells({
          id: p.row.id,
          prefix: p.row.prefix,
          vrf: vrfLabel(p.row.vrf),
          status: p.status,
          scope: scopeLabel(p.row),
          vlan: compactValue(p.row.vlan),
          role: compactValue(p.row.role),
          tenant: compactValue(p.row.tenant),
          description: compactValue(p.row.description),
        }),
      ),
      ['id', 'prefix', 'vrf', 'status', 'scope', 'vlan', 'role', 'tenant', 'description'],
    );
    const prefixHead = !first.prefixes.ok
      ? []
      : prefixes.length === 0
        ? [`No prefix ${vrf ? `in VRF ${vrf.label} ` : ips.length ? `of ${ips.length === 1 ? 'its VRF' : 'their VRFs'} ` : ''}contains ${host}.`]
        : [`Containing prefixes${ips.length ? ` in ${ips.length === 1 ? 'its VRF' : 'their VRFs'}` : ''}, most specific first (${prefixes.length}):`];
    const ranges = (second.ranges.ok ? second.ranges.value : []).filter((r) => {
      const facts = rangeFacts(r);
      return facts !== undefined && inRange(facts, parsed.addr) && (!vrf || facts.vrfId === vrf.id);
    });
    const rangeLines = ranges.map(
      (r) => `In IP range #${r.id} ${r.start_address} – ${r.end_address} (VRF ${vrfLabel(r.vrf)}, ${choiceValue(r.status)}${r.mark_utilized ? ', marked utilized' : ''}${r.mark_populated ? ', marked populated' : ''})`,
    );
    const listUrl = ctx.client.uiUrl(types.ip.listPath, { address: host, ...inVrf });
    const sections: TextSection[] = [
      { head: ipHead, rows: ipRows },
      { head: prefixHead, header: prefixTable.header, rows: prefixTable.lines },
      {
        head: [
          ...(elsewhere ? [`${elsewhere} prefix${elsewhere === 1 ? ' of another VRF also contains' : 'es of other VRFs also contain'} ${host} (not its parents).`] : []),
          ...rangeLines,
          ...(failures.length ? [`Failed parts (shown results are incomplete): ${failures.join('; ')}`] : []),
          `NetBox: IP list ${listUrl} · IP ${ipUrl} · prefix ${prefixUrl}`,
        ],
        rows: [],
      },
    ];
    const fitted = fitSections(sections, ctx.limits.maxResultChars, [1, 0]);
    const objects: Record<string, string> = {};
    const names = new NameLinks();
    const deviceUrl = (id: number): string => ctx.client.uiUrl(`${types.device.listPath}${id}/`);
    const vmUrl = (id: number): string => ctx.client.uiUrl(`${types.vm.listPath}${id}/`);
    for (const ip of ips.slice(0, fitted.kept[0])) {
      const url = ipUrl.replace('{id}', String(ip.id));
      objects[`ipam.ipaddress:${ip.id}`] = url;
      // The answer says "10.1.3.4" as often as "10.1.3.4/24"; records of it in two VRFs make the host ambiguous.
      names.add(ip.address, url).add(ip.address.split('/')[0], url).add(ip.dns_name, url);
      const owner = ip.assigned_object;
      if (owner?.device?.id !== undefined) names.add(owner.device.name, deviceUrl(owner.device.id));
      if (owner?.virtual_machine?.id !== undefined) names.add(owner.virtual_machine.name, vmUrl(owner.virtual_machine.id));
    }
    for (const p of prefixes.slice(0, fitted.kept[1])) {
      const url = prefixUrl.replace('{id}', String(p.row.id));
      objects[`ipam.prefix:${p.row.id}`] = url;
      names.add(p.row.prefix, url);
    }
    return textResult(fitted.text, {
      queries: log.paths,
      rows: ips.length,
      total: ips.length,
      truncated: fitted.truncated || failures.length > 0,
      links: { list: listUrl, objects, ...namesPart(names) },
    });
  },
});

function inRange(range: { start: bigint; end: bigint; version: number }, addr: IpAddr): boolean {
  return range.version === addr.version && addr.value >= range.start && addr.value <= range.end;
}

function ipLine(
  ip: IpRecord,
  asked: { readonly addr: IpAddr; readonly length: number | undefined },
  owners: Owners,
  ipUrl: string,
): string {
  const recorded = parseAddressWithMask(ip.address);
  const maskNote = asked.length !== undefined && recorded && recorded.length !== asked.length ? ` (recorded with /${recorded.length}, you gave /${asked.length})` : '';
  const parts: [string, unknown][] = [
    ['status', ip.status],
    ['role', ip.role],
    ['dns', ip.dns_name],
    ['vrf', vrfLabel(ip.vrf)],
    ['tenant', ip.tenant],
    ['assigned', describeAssignment(ip, owners)],
    ['NAT inside', ip.nat_inside],
    ['NAT outside', ip.nat_outside],
    ['tags', ip.tags],
    ['description', ip.description],
  ];
  const text = parts
    .map(([k, v]) => [k, typeof v === 'string' ? v : compactValue(v)] as const)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
  return `#${ip.id} ${ip.address}${maskNote} · ${text} · NetBox: ${ipUrl.replace('{id}', String(ip.id))}`;
}
