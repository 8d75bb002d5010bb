import type { GenerationContext } from './context.ts';
import type { IpamBase } from './ipam-base.ts';
import type { SiteInfo } from './organization.ts';
import { siteSegments } from './site-networks.ts';

export interface VlanInfo {
  readonly id: number;
  readonly vid: number;
  readonly name: string;
}

/** VLANs of each site by VLAN name (`DATA`, `MGMT`, ...). */
export type SiteVlans = ReadonlyMap<number, ReadonlyMap<string, VlanInfo>>;

function vlanStatus(site: SiteInfo): string {
  if (site.status === 'planned') return 'reserved';
  if (site.status === 'decommissioning') return 'deprecated';
  return 'active';
}

export function generateVlans(ctx: GenerationContext, sites: readonly SiteInfo[], ipam: IpamBase): SiteVlans {
  const rng = ctx.random('vlans');
  const groups = ctx.db.table('ipam_vlangroup');
  const vlans = ctx.db.table('ipam_vlan');
  const siteType = ctx.ct.id('dcim.site');
  const result = new Map<number, Map<string, VlanInfo>>();
  for (const site of sites) {
    // Larger sites keep their VLANs in a site-scoped group; stores reuse the same VIDs per site.
    let groupId: number | null = null;
    if (site.kind !== 'branch' && site.kind !== 'pop') {
      groupId = groups.add({
        ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, site.created, 3600)),
        name: `${site.name} VLANs`,
        slug: `${site.slug}-vlans`,
        scope_type_id: siteType,
        scope_id: site.id,
        vid_ranges: ['[1,4095)'],
        _total_vlan_ids: 4094,
      }).id as number;
    }
    const byName = new Map<string, VlanInfo>();
    for (const segment of siteSegments(site)) {
      const row = vlans.add({
        ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, site.created, 7200)),
        vid: segment.vid,
        name: segment.vlan,
        status: vlanStatus(site),
        description: segment.description,
        group_id: groupId,
        role_id: ipam.roleIds.get(segment.role) ?? null,
        site_id: site.id,
        tenant_id: site.tenantId,
      });
      byName.set(segment.vlan, { id: row.id as number, vid: segment.vid, name: segment.vlan });
    }
    result.set(site.id, byName);
  }
  return result;
}
