import type { GenerationContext } from './context.ts';
import { assignMptt } from './mptt.ts';
import { BASE_CUSTOMERS, COMPANY_NAME, CUSTOMER_INDUSTRIES, CUSTOMER_WORDS, slugify } from './names.ts';

/** Kestrel's own business units: the first tenants, in this order, so their ids are fixed. */
const BUSINESS_UNITS: readonly { readonly name: string; readonly description: string }[] = [
  { name: 'Kestrel Corporate IT', description: 'Headquarters, data centers and shared infrastructure' },
  { name: 'Kestrel Retail', description: 'Retail stores and point-of-sale systems' },
  { name: 'Kestrel Logistics', description: 'Warehouses and distribution centers' },
  { name: 'Kestrel Cloud Services', description: 'Hosted and managed cloud platforms' },
];

export const CORPORATE_TENANT_ID = 1;
/** The tenant the restricted sandbox user may see: it owns the stores, their devices, prefixes and circuits. */
export const RESTRICTED_TENANT_ID = 2;
export const RESTRICTED_TENANT_SLUG = 'kestrel-retail';
export const LOGISTICS_TENANT_ID = 3;
export const CLOUD_TENANT_ID = 4;

export interface Customer {
  readonly tenantId: number;
  readonly name: string;
  /** Short code used in VRF names and route distinguishers. */
  readonly code: string;
  /** When the customer was signed; their VRF and services come after. */
  readonly created: number;
}

export interface Tenancy {
  readonly customers: readonly Customer[];
}

const CUSTOMER_GROUPS = ['Hospitality', 'Healthcare', 'Financial Services', 'Education', 'Energy', 'Industrial', 'Media'];

function customerList(ctx: GenerationContext): { name: string; group: string; code: string }[] {
  const wanted = BASE_CUSTOMERS.length * ctx.scale;
  const list: { name: string; group: string; code: string }[] = [...BASE_CUSTOMERS];
  const used = new Set(list.map((c) => c.name));
  const codes = new Set(list.map((c) => c.code));
  const rng = ctx.random('tenancy/customers');
  // Every word with every industry, in a seeded order: enough distinct names for ×100.
  const combos = rng.shuffle(CUSTOMER_WORDS.flatMap((word) => CUSTOMER_INDUSTRIES.map((industry) => ({ word, industry }))));
  for (const { word, industry } of combos) {
    if (list.length >= wanted) break;
    const name = `${word} ${industry.suffix}`;
    if (used.has(name)) continue;
    used.add(name);
    let code = `${word.slice(0, 2)}${industry.suffix.slice(0, 1)}`.toUpperCase();
    for (let n = 2; codes.has(code); n++) code = `${word.slice(0, 2).toUpperCase()}${n}`;
    codes.add(code);
    list.push({ name, group: industry.group, code });
  }
  return list;
}

export function generateTenancy(ctx: GenerationContext): Tenancy {
  const rng = ctx.random('tenancy');
  const groups = ctx.db.table('tenancy_tenantgroup');
  const setupTime = ctx.time.day(3);
  const addGroup = (name: string, parentId: number | null, description = ''): number => {
    const created = ctx.time.soonAfter(rng, setupTime, 3600);
    const row = groups.add({
      ...ctx.time.stamps(rng, created),
      name,
      slug: slugify(name),
      description,
      parent_id: parentId,
      lft: 0,
      rght: 0,
      tree_id: 0,
      level: 0,
    });
    return row.id as number;
  };
  const businessUnits = addGroup('Business Units', null, `${COMPANY_NAME} internal organisations`);
  const customersRoot = addGroup('Customers', null, 'Managed-services customers');
  const customerGroupIds = new Map<string, number>();
  for (const name of CUSTOMER_GROUPS) customerGroupIds.set(name, addGroup(name, customersRoot));
  assignMptt(groups.rows);

  const tenants = ctx.db.table('tenancy_tenant');
  for (const unit of BUSINESS_UNITS) {
    tenants.add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setupTime, 7200)),
      name: unit.name,
      slug: slugify(unit.name),
      description: unit.description,
      group_id: businessUnits,
    });
  }
  const customers: Customer[] = [];
  const list = customerList(ctx);
  list.forEach((customer, index) => {
    // Customers signed over the years, all before the change window.
    const created = ctx.time.between(rng, ctx.time.day(20 + (index * 880) / Math.max(1, list.length)), ctx.time.day(21 + (index * 880) / Math.max(1, list.length)));
    const row = tenants.add({
      ...ctx.time.stamps(rng, created),
      name: customer.name,
      slug: slugify(customer.name),
      description: `Managed services customer (${customer.group})`,
      group_id: customerGroupIds.get(customer.group) ?? customersRoot,
    });
    customers.push({ tenantId: row.id as number, name: customer.name, code: customer.code, created });
  });
  return { customers };
}
