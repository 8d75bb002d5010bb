import type { GenerationContext } from './context.ts';
import type { IpamBase } from './ipam-base.ts';
import { hostAddress } from './ip.ts';
import type { SiteInfo } from './organization.ts';
import type { AddressPlan } from './prefixes.ts';

/** DHCP scopes: [segment, first host, last host, marked utilized]. */
function scopes(site: SiteInfo): readonly (readonly [string, number, number, boolean])[] {
  switch (site.kind) {
    case 'hq':
      return [
        ['DATA', 50, 250, true],
        ['WIFI', 10, 250, false],
      ];
    case 'office':
      return [['DATA', 100, 200, false]];
    case 'warehouse':
      return [['SCANNERS', 20, 220, true]];
    case 'branch':
      return site.variant === 'full' ? [['DATA', 100, 199, false]] : [];
    default:
      return [];
  }
}

export function generateIpRanges(ctx: GenerationContext, sites: readonly SiteInfo[], plan: AddressPlan, ipam: IpamBase): void {
  const rng = ctx.random('ip-ranges');
  const table = ctx.db.table('ipam_iprange');
  for (const site of sites) {
    const pools = plan.sitePools.get(site.id);
    if (!pools) continue;
    for (const [segment, first, last, utilized] of scopes(site)) {
      const pool = pools.get(segment);
      if (!pool) continue;
      table.add({
        ...ctx.time.stamps(rng, ctx.time.after(rng, site.created, 20)),
        start_address: hostAddress(pool.network, pool.length, first),
        end_address: hostAddress(pool.network, pool.length, last),
        size: last - first + 1,
        status: site.status === 'planned' ? 'reserved' : 'active',
        description: `${site.name} ${segment} DHCP scope`,
        role_id: ipam.roleIds.get(segment === 'WIFI' || segment === 'SCANNERS' ? 'Wireless' : 'Data') ?? null,
        tenant_id: site.tenantId,
        vrf_id: pool.vrfId,
        mark_utilized: utilized,
      });
    }
  }
}
