import type { Row } from '../dataset.ts';
import type { GenerationContext } from './context.ts';
import { slugify } from './names.ts';
import type { Random } from './random.ts';
import { RESTRICTED_TENANT_ID } from './tenancy.ts';

const TAGS: readonly (readonly [string, string, string])[] = [
  ['Critical', 'f44336', 'Outage here is a P1'],
  ['PCI Scope', '9c27b0', 'In scope for PCI DSS'],
  ['SOX', '673ab7', 'Financial controls apply'],
  ['HIPAA', '3f51b5', 'Handles protected health information'],
  ['Monitored', '4caf50', 'Polled by the NMS'],
  ['Backup: Daily', '009688', ''],
  ['Backup: Weekly', '00bcd4', ''],
  ['EoL 2026', 'ff9800', 'Vendor end of life in 2026'],
  ['Upgrade Pending', 'ffc107', 'Software upgrade scheduled'],
  ['Dual-Homed', '2196f3', ''],
  ['Vendor Support', '8bc34a', 'Covered by a support contract'],
  ['Lab', '9e9e9e', ''],
  ['Production', 'e91e63', ''],
  ['Staging', 'ff5722', ''],
  ['Development', '795548', ''],
  ['Legacy', '607d8b', ''],
  ['IPv6 Ready', '03a9f4', ''],
  ['DMZ', 'aa1409', ''],
  ['Uplink', '111111', ''],
  ['SD-WAN', 'cddc39', ''],
  ['PoE Budget', 'ffeb3b', 'Close to the PoE power budget'],
  ['Customer Owned', 'c0c0c0', 'Hardware owned by the customer'],
  ['Managed Service', '00ffff', ''],
  ['Needs Audit', 'ff66ff', 'Data quality review needed'],
  ['Decommission', '000000', 'Scheduled for removal'],
  ['Internet Facing', 'f0a500', ''],
];

type Rule = (row: Row, rng: Random, names: Lookup) => readonly string[];

interface Lookup {
  readonly deviceRoles: ReadonlyMap<unknown, string>;
  readonly deviceTypes: ReadonlyMap<unknown, string>;
  readonly circuitTypes: ReadonlyMap<unknown, string>;
  readonly clusterGroups: ReadonlyMap<unknown, string>;
  readonly vmCluster: ReadonlyMap<unknown, unknown>;
  readonly clusterName: ReadonlyMap<unknown, string>;
}

function maybe(rng: Random, p: number, tag: string): string[] {
  return rng.chance(p) ? [tag] : [];
}

/** Which tags each kind of object gets. */
const RULES: readonly (readonly [string, string, Rule])[] = [
  ['dcim_site', 'dcim.site', (row, rng) => [
    ...(row.tenant_id === RESTRICTED_TENANT_ID ? ['PCI Scope'] : []),
    ...(String(row.name).includes('-DC') ? ['Critical'] : []),
    ...(String(row.description).includes('managed by Kestrel') ? ['Managed Service'] : []),
    ...maybe(rng, 0.1, 'Needs Audit'),
  ]],
  ['dcim_device', 'dcim.device', (row, rng, n) => {
    const role = n.deviceRoles.get(row.role_id) ?? '';
    const model = n.deviceTypes.get(row.device_type_id) ?? '';
    const network = role !== 'Patch Panel' && role !== 'PDU';
    return [
      ...(['Core Router', 'Firewall', 'Edge Router'].includes(role) || (role === 'Distribution Switch' && rng.chance(0.7)) ? ['Critical'] : []),
      ...(['Core Router', 'Firewall', 'Distribution Switch', 'Load Balancer'].includes(role) ? ['Dual-Homed'] : []),
      ...(['Core Router', 'Firewall', 'Edge Router'].includes(role) ? ['Internet Facing'] : []),
      ...(network && row.status === 'active' && rng.chance(0.85) ? ['Monitored'] : []),
      ...(model === 'ISR4451-X' ? ['EoL 2026'] : []),
      ...(model === 'PA-440' ? ['SD-WAN'] : []),
      ...(row.tenant_id === RESTRICTED_TENANT_ID && network ? ['PCI Scope'] : []),
      ...(row.status === 'decommissioning' ? ['Decommission'] : []),
      ...(network ? maybe(rng, 0.1, 'Upgrade Pending') : []),
      ...(network ? maybe(rng, 0.3, 'Vendor Support') : []),
      ...(model === 'C9300-48P' ? maybe(rng, 0.3, 'PoE Budget') : []),
    ];
  }],
  ['dcim_interface', 'dcim.interface', (row) => (row.description === 'Uplink' ? ['Uplink'] : [])],
  ['ipam_prefix', 'ipam.prefix', (row, rng) => {
    const prefix = String(row.prefix);
    return [
      ...(prefix.startsWith('172.24.') ? ['PCI Scope'] : []),
      ...(prefix.includes(':') ? ['IPv6 Ready'] : []),
      ...(String(row.description).endsWith('Web tier') ? ['DMZ'] : []),
      ...maybe(rng, 0.05, 'Needs Audit'),
    ];
  }],
  ['ipam_ipaddress', 'ipam.ipaddress', (row) => (row.role === 'vip' ? ['Internet Facing'] : row.role === 'loopback' ? ['Monitored'] : [])],
  ['ipam_vlan', 'ipam.vlan', (row) => (row.name === 'POS' ? ['PCI Scope'] : row.name === 'WEB' ? ['DMZ'] : [])],
  ['circuits_circuit', 'circuits.circuit', (row, rng, n) => {
    const type = n.circuitTypes.get(row.type_id) ?? '';
    return [
      ...(type === 'Internet Transit' || type === 'Wavelength' ? ['Critical'] : []),
      ...(type.includes('Internet') || type === 'Broadband' ? ['Internet Facing'] : []),
      ...maybe(rng, 0.4, 'Vendor Support'),
    ];
  }],
  ['virtualization_cluster', 'virtualization.cluster', (row, _rng, n) => {
    const group = n.clusterGroups.get(row.group_id) ?? '';
    return group === 'Production' ? ['Production'] : group === 'Lab' ? ['Lab'] : group === 'Non-Production' ? ['Development'] : [];
  }],
  ['virtualization_virtualmachine', 'virtualization.virtualmachine', (row, rng, n) => {
    const cluster = n.clusterName.get(n.vmCluster.get(row.id)) ?? '';
    const backup = (row.custom_field_data as Record<string, unknown>).backup_policy;
    return [
      ...(cluster.includes('nonprod') || cluster.endsWith('-dev') ? ['Development'] : cluster.includes('lab') ? ['Lab'] : ['Production']),
      ...(backup === 'daily' ? ['Backup: Daily'] : backup === 'weekly' ? ['Backup: Weekly'] : []),
      ...(cluster.includes('retail-pos') ? ['PCI Scope'] : []),
      ...(cluster.includes('hosting') ? ['Customer Owned'] : []),
      ...(row.status === 'active' && rng.chance(0.6) ? ['Monitored'] : []),
      ...maybe(rng, 0.05, 'Legacy'),
    ];
  }],
];

/** Tags and their assignments (`extras_taggeditem`), after every tagged object exists. */
export function generateTags(ctx: GenerationContext): void {
  const rng = ctx.random('tags');
  const db = ctx.db;
  const tagIds = new Map<string, number>();
  const created = ctx.time.day(10);
  for (const [name, color, description] of TAGS) {
    const row = db.table('extras_tag').add({ ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, created, 7200)), name, slug: slugify(name), color, description });
    tagIds.set(name, row.id as number);
  }
  const names = (table: string): Map<unknown, string> => new Map(db.rows(table).map((r) => [r.id, String(r.name ?? r.model)]));
  const lookup: Lookup = {
    deviceRoles: names('dcim_devicerole'),
    deviceTypes: names('dcim_devicetype'),
    circuitTypes: names('circuits_circuittype'),
    clusterGroups: names('virtualization_clustergroup'),
    vmCluster: new Map(db.rows('virtualization_virtualmachine').map((r) => [r.id, r.cluster_id])),
    clusterName: names('virtualization_cluster'),
  };
  const items = db.table('extras_taggeditem');
  for (const [table, model, rule] of RULES) {
    const contentType = ctx.ct.id(model);
    for (const row of db.rows(table)) {
      for (const tag of rule(row, rng, lookup)) {
        const tagId = tagIds.get(tag);
        if (tagId !== undefined) items.add({ object_id: row.id, content_type_id: contentType, tag_id: tagId });
      }
    }
  }
}
