import type { GenerationContext } from './context.ts';
import type { SiteInfo } from './organization.ts';
import type { Random } from './random.ts';
import type { Tenancy } from './tenancy.ts';

export interface RackInfo {
  readonly id: number;
  readonly name: string;
  readonly site: SiteInfo;
  readonly locationId: number | null;
  readonly uHeight: number;
  /** Free units from the top down; devices take units from here. */
  nextTopUnit: number;
}

interface RackLayout {
  readonly name: string;
  readonly location: string | null;
  readonly role: string;
  readonly formFactor: string;
  readonly uHeight: number;
}

const ROLES: readonly { readonly name: string; readonly color: string; readonly description: string }[] = [
  { name: 'Network', color: '2196f3', description: 'Routing, switching and security' },
  { name: 'Compute', color: '4caf50', description: 'Servers and hypervisors' },
  { name: 'Storage', color: 'ff9800', description: '' },
  { name: 'Communications', color: '9e9e9e', description: 'Wall-mounted store comms cabinets' },
];

function layout(site: SiteInfo): RackLayout[] {
  switch (site.kind) {
    case 'dc':
      return [
        { name: 'R01', location: 'Row A', role: 'Network', formFactor: '4-post-cabinet', uHeight: 42 },
        { name: 'R02', location: 'Row A', role: 'Network', formFactor: '4-post-cabinet', uHeight: 42 },
        { name: 'R03', location: 'Row A', role: 'Compute', formFactor: '4-post-cabinet', uHeight: 42 },
        { name: 'R04', location: 'Row A', role: 'Compute', formFactor: '4-post-cabinet', uHeight: 42 },
        { name: 'R05', location: 'Row B', role: 'Compute', formFactor: '4-post-cabinet', uHeight: 42 },
        { name: 'R06', location: 'Row B', role: 'Compute', formFactor: '4-post-cabinet', uHeight: 42 },
        { name: 'R07', location: 'Row B', role: 'Storage', formFactor: '4-post-cabinet', uHeight: 42 },
        { name: 'R08', location: 'Row B', role: 'Storage', formFactor: '4-post-cabinet', uHeight: 48 },
      ];
    case 'hq':
      return [
        { name: 'MDF-R1', location: 'MDF', role: 'Network', formFactor: '2-post-frame', uHeight: 42 },
        { name: 'IDF2-R1', location: 'IDF 2', role: 'Network', formFactor: '2-post-frame', uHeight: 24 },
      ];
    case 'office':
      return [{ name: 'R1', location: 'Floor 3', role: 'Network', formFactor: '4-post-cabinet', uHeight: 24 }];
    case 'pop':
      return [{ name: 'R1', location: 'Cage 12', role: 'Network', formFactor: '4-post-cabinet', uHeight: 42 }];
    case 'warehouse':
      return [{ name: 'R1', location: 'Main Floor', role: 'Network', formFactor: '2-post-frame', uHeight: 42 }];
    case 'branch':
      return [{ name: 'COMMS-1', location: null, role: 'Communications', formFactor: 'wall-cabinet', uHeight: 12 }];
  }
}

function rackStatus(site: SiteInfo): string {
  if (site.status === 'planned') return 'planned';
  if (site.status === 'decommissioning') return 'deprecated';
  return 'active';
}

function addReservations(ctx: GenerationContext, rng: Random, racks: readonly RackInfo[], tenancy: Tenancy, userIds: readonly number[]): void {
  const table = ctx.db.table('dcim_rackreservation');
  const storage = racks.filter((r) => r.site.kind === 'dc' && (r.name === 'R07' || r.name === 'R05'));
  storage.forEach((rack, index) => {
    const customer = tenancy.customers[index % tenancy.customers.length];
    const forCustomer = index % 2 === 1 && customer !== undefined;
    const first = forCustomer ? 20 : 1;
    const units = Array.from({ length: forCustomer ? 6 : 10 }, (_, i) => first + i);
    table.add({
      ...ctx.time.stamps(rng, ctx.time.after(rng, rack.site.created, 200)),
      units,
      description: forCustomer ? `Customer cage space for ${customer.name}` : 'Reserved for storage expansion',
      rack_id: rack.id,
      tenant_id: forCustomer ? customer.tenantId : null,
      user_id: rng.pick(userIds),
    });
  });
  for (const rack of racks.filter((r) => r.site.kind === 'hq' && r.name === 'IDF2-R1')) {
    table.add({
      ...ctx.time.stamps(rng, ctx.time.after(rng, rack.site.created, 100)),
      units: [18, 19, 20, 21],
      description: 'Second access stack (Q3 refresh)',
      rack_id: rack.id,
      user_id: rng.pick(userIds),
    });
  }
}

export function generateRacks(ctx: GenerationContext, sites: readonly SiteInfo[], tenancy: Tenancy, engineerIds: readonly number[]): RackInfo[] {
  const rng = ctx.random('racks');
  const roleIds = new Map<string, number>();
  for (const role of ROLES) {
    const row = ctx.db.table('dcim_rackrole').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, ctx.time.day(6), 3600)),
      name: role.name,
      slug: role.name.toLowerCase(),
      color: role.color,
      description: role.description,
    });
    roleIds.set(role.name, row.id as number);
  }
  const table = ctx.db.table('dcim_rack');
  const racks: RackInfo[] = [];
  let assetNumber = 1200;
  for (const site of sites) {
    for (const spec of layout(site)) {
      const isDc = site.kind === 'dc';
      const isCabinet = spec.formFactor === '4-post-cabinet';
      const locationId = spec.location === null ? null : (site.locations.get(spec.location) ?? null);
      const maxWeight = isCabinet ? 1360 : null;
      assetNumber += rng.int(1, 7);
      const row = table.add({
        ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, site.created, 7200)),
        name: spec.name,
        facility_id: isDc ? `${site.name}-${spec.name}` : null,
        status: rackStatus(site),
        asset_tag: isDc ? `KST-R${assetNumber}` : null,
        form_factor: spec.formFactor,
        width: 19,
        u_height: spec.uHeight,
        outer_width: isCabinet ? 600 : null,
        outer_depth: isCabinet ? 1200 : null,
        outer_unit: isCabinet ? 'mm' : null,
        location_id: locationId,
        role_id: roleIds.get(spec.role) ?? null,
        site_id: site.id,
        tenant_id: site.tenantId,
        max_weight: maxWeight,
        weight_unit: maxWeight === null ? null : 'kg',
        _abs_max_weight: maxWeight === null ? null : maxWeight * 1000,
        mounting_depth: isCabinet ? 1000 : null,
        description: spec.role === 'Network' && isDc ? 'Network core' : '',
        starting_unit: 1,
        airflow: isDc ? 'front-to-rear' : null,
      });
      racks.push({ id: row.id as number, name: spec.name, site, locationId, uHeight: spec.uHeight, nextTopUnit: spec.uHeight });
    }
  }
  addReservations(ctx, rng, racks, tenancy, engineerIds);
  return racks;
}
