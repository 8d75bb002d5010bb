import type { Row } from '../dataset.ts';
import type { GenerationContext } from './context.ts';
import type { Random } from './random.ts';
import { CLOUD_TENANT_ID, CORPORATE_TENANT_ID, LOGISTICS_TENANT_ID, RESTRICTED_TENANT_ID } from './tenancy.ts';

interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'integer' | 'select';
  readonly description: string;
  readonly models: readonly string[];
  readonly choiceSet?: string;
  readonly regex?: string;
  readonly minimum?: number;
  readonly groupName?: string;
}

const CHOICE_SETS: readonly { readonly name: string; readonly description: string; readonly choices: readonly (readonly [string, string])[] }[] = [
  {
    name: 'Support Tiers',
    description: 'Vendor and carrier support levels',
    choices: [
      ['platinum', 'Platinum (24x7, 4h onsite)'],
      ['gold', 'Gold (24x7, NBD onsite)'],
      ['silver', 'Silver (business hours)'],
      ['bronze', 'Bronze (best effort)'],
    ],
  },
  {
    name: 'Backup Policies',
    description: '',
    choices: [
      ['daily', 'Daily, 30-day retention'],
      ['weekly', 'Weekly, 90-day retention'],
      ['none', 'Not backed up'],
    ],
  },
];

export const CUSTOM_FIELDS: readonly FieldSpec[] = [
  { name: 'cost_center', label: 'Cost Center', type: 'text', description: 'Finance cost center charged for this object', models: ['dcim.site', 'tenancy.tenant', 'virtualization.cluster'], regex: '^CC-\\d{4}$', groupName: 'Finance' },
  { name: 'support_tier', label: 'Support Tier', type: 'select', description: '', models: ['dcim.device', 'circuits.circuit'], choiceSet: 'Support Tiers' },
  { name: 'monthly_cost', label: 'Monthly Cost (USD)', type: 'integer', description: 'Recurring charge before tax', models: ['circuits.circuit'], minimum: 0, groupName: 'Finance' },
  { name: 'backup_policy', label: 'Backup Policy', type: 'select', description: '', models: ['virtualization.virtualmachine'], choiceSet: 'Backup Policies' },
  { name: 'power_budget_kw', label: 'Power Budget (kW)', type: 'integer', description: 'Contracted power for the rack', models: ['dcim.rack'], minimum: 0 },
];

const MODEL_TABLES: Readonly<Record<string, string>> = {
  'dcim.site': 'dcim_site',
  'tenancy.tenant': 'tenancy_tenant',
  'virtualization.cluster': 'virtualization_cluster',
  'dcim.device': 'dcim_device',
  'circuits.circuit': 'circuits_circuit',
  'virtualization.virtualmachine': 'virtualization_virtualmachine',
  'dcim.rack': 'dcim_rack',
};

function costCenter(tenantId: unknown): string | null {
  if (typeof tenantId !== 'number') return null;
  if (tenantId === CORPORATE_TENANT_ID) return 'CC-1000';
  if (tenantId === RESTRICTED_TENANT_ID) return 'CC-2000';
  if (tenantId === LOGISTICS_TENANT_ID) return 'CC-3000';
  if (tenantId === CLOUD_TENANT_ID) return 'CC-4000';
  return `CC-${5000 + tenantId}`;
}

/** The value a field gets on one row, or null. */
function valueFor(field: string, model: string, row: Row, rng: Random, lookups: Lookups): unknown {
  switch (field) {
    case 'cost_center':
      return costCenter(model === 'tenancy.tenant' ? row.id : row.tenant_id);
    case 'support_tier': {
      if (model === 'circuits.circuit') {
        const type = lookups.circuitTypes.get(row.type_id);
        return type === 'Internet Transit' || type === 'Wavelength' ? 'platinum' : type === 'Broadband' ? 'bronze' : 'gold';
      }
      const role = lookups.deviceRoles.get(row.role_id) ?? '';
      if (role === 'Patch Panel' || role === 'PDU') return null;
      if (role === 'Core Router' || role === 'Firewall' || role === 'Edge Router') return 'platinum';
      return rng.weighted([
        ['gold', 3],
        ['silver', 3],
        ['bronze', 1],
      ]);
    }
    case 'monthly_cost': {
      const type = lookups.circuitTypes.get(row.type_id);
      const ranges: Record<string, [number, number]> = {
        'Internet Transit': [4500, 9000],
        'Dedicated Internet Access': [900, 2500],
        Broadband: [79, 199],
        MPLS: [600, 1500],
        Wavelength: [12000, 20000],
        'LTE Backup': [45, 45],
      };
      const range = ranges[type ?? ''];
      return range ? rng.int(range[0], range[1]) : null;
    }
    case 'backup_policy':
      return row.status === 'planned' ? null : rng.weighted([
        ['daily', 5],
        ['weekly', 3],
        ['none', 2],
      ]);
    case 'power_budget_kw':
      return typeof row.facility_id === 'string' ? rng.pick([8, 10, 12, 15]) : null;
    default:
      return null;
  }
}

interface Lookups {
  readonly circuitTypes: ReadonlyMap<unknown, string>;
  readonly deviceRoles: ReadonlyMap<unknown, string>;
}

/** Custom fields, their choice sets, and a value (or null) for the field on every object of its types. */
export function generateCustomFields(ctx: GenerationContext): void {
  const rng = ctx.random('custom-fields');
  const db = ctx.db;
  const created = ctx.time.day(11);
  const choiceSetIds = new Map<string, number>();
  for (const set of CHOICE_SETS) {
    const row = db.table('extras_customfieldchoiceset').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, created, 3600)),
      name: set.name,
      description: set.description,
      extra_choices: set.choices.map(([value, label]) => [value, label]),
    });
    choiceSetIds.set(set.name, row.id as number);
  }
  const lookups: Lookups = {
    circuitTypes: new Map(db.rows('circuits_circuittype').map((r) => [r.id, String(r.name)])),
    deviceRoles: new Map(db.rows('dcim_devicerole').map((r) => [r.id, String(r.name)])),
  };
  CUSTOM_FIELDS.forEach((field, index) => {
    const row = db.table('extras_customfield').add({
      ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, created, 7200)),
      type: field.type,
      name: field.name,
      label: field.label,
      description: field.description,
      filter_logic: field.type === 'text' ? 'exact' : 'loose',
      weight: 100 + index * 10,
      validation_minimum: field.minimum ?? null,
      validation_regex: field.regex ?? '',
      group_name: field.groupName ?? '',
      search_weight: 1000,
      choice_set_id: field.choiceSet === undefined ? null : (choiceSetIds.get(field.choiceSet) ?? null),
      ui_editable: 'yes',
      ui_visible: 'always',
    });
    for (const model of field.models) {
      db.table('extras_customfield_object_types').add({ customfield_id: row.id, objecttype_id: ctx.ct.id(model) });
      const table = MODEL_TABLES[model];
      if (table === undefined) continue;
      // NetBox writes the field into every existing object when the field is created.
      for (const target of db.rows(table)) {
        (target.custom_field_data as Record<string, unknown>)[field.name] = valueFor(field.name, model, target, rng, lookups);
      }
    }
  });
}
