import type { GenerationContext } from './context.ts';
import { assignMptt } from './mptt.ts';
import { COMPANY_DOMAIN, FIRST_NAMES, LAST_NAMES, slugify } from './names.ts';
import type { SiteInfo } from './organization.ts';
import type { Random } from './random.ts';
import type { Tenancy } from './tenancy.ts';
import { parseTimestamp } from './timestamps.ts';

const GROUPS: readonly (readonly [string, string | null])[] = [
  ['Kestrel Staff', null],
  ['Network Engineering', 'Kestrel Staff'],
  ['Facilities', 'Kestrel Staff'],
  ['Service Desk', 'Kestrel Staff'],
  ['Vendors', null],
  ['Carriers', 'Vendors'],
  ['Customer Contacts', null],
];

const ROLES: readonly (readonly [string, string])[] = [
  ['Technical', 'Day-to-day technical contact'],
  ['Administrative', ''],
  ['Billing', ''],
  ['Escalation', 'Out-of-hours escalation'],
  ['Site Manager', 'Responsible for the premises'],
  ['Account Manager', ''],
];

const TITLES: Readonly<Record<string, readonly string[]>> = {
  'Network Engineering': ['Network Engineer', 'Senior Network Engineer', 'Network Architect', 'NOC Lead'],
  Facilities: ['Facilities Manager', 'Store Manager', 'Site Operations Lead'],
  'Service Desk': ['Service Desk Analyst', 'IT Support Lead'],
  Carriers: ['Account Manager', 'Service Delivery Manager', 'NOC Escalation'],
  'Customer Contacts': ['IT Director', 'Infrastructure Manager', 'CTO', 'Office Manager'],
};

interface ContactInfo {
  readonly id: number;
  readonly group: string;
}

/** A first and last name nobody else has; middle initials keep large scales unique. */
function person(rng: Random, used: Set<string>): [string, string] {
  for (let attempt = 0; ; attempt++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const middle = attempt < 10 ? '' : `${String.fromCharCode(65 + ((attempt - 10) % 26))}. `;
    const name = `${first} ${middle}${last}`;
    if (!used.has(name)) {
      used.add(name);
      return [`${first}${middle ? ` ${middle.trim()}` : ''}`, last];
    }
  }
}

/** Contact groups, roles, people, and who is the contact for which site, tenant, provider and circuit. */
export function generateContacts(ctx: GenerationContext, sites: readonly SiteInfo[], tenancy: Tenancy): void {
  const rng = ctx.random('contacts');
  const db = ctx.db;
  const setup = ctx.time.day(14);
  const groupIds = new Map<string, number>();
  for (const [name, parent] of GROUPS) {
    const row = db.table('tenancy_contactgroup').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 3600)),
      name,
      slug: slugify(name),
      parent_id: parent === null ? null : (groupIds.get(parent) ?? null),
      lft: 0,
      rght: 0,
      tree_id: 0,
      level: 0,
    });
    groupIds.set(name, row.id as number);
  }
  assignMptt(db.rows('tenancy_contactgroup'));
  const roleIds = new Map<string, number>();
  for (const [name, description] of ROLES) {
    roleIds.set(name, db.table('tenancy_contactrole').add({ ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 3600)), name, slug: slugify(name), description }).id as number);
  }

  const plan: readonly (readonly [string, number])[] = [
    ['Network Engineering', 6],
    ['Facilities', 6],
    ['Service Desk', 2],
    ['Carriers', 4],
    ['Customer Contacts', 4],
  ];
  const used = new Set<string>();
  const contacts: ContactInfo[] = [];
  const carrierDomains = db.rows('circuits_provider').map((p) => `${String(p.slug)}.example`);
  for (const [group, perScale] of plan) {
    for (let i = 0; i < perScale * ctx.scale; i++) {
      const [first, last] = person(rng, used);
      const domain = group === 'Carriers' ? rng.pick(carrierDomains) : group === 'Customer Contacts' ? 'customer.example' : COMPANY_DOMAIN;
      const row = db.table('tenancy_contact').add({
        ...ctx.time.stamps(rng, ctx.time.between(rng, setup, ctx.time.windowStart - 5 * 86_400_000_000)),
        name: `${first} ${last}`,
        title: rng.pick(TITLES[group] ?? ['']),
        phone: `+1 555 01${String(rng.int(0, 99)).padStart(2, '0')} ${rng.int(1000, 9999)}`,
        email: `${first.replace(/[ .]+/g, '.')}.${last}@${domain}`.toLowerCase().replace(/\.\.+/g, '.'),
        group_id: groupIds.get(group) ?? null,
      });
      contacts.push({ id: row.id as number, group });
    }
  }
  const of = (group: string): ContactInfo[] => contacts.filter((c) => c.group === group);
  const assignments = db.table('tenancy_contactassignment');
  const assign = (contact: ContactInfo | undefined, model: string, objectId: number, role: string, priority: string, after: number): void => {
    if (!contact) return;
    assignments.add({
      ...ctx.time.stamps(rng, ctx.time.after(rng, after, 60)),
      object_type_id: ctx.ct.id(model),
      object_id: objectId,
      contact_id: contact.id,
      role_id: roleIds.get(role),
      priority,
    });
  };
  const engineers = of('Network Engineering');
  const facilities = of('Facilities');
  for (const site of sites) {
    if (site.kind === 'branch' && !rng.chance(0.4)) continue;
    assign(rng.pick(facilities), 'dcim.site', site.id, 'Site Manager', 'primary', site.created);
    assign(rng.pick(engineers), 'dcim.site', site.id, 'Technical', 'primary', site.created);
    if (site.kind === 'dc') assign(rng.pick(engineers), 'dcim.site', site.id, 'Escalation', 'secondary', site.created);
  }
  const customerContacts = of('Customer Contacts');
  const tenants = db.table('tenancy_tenant');
  tenancy.customers.forEach((customer, index) => {
    const since = parseTimestamp(String(tenants.get(customer.tenantId).created));
    assign(customerContacts[index % Math.max(1, customerContacts.length)], 'tenancy.tenant', customer.tenantId, 'Administrative', 'primary', since);
    if (rng.chance(0.5)) assign(rng.pick(of('Service Desk')), 'tenancy.tenant', customer.tenantId, 'Technical', 'secondary', since);
  });
  const carriers = of('Carriers');
  for (const provider of db.rows('circuits_provider')) {
    assign(rng.pick(carriers), 'circuits.provider', provider.id as number, 'Account Manager', 'primary', setup);
    if (rng.chance(0.5)) assign(rng.pick(carriers), 'circuits.provider', provider.id as number, 'Escalation', 'secondary', setup);
  }
  const critical = db.rows('dcim_device').filter((d) => String(d.name).endsWith('-cr01') || String(d.name).endsWith('-fw01'));
  for (const device of critical) {
    if (rng.chance(0.5)) assign(rng.pick(engineers), 'dcim.device', device.id as number, 'Technical', 'primary', parseTimestamp(String(device.created)));
  }
}
