import type { GenerationContext } from './context.ts';
import { CONTINENTS, COUNTRIES, countryByName } from './geography.ts';
import type { Metro } from './geography.ts';
import { assignMptt } from './mptt.ts';
import { STREET_NAMES, STREET_TYPES, slugify } from './names.ts';
import type { Random } from './random.ts';
import { planSites } from './site-plans.ts';
import type { BranchVariant, SiteKind, SitePlan } from './site-plans.ts';
import { CORPORATE_TENANT_ID, LOGISTICS_TENANT_ID, RESTRICTED_TENANT_ID } from './tenancy.ts';
import type { Tenancy } from './tenancy.ts';
import { MICROS_PER_DAY } from './timestamps.ts';

export interface SiteInfo {
  readonly id: number;
  readonly name: string;
  /** Lower-case site name, the prefix of its device names. */
  readonly slug: string;
  readonly kind: SiteKind;
  readonly variant: BranchVariant | null;
  readonly metro: Metro;
  readonly status: SitePlan['status'];
  readonly isNew: boolean;
  readonly tenantId: number;
  readonly regionId: number;
  readonly groupId: number;
  /** When the site was set up in NetBox; its objects are created from then on. */
  readonly created: number;
  /** Location ids by location name. */
  readonly locations: ReadonlyMap<string, number>;
}

export interface Organization {
  readonly sites: readonly SiteInfo[];
  readonly regionIdByMetro: ReadonlyMap<string, number>;
  readonly regionIdByCountry: ReadonlyMap<string, number>;
  readonly regionIdByContinent: ReadonlyMap<string, number>;
}

const KIND_CODES: Readonly<Record<SiteKind, string>> = {
  dc: 'DC',
  hq: 'HQ',
  office: 'OF',
  pop: 'POP',
  warehouse: 'WH',
  branch: 'BR',
};

/** Site groups: parent name, then children with the rule that puts a site in each. */
const SITE_GROUPS: readonly { readonly name: string; readonly description: string; readonly children: readonly string[] }[] = [
  { name: 'Data Centers', description: 'Owned and colocated data centers', children: ['Primary Data Centers', 'Points of Presence'] },
  { name: 'Corporate Offices', description: '', children: ['Headquarters', 'Regional Offices'] },
  { name: 'Retail Stores', description: 'Kestrel Retail store network', children: ['Flagship Stores', 'Express Stores'] },
  { name: 'Logistics', description: '', children: ['Warehouses'] },
  { name: 'Managed Customer Sites', description: 'Sites we operate for managed-services customers', children: [] },
];

function siteGroupName(plan: SitePlan): string {
  if (plan.tenantRole === 'customer') return 'Managed Customer Sites';
  switch (plan.kind) {
    case 'dc':
      return 'Primary Data Centers';
    case 'pop':
      return 'Points of Presence';
    case 'hq':
      return 'Headquarters';
    case 'office':
      return 'Regional Offices';
    case 'warehouse':
      return 'Warehouses';
    case 'branch':
      return plan.variant === 'full' ? 'Flagship Stores' : 'Express Stores';
  }
}

/** Locations inside a site: root name, then child names. */
const LOCATION_LAYOUT: Readonly<Record<SiteKind, readonly { readonly name: string; readonly children: readonly string[] }[]>> = {
  dc: [{ name: 'Data Hall 1', children: ['Row A', 'Row B'] }],
  hq: [{ name: 'Building A', children: ['MDF', 'IDF 2'] }],
  office: [{ name: 'Floor 3', children: [] }],
  pop: [{ name: 'Cage 12', children: [] }],
  warehouse: [{ name: 'Main Floor', children: [] }],
  branch: [],
};

function description(plan: SitePlan, storeNumber: number, customerName: string): string {
  if (plan.tenantRole === 'customer') return `${customerName} site managed by Kestrel`;
  switch (plan.kind) {
    case 'dc':
      return `${plan.metro.name} data center`;
    case 'hq':
      return 'Corporate headquarters';
    case 'office':
      return `${plan.metro.name} regional office`;
    case 'pop':
      return 'Internet edge point of presence';
    case 'warehouse':
      return `${plan.metro.name} distribution center`;
    case 'branch':
      return `Store #${storeNumber}`;
  }
}

function address(rng: Random, metro: Metro): string {
  const street = `${rng.int(10, 4800)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_TYPES)}`;
  const state = metro.state ? ` ${metro.state}` : '';
  return `${street}, ${metro.name}${state} ${metro.postalCode}, ${metro.country}`;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function addRegions(ctx: GenerationContext, rng: Random, plans: readonly SitePlan[]): Omit<Organization, 'sites'> {
  const table = ctx.db.table('dcim_region');
  const created = ctx.time.day(1);
  const add = (name: string, slug: string, parentId: number | null): number =>
    table.add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, created, 3600)),
      name,
      slug,
      parent_id: parentId,
      lft: 0,
      rght: 0,
      tree_id: 0,
      level: 0,
    }).id as number;
  const usedMetros = [...new Set(plans.map((p) => p.metro))];
  const usedCountries = new Set(usedMetros.map((m) => m.country));
  const regionIdByContinent = new Map<string, number>();
  const regionIdByCountry = new Map<string, number>();
  const regionIdByMetro = new Map<string, number>();
  for (const continent of CONTINENTS) regionIdByContinent.set(continent.name, add(continent.name, continent.slug, null));
  for (const country of COUNTRIES) {
    if (!usedCountries.has(country.name)) continue;
    regionIdByCountry.set(country.name, add(country.name, country.slug, regionIdByContinent.get(country.continent) ?? null));
  }
  for (const metro of usedMetros) {
    regionIdByMetro.set(metro.name, add(metro.name, slugify(metro.name), regionIdByCountry.get(metro.country) ?? null));
  }
  assignMptt(table.rows);
  return { regionIdByMetro, regionIdByCountry, regionIdByContinent };
}

function addSiteGroups(ctx: GenerationContext, rng: Random): Map<string, number> {
  const table = ctx.db.table('dcim_sitegroup');
  const ids = new Map<string, number>();
  const created = ctx.time.day(2);
  const add = (name: string, parentId: number | null, text: string): void => {
    const row = table.add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, created, 3600)),
      name,
      slug: slugify(name),
      description: text,
      parent_id: parentId,
      lft: 0,
      rght: 0,
      tree_id: 0,
      level: 0,
    });
    ids.set(name, row.id as number);
  };
  for (const group of SITE_GROUPS) {
    add(group.name, null, group.description);
    for (const child of group.children) add(child, ids.get(group.name) ?? null, '');
  }
  assignMptt(table.rows);
  return ids;
}

function tenantFor(plan: SitePlan, tenancy: Tenancy): number {
  switch (plan.tenantRole) {
    case 'corporate':
      return CORPORATE_TENANT_ID;
    case 'retail':
      return RESTRICTED_TENANT_ID;
    case 'logistics':
      return LOGISTICS_TENANT_ID;
    case 'customer': {
      const customer = tenancy.customers[plan.customerIndex % tenancy.customers.length];
      return customer ? customer.tenantId : CORPORATE_TENANT_ID;
    }
  }
}

function addLocations(ctx: GenerationContext, rng: Random, site: Omit<SiteInfo, 'locations'>): Map<string, number> {
  const table = ctx.db.table('dcim_location');
  const ids = new Map<string, number>();
  for (const root of LOCATION_LAYOUT[site.kind]) {
    const addOne = (name: string, parentId: number | null): number =>
      table.add({
        ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, site.created, 1800)),
        name,
        slug: slugify(name),
        parent_id: parentId,
        site_id: site.id,
        tenant_id: site.tenantId,
        status: site.status === 'active' ? 'active' : site.status === 'decommissioning' ? 'decommissioning' : 'planned',
        facility: site.kind === 'dc' && parentId === null ? 'DH1' : '',
        lft: 0,
        rght: 0,
        tree_id: 0,
        level: 0,
      }).id as number;
    const rootId = addOne(root.name, null);
    ids.set(root.name, rootId);
    for (const child of root.children) ids.set(child, addOne(child, rootId));
  }
  return ids;
}

export function generateOrganization(ctx: GenerationContext, tenancy: Tenancy): Organization {
  const rng = ctx.random('organization');
  const plans = planSites(ctx.scale, ctx.random('organization/plans'), tenancy.customers.length);
  const regions = addRegions(ctx, rng, plans);
  const groups = addSiteGroups(ctx, rng);
  const table = ctx.db.table('dcim_site');
  const counters = new Map<string, number>();
  const established = plans.filter((p) => !p.isNew).length;
  const fresh = plans.length - established;
  const sites: SiteInfo[] = [];
  let storeNumber = 1040;
  plans.forEach((plan, index) => {
    const key = `${plan.metro.code}-${plan.kind}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const name = `${plan.metro.code}-${KIND_CODES[plan.kind]}${n}`;
    const created = plan.isNew
      ? ctx.time.windowStart + Math.round((10 + (55 * (index - established)) / Math.max(1, fresh)) * MICROS_PER_DAY)
      : ctx.time.day(30 + (900 * index) / Math.max(1, established));
    const tenantId = tenantFor(plan, tenancy);
    if (plan.kind === 'branch') storeNumber += rng.int(1, 9);
    const customerName = tenancy.customers[plan.customerIndex % tenancy.customers.length]?.name ?? '';
    const street = address(rng, plan.metro);
    const row = table.add({
      ...ctx.time.stamps(rng, created),
      name,
      slug: name.toLowerCase(),
      status: plan.status,
      facility: plan.kind === 'dc' ? `${name} Hall ${rng.int(1, 4)}` : plan.kind === 'pop' ? `Carrier Hotel Suite ${rng.int(100, 990)}` : '',
      time_zone: plan.metro.timeZone,
      description: description(plan, storeNumber, customerName),
      physical_address: street,
      shipping_address: plan.kind === 'dc' || plan.kind === 'pop' ? `Receiving dock, ${street}` : rng.chance(0.5) ? street : '',
      latitude: round6(plan.metro.latitude + (rng.next() - 0.5) * 0.1),
      longitude: round6(plan.metro.longitude + (rng.next() - 0.5) * 0.1),
      comments: plan.kind === 'dc' ? 'Badge and escort required. Remote hands via the colo portal.' : '',
      group_id: groups.get(siteGroupName(plan)) ?? null,
      region_id: regions.regionIdByMetro.get(plan.metro.name) ?? null,
      tenant_id: tenantId,
    });
    const base = {
      id: row.id as number,
      name,
      slug: name.toLowerCase(),
      kind: plan.kind,
      variant: plan.variant,
      metro: plan.metro,
      status: plan.status,
      isNew: plan.isNew,
      tenantId,
      regionId: regions.regionIdByMetro.get(plan.metro.name) ?? 0,
      groupId: groups.get(siteGroupName(plan)) ?? 0,
      created,
    };
    sites.push({ ...base, locations: addLocations(ctx, rng, base) });
  });
  assignMptt(ctx.db.rows('dcim_location'));
  return { sites, ...regions };
}

export function countryRegionOf(org: Organization, metro: Metro): number | undefined {
  return org.regionIdByCountry.get(countryByName(metro.country).name);
}
