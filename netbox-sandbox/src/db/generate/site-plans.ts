import { METROS, metroByName } from './geography.ts';
import type { Metro } from './geography.ts';
import type { Random } from './random.ts';

export type SiteKind = 'dc' | 'hq' | 'office' | 'pop' | 'warehouse' | 'branch';
/** Stores come in two builds: a router and a switch, or a single SD-WAN firewall. */
export type BranchVariant = 'full' | 'small';
export type TenantRole = 'corporate' | 'retail' | 'logistics' | 'customer';

export interface SitePlan {
  readonly kind: SiteKind;
  readonly variant: BranchVariant | null;
  readonly metro: Metro;
  readonly status: 'active' | 'planned' | 'staging' | 'decommissioning';
  /** Built inside the change window, so its objects have change records of their creation. */
  readonly isNew: boolean;
  readonly tenantRole: TenantRole;
  /** Index into the customer list when `tenantRole` is 'customer'. */
  readonly customerIndex: number;
}

interface Blueprint {
  readonly kind: SiteKind;
  readonly variant?: BranchVariant;
  readonly metro: string;
  readonly status?: SitePlan['status'];
  readonly isNew?: boolean;
  readonly tenantRole: TenantRole;
  readonly customerIndex?: number;
}

/** The 25 sites of scale ×1. Larger scales repeat the mix in other metros. */
const BASE_MIX: readonly Blueprint[] = [
  { kind: 'dc', metro: 'Chicago', tenantRole: 'corporate' },
  { kind: 'dc', metro: 'Frankfurt', tenantRole: 'corporate' },
  { kind: 'hq', metro: 'Denver', tenantRole: 'corporate' },
  { kind: 'office', metro: 'London', tenantRole: 'corporate' },
  { kind: 'pop', metro: 'Ashburn', tenantRole: 'corporate' },
  { kind: 'warehouse', metro: 'Dallas', tenantRole: 'logistics' },
  { kind: 'warehouse', metro: 'Rotterdam', tenantRole: 'logistics' },
  { kind: 'branch', variant: 'full', metro: 'Austin', tenantRole: 'retail' },
  { kind: 'branch', variant: 'full', metro: 'Seattle', tenantRole: 'retail' },
  { kind: 'branch', variant: 'full', metro: 'Atlanta', tenantRole: 'retail' },
  { kind: 'branch', variant: 'full', metro: 'Toronto', tenantRole: 'retail' },
  { kind: 'branch', variant: 'full', metro: 'Munich', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Boston', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Amsterdam', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Manchester', tenantRole: 'retail', status: 'decommissioning' },
  { kind: 'branch', variant: 'small', metro: 'Phoenix', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Minneapolis', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Singapore', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Sydney', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Tokyo', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Austin', tenantRole: 'retail' },
  { kind: 'branch', variant: 'small', metro: 'Chicago', tenantRole: 'customer', customerIndex: 0 },
  { kind: 'branch', variant: 'small', metro: 'Denver', tenantRole: 'customer', customerIndex: 1 },
  { kind: 'branch', variant: 'small', metro: 'Vancouver', tenantRole: 'retail', status: 'staging', isNew: true },
  { kind: 'branch', variant: 'small', metro: 'Dublin', tenantRole: 'retail', status: 'planned', isNew: true },
];

function toPlan(blueprint: Blueprint, metro: Metro, customerIndex: number): SitePlan {
  return {
    kind: blueprint.kind,
    variant: blueprint.variant ?? null,
    metro,
    status: blueprint.status ?? 'active',
    isNew: blueprint.isNew ?? false,
    tenantRole: blueprint.tenantRole,
    customerIndex,
  };
}

/**
 * The sites to build, in id order: every round's established sites first, then the new ones, so that ids
 * grow with creation time as they do in a real database.
 */
export function planSites(scale: number, rng: Random, customerCount: number): SitePlan[] {
  const established: SitePlan[] = [];
  const fresh: SitePlan[] = [];
  for (let round = 0; round < scale; round++) {
    for (const blueprint of BASE_MIX) {
      // Round 0 is the hand-placed footprint; later rounds spread the same mix over every metro.
      const metro = round === 0 ? metroByName(blueprint.metro) : rng.pick(METROS);
      const base = blueprint.customerIndex ?? 0;
      const customerIndex = round === 0 ? base : (base + round * 2) % Math.max(1, customerCount);
      const plan = toPlan(blueprint, metro, customerIndex);
      (plan.isNew ? fresh : established).push(plan);
    }
  }
  return [...established, ...fresh];
}
