import type { Row } from '../dataset.ts';
import type { Random } from './random.ts';

/** One field's value before and after an update; `after` overrides the current value when set. */
export interface Mutation {
  readonly field: string;
  readonly before: unknown;
  readonly after?: unknown;
}

type Mutator = (row: Row, rng: Random) => Mutation | null;

/** A custom field inside `custom_field_data`: the snapshot form keeps the whole dict. */
function customField(row: Row, name: string, before: unknown): Mutation | null {
  const data = row.custom_field_data as Record<string, unknown> | undefined;
  if (!data || !(name in data) || data[name] === before) return null;
  return { field: 'custom_field_data', before: { ...data, [name]: before } };
}

const DEVICE_NOTES = [
  'Replaced PSU1 under RMA',
  'Software upgraded during maintenance window',
  'Moved console to port 12',
  'Pending replacement - fan tray alarms',
  'Configuration backed up and verified',
  'Added to NMS polling',
];

const INTERFACE_NOTES = ['Reserved for AP', 'Printer', 'Badge reader', 'Camera', 'Uplink to IDF', 'Temporary - event', 'Conference room'];

function status(row: Row, transitions: Readonly<Record<string, readonly string[]>>, rng: Random): Mutation | null {
  const options = transitions[String(row.status)];
  return options && options.length > 0 ? { field: 'status', before: rng.pick(options) } : null;
}

function describe(row: Row, notes: readonly string[], rng: Random): Mutation {
  const after = rng.pick(notes);
  return { field: 'description', before: row.description === after ? '' : row.description, after };
}

/** Plausible single-field edits per table, for building update records backwards from today's state. */
export const MUTATORS: Readonly<Record<string, readonly Mutator[]>> = {
  dcim_device: [
    (row, rng) => status(row, { active: ['planned', 'staged', 'offline'], offline: ['active'], staged: ['planned'] }, rng),
    (row, rng) => describe(row, DEVICE_NOTES, rng),
    (row, rng) => (typeof row.serial === 'string' && row.serial.length > 4 ? { field: 'serial', before: `${row.serial.slice(0, -4)}${rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 4)}` } : null),
    (row, rng) => ({ field: 'comments', before: '', after: `Change CHG${rng.int(100000, 999999)}: ${rng.pick(DEVICE_NOTES).toLowerCase()}.` }),
    (row, rng) => customField(row, 'support_tier', rng.pick(['gold', 'silver', 'bronze', null])),
  ],
  dcim_interface: [
    (row) => (row.type === 'virtual' ? null : { field: 'enabled', before: row.enabled !== true }),
    (row, rng) => describe(row, INTERFACE_NOTES, rng),
    (row) => (row.mtu === null && row.type !== 'virtual' ? { field: 'mtu', before: null, after: 9216 } : { field: 'mtu', before: null }),
  ],
  ipam_ipaddress: [
    (row, rng) => status(row, { active: ['reserved', 'dhcp'], deprecated: ['active'], reserved: ['active'] }, rng),
    (row) => (row.dns_name === '' ? null : { field: 'dns_name', before: '' }),
    (row, rng) => describe(row, ['Reserved for migration', 'Do not reuse', 'Assigned via ticket INC' + String(rng.int(10000, 99999))], rng),
  ],
  ipam_prefix: [
    (row, rng) => status(row, { active: ['reserved'], deprecated: ['active'], reserved: ['container'] }, rng),
    (row) => ({ field: 'description', before: row.description === '' ? 'TBD' : '' }),
    (row) => (row.status === 'container' ? null : { field: 'mark_utilized', before: row.mark_utilized !== true }),
  ],
  virtualization_virtualmachine: [
    (row) => (typeof row.memory === 'number' && row.memory >= 4096 ? { field: 'memory', before: row.memory / 2 } : null),
    (row) => (typeof row.vcpus === 'number' && row.vcpus >= 4 ? { field: 'vcpus', before: row.vcpus / 2 } : null),
    (row, rng) => status(row, { active: ['staged', 'offline'], offline: ['active'], decommissioning: ['active'] }, rng),
    (row, rng) => customField(row, 'backup_policy', rng.pick(['daily', 'weekly', 'none'])),
  ],
  circuits_circuit: [
    (row) => (typeof row.commit_rate === 'number' && row.commit_rate >= 100_000 ? { field: 'commit_rate', before: row.commit_rate / 2 } : null),
    (row, rng) => status(row, { active: ['provisioning'], decommissioning: ['active'] }, rng),
    (row, rng) => customField(row, 'monthly_cost', rng.int(50, 9000)),
  ],
  dcim_site: [
    (row, rng) => status(row, { active: ['staging'], staging: ['planned'], decommissioning: ['active'] }, rng),
    (row) => ({ field: 'comments', before: '' , after: row.comments === '' ? 'Loading dock access 07:00-15:00.' : row.comments }),
  ],
  ipam_vlan: [
    (row) => ({ field: 'description', before: row.description === '' ? 'TBD' : '' }),
    (row, rng) => status(row, { active: ['reserved'], deprecated: ['active'] }, rng),
  ],
  dcim_cable: [
    (row, rng) => status(row, { connected: ['planned'], decommissioning: ['connected'] }, rng),
    (row) => ({ field: 'label', before: '' , after: row.label === '' ? `PATCH-${String(row.id).padStart(5, '0')}` : row.label }),
  ],
  dcim_rack: [(row, rng) => status(row, { active: ['planned'], deprecated: ['active'] }, rng)],
  tenancy_tenant: [(row) => ({ field: 'description', before: '' , after: row.description === '' ? 'Managed services customer' : row.description })],
};
