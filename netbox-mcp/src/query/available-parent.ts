import { NetboxMcpError } from '../errors.ts';
import type { ObjectType } from '../schema/object-type.ts';
import { formatCidr, formatIp, parseCidr, parseIp } from './prefix-math.ts';
import type { QueryLog } from './query-log.ts';
import { resolveObject } from './resolve-object.ts';
import type { ToolContext } from './tool-context.ts';
import { vrfLabel, vrfParam, type VrfRef } from './vrf-ref.ts';

export type ParentRow = Readonly<Record<string, unknown>> & { readonly id: number };

export interface Parent {
  readonly type: ObjectType;
  readonly row: ParentRow;
  /** How the answer names it: `prefix 10.1.3.0/24 (VRF global)`. */
  readonly label: string;
}

const PREFIX_FIELDS = 'id,url,display,prefix,vrf,status,is_pool,mark_utilized,scope,vlan,description';
const RANGE_FIELDS = 'id,url,display,start_address,end_address,size,vrf,status,mark_populated,description';

const inVrf = (vrf: VrfRef | undefined) => (vrf ? { vrf_id: vrfParam(vrf) } : {});

function several(what: string, rows: readonly ParentRow[]): NetboxMcpError {
  return new NetboxMcpError('AMBIGUOUS_NAME', `${what} exists in ${rows.length} VRFs: ${rows.map((r) => `#${r.id} in VRF ${vrfLabel(r.vrf)}`).join('; ')}.`, {
    hint: 'Name the VRF (vrf: "<name>" or "global") or give the id as within.',
  });
}

/** A prefix by CIDR (in a VRF when given) or id: what available IPs and prefixes are counted in. */
export async function findPrefix(ctx: ToolContext, log: QueryLog, type: ObjectType, within: string, vrf: VrfRef | undefined): Promise<Parent> {
  const text = within.trim().replace(/^#/, '');
  if (/^\d+$/.test(text)) {
    const row = await log.get<ParentRow>(`${type.listPath}${text}/`, { fields: PREFIX_FIELDS }).catch(notFound(`No ipam.prefix has id ${text}.`));
    return { type, row, label: `prefix ${String(row.prefix)} (VRF ${vrfLabel(row.vrf)})` };
  }
  const cidr = parseCidr(text);
  if (!cidr || !text.includes('/')) {
    throw new NetboxMcpError('INVALID_ARGUMENT', `'${within}' is not a prefix: give it in CIDR form (10.1.3.0/24), or an IP range as start-end.`);
  }
  const exact = formatCidr(cidr);
  const page = await log.list<ParentRow>(type.listPath, { prefix: exact, ...inVrf(vrf), fields: PREFIX_FIELDS, limit: 50 });
  if (page.count > 1) throw several(exact, page.results);
  const [row] = page.results;
  if (row) return { type, row, label: `prefix ${exact} (VRF ${vrfLabel(row.vrf)})` };
  const parents = await log.list<ParentRow>(type.listPath, { contains: exact, ...inVrf(vrf), fields: 'id,prefix,vrf', limit: 50 });
  // Most specific first: the one to ask within.
  const lengthOf = (p: ParentRow): number => Number(String(p.prefix).split('/')[1]);
  const nearest = [...parents.results].sort((a, b) => lengthOf(b) - lengthOf(a)).slice(0, 5);
  throw new NetboxMcpError('OBJECT_NOT_FOUND', `NetBox has no prefix ${exact}${vrf ? ` in VRF ${vrf.label}` : ''}.`, {
    hint: parents.count
      ? `Prefixes that contain it: ${nearest.map((p) => `${String(p.prefix)} (VRF ${vrfLabel(p.vrf)})`).join(', ')}. Ask within one of them.`
      : 'No prefix contains it either; check the address.',
  });
}

/** An IP range by its `start-end` addresses (in a VRF when given). */
export async function findRange(ctx: ToolContext, log: QueryLog, type: ObjectType, within: string, vrf: VrfRef | undefined): Promise<Parent> {
  const [startText = '', endText = ''] = within.split('-').map((s) => s.trim());
  const start = parseIp(startText.split('/')[0]!);
  const end = parseIp(endText.split('/')[0]!);
  if (!start || !end) throw new NetboxMcpError('INVALID_ARGUMENT', `'${within}' is not an IP range; write it as 10.1.3.100-10.1.3.199.`);
  const [a, b] = [formatIp(start), formatIp(end)];
  const page = await log.list<ParentRow>(type.listPath, { start_address: a, end_address: b, ...inVrf(vrf), fields: RANGE_FIELDS, limit: 50 });
  if (page.count > 1) throw several(`IP range ${a}-${b}`, page.results);
  const [row] = page.results;
  if (row) return { type, row, label: `IP range ${String(row.start_address)}–${String(row.end_address)} (VRF ${vrfLabel(row.vrf)})` };
  const near = await log.list<ParentRow>(type.listPath, { contains: a, ...inVrf(vrf), fields: 'id,start_address,end_address,vrf', limit: 10 });
  throw new NetboxMcpError('OBJECT_NOT_FOUND', `NetBox has no IP range ${a}-${b}${vrf ? ` in VRF ${vrf.label}` : ''}.`, {
    hint: near.count ? `Ranges that contain ${a}: ${near.results.map((r) => `${String(r.start_address)}-${String(r.end_address)}`).join(', ')}.` : 'Give the range exactly as NetBox has it, or the prefix it is in.',
  });
}

/**
 * A VLAN group by name, slug or id; failing that, the one VLAN group of a site of that name, since people say
 * "free VLANs at CHI-DC1".
 */
export async function findVlanGroup(ctx: ToolContext, log: QueryLog, type: ObjectType, within: string): Promise<Parent> {
  const fields = 'id,url,display,name,scope_type,scope,vid_ranges,total_vlan_ids,utilization,description';
  const get = async (id: number): Promise<Parent> => {
    const row = await log.get<ParentRow>(`${type.listPath}${id}/`, { fields });
    return { type, row, label: `VLAN group ${String(row.name)}` };
  };
  try {
    return await get((await resolveObject(ctx, type, within, { argument: 'within' })).id);
  } catch (error) {
    if (!(error instanceof NetboxMcpError && error.code === 'OBJECT_NOT_FOUND')) throw error;
    const sites = (await ctx.catalog()).find('dcim.site');
    const site = sites ? await resolveObject(ctx, sites, within, { argument: 'within' }).catch(() => undefined) : undefined;
    if (!site) throw error;
    // NetBox's VLAN group filter `site` takes the site's id (a scope filter), not its slug.
    const groups = await log.list<ParentRow>(type.listPath, { site: site.id, fields: 'id,name', limit: 20 });
    if (groups.count === 1) return get(groups.results[0]!.id);
    throw new NetboxMcpError(groups.count ? 'AMBIGUOUS_NAME' : 'OBJECT_NOT_FOUND', `'${within}' is a site with ${groups.count} VLAN groups${groups.count ? `: ${groups.results.map((g) => String(g.name)).join(', ')}` : ''}.`, {
      hint: groups.count ? 'Name one of them as within.' : "VLAN IDs are free within a VLAN group; this site's VLANs are in none.",
    });
  }
}

/** An ASN range by name, slug or id. */
export async function findAsnRange(ctx: ToolContext, log: QueryLog, type: ObjectType, within: string): Promise<Parent> {
  const ref = await resolveObject(ctx, type, within, { argument: 'within' });
  const row = await log.get<ParentRow>(`${type.listPath}${ref.id}/`, { fields: 'id,url,display,name,rir,start,end,asn_count,description' });
  return { type, row, label: `ASN range ${String(row.name)} (${String(row.start)}–${String(row.end)})` };
}

function notFound(message: string): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof NetboxMcpError && error.code === 'NETBOX_NOT_FOUND') throw new NetboxMcpError('OBJECT_NOT_FOUND', message);
    throw error;
  };
}
