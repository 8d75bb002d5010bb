import type { Row } from '../dataset.ts';
import { MUTATORS } from './change-mutations.ts';
import type { Mutation } from './change-mutations.ts';
import { modelKeyOfTable } from './content-types.ts';
import type { GenerationContext } from './context.ts';
import type { DeviceInfo } from './devices.ts';
import { blockSize, cidr, parseCidr } from './ip.ts';
import type { Random } from './random.ts';
import { Snapshotter } from './snapshots.ts';
import { formatTimestamp, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_SECOND, parseTimestamp } from './timestamps.ts';
import type { UserIds } from './users.ts';

/** Tables whose objects are change-logged when created one by one (components made with a device are not). */
const CREATE_LOGGED: readonly string[] = [
  'tenancy_tenant', 'dcim_site', 'dcim_location', 'dcim_rack', 'dcim_rackreservation', 'dcim_device', 'dcim_virtualchassis',
  'dcim_cable', 'ipam_prefix', 'ipam_iprange', 'ipam_ipaddress', 'ipam_vlan', 'ipam_vlangroup', 'circuits_circuit',
  'circuits_circuittermination', 'virtualization_cluster', 'virtualization_virtualmachine', 'virtualization_vminterface',
  'tenancy_contactassignment', 'dcim_macaddress',
];

/** How often each table's objects are edited. */
const UPDATE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['dcim_device', 20],
  ['dcim_interface', 20],
  ['ipam_ipaddress', 15],
  ['ipam_prefix', 10],
  ['virtualization_virtualmachine', 15],
  ['circuits_circuit', 5],
  ['dcim_site', 4],
  ['ipam_vlan', 4],
  ['dcim_cable', 4],
  ['dcim_rack', 2],
  ['tenancy_tenant', 1],
];

/**
 * Devices that always have edits in the last seven days, whatever the seed: the first data center's core
 * router and firewall (their names do not depend on the seed).
 */
export const RECENTLY_CHANGED_DEVICES: readonly string[] = ['chi-dc1-cr01', 'chi-dc1-fw01'];

/** Change records at scale ×1. */
const CHANGES_PER_SCALE = 300;
const DELETES_PER_SCALE = 20;
/** Devices with edits in the last seven days, per scale. */
const RECENT_DEVICES_PER_SCALE = 5;

interface Change {
  readonly time: number;
  readonly userId: number;
  readonly requestId: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly table: string;
  readonly objectId: number;
  readonly related: { readonly model: string; readonly id: number } | null;
  readonly repr: string;
  readonly pre: Record<string, unknown> | null;
  readonly post: Record<string, unknown> | null;
}

function ts(row: Row, column: string): number {
  return parseTimestamp(String(row[column]));
}

class ChangeLog {
  readonly changes: Change[] = [];
  private readonly snap: Snapshotter;
  private readonly names = new Map<string, Map<unknown, string>>();
  private cableEnds: Map<unknown, Record<string, number[]>> | undefined;

  private readonly ctx: GenerationContext;
  private readonly rng: Random;
  private readonly users: UserIds;

  constructor(
    ctx: GenerationContext,
    rng: Random,
    users: UserIds,
  ) {
    this.ctx = ctx;
    this.rng = rng;
    this.users = users;
    const tagNames = new Map<unknown, string>();
    for (const tag of ctx.db.rows('extras_tag')) tagNames.set(tag.id, String(tag.name));
    const tagIndex = new Map<string, string[]>();
    for (const item of ctx.db.rows('extras_taggeditem')) {
      const key = `${String(item.content_type_id)}:${String(item.object_id)}`;
      const list = tagIndex.get(key) ?? [];
      list.push(tagNames.get(item.tag_id) ?? '');
      tagIndex.set(key, list);
    }
    this.snap = new Snapshotter(ctx.db, (table, id) => [...(tagIndex.get(`${ctx.ct.id(modelKeyOfTable(table))}:${String(id)}`) ?? [])].sort());
  }

  private name(table: string, id: unknown): string {
    let index = this.names.get(table);
    if (!index) {
      index = new Map(this.ctx.db.rows(table).map((r) => [r.id, String(r.name ?? r.cid ?? r.address ?? r.id)]));
      this.names.set(table, index);
    }
    return index.get(id) ?? String(id);
  }

  /** `str(obj)` of NetBox's models. */
  repr(table: string, row: Row): string {
    switch (table) {
      case 'dcim_cable':
        return row.label ? String(row.label) : `#${String(row.id)}`;
      case 'ipam_prefix':
        return String(row.prefix);
      case 'ipam_ipaddress':
        return String(row.address);
      case 'dcim_macaddress':
        return String(row.mac_address).toUpperCase();
      case 'ipam_iprange':
        return `${String(row.start_address).split('/')[0]}-${String(row.end_address).split('/')[0]}/${String(row.start_address).split('/')[1]}`;
      case 'ipam_vlan':
        return `${String(row.name)} (${String(row.vid)})`;
      case 'circuits_circuit':
        return String(row.cid);
      case 'circuits_circuittermination':
        return `${this.name('circuits_circuit', row.circuit_id)}: Termination ${String(row.term_side)}`;
      case 'dcim_rackreservation':
        return `Reservation for rack ${this.name('dcim_rack', row.rack_id)}`;
      case 'tenancy_contactassignment':
        return `${this.name('tenancy_contact', row.contact_id)} (${this.name('tenancy_contactrole', row.role_id)})`;
      default:
        return String(row.name ?? row.id);
    }
  }

  /** NetBox records the parent of a component (and the interface of an address) as the related object. */
  related(table: string, row: Row): Change['related'] {
    const fk = (model: string, id: unknown): Change['related'] => (typeof id === 'number' ? { model, id } : null);
    switch (table) {
      case 'dcim_interface':
        return fk('dcim.device', row.device_id);
      case 'virtualization_vminterface':
        return fk('virtualization.virtualmachine', row.virtual_machine_id);
      case 'circuits_circuittermination':
        return fk('circuits.circuit', row.circuit_id);
      case 'ipam_ipaddress': {
        if (typeof row.assigned_object_id !== 'number') return null;
        const model = row.assigned_object_type_id === this.ctx.ct.id('dcim.interface') ? 'dcim.interface' : 'virtualization.vminterface';
        return { model, id: row.assigned_object_id };
      }
      case 'tenancy_contactassignment': {
        const key = this.ctx.db.rows('django_content_type').find((c) => c.id === row.object_type_id);
        return key && typeof row.object_id === 'number' ? { model: `${String(key.app_label)}.${String(key.model)}`, id: row.object_id } : null;
      }
      default:
        return null;
    }
  }

  snapshot(table: string, row: Row): Record<string, unknown> {
    if (table !== 'dcim_cable') return this.snap.snapshot(table, row);
    if (!this.cableEnds) {
      this.cableEnds = new Map();
      for (const t of this.ctx.db.rows('dcim_cabletermination')) {
        const ends = this.cableEnds.get(t.cable_id) ?? { A: [], B: [] };
        ends[String(t.cable_end)]?.push(t.termination_id as number);
        this.cableEnds.set(t.cable_id, ends);
      }
    }
    // NetBox's Cable adds its terminations to the serialized form.
    const ends = this.cableEnds.get(row.id);
    return this.snap.snapshot(table, row, { a_terminations: ends?.A ?? [], b_terminations: ends?.B ?? [] });
  }

  user(table: string): number {
    const engineers = this.users.engineers;
    const ipamPerson = engineers[2] ?? 1;
    if (table.startsWith('ipam_') && this.rng.chance(0.6)) return ipamPerson;
    if (this.rng.chance(0.05)) return this.users.byUsername.get('admin') ?? 1;
    return this.rng.weighted(engineers.map((id, i) => [id, 6 - i] as const));
  }

  add(change: Omit<Change, 'requestId'> & { requestId?: string }): void {
    this.changes.push({ ...change, requestId: change.requestId ?? this.rng.uuid() });
  }

  /**
   * Edits to one object at the given times, newest first worked backwards from its current row, so the
   * last record's `postchange_data` is exactly today's row. Returns the object's state before the edits.
   */
  updates(table: string, row: Row, times: readonly number[], userId?: number): Row {
    const mutators = MUTATORS[table] ?? [];
    const chosen: Mutation[] = [];
    const used = new Set<string>();
    for (const mutator of this.rng.shuffle(mutators)) {
      if (chosen.length >= times.length) break;
      const m = mutator(row, this.rng);
      if (!m || used.has(m.field)) continue;
      const after = 'after' in m ? m.after : row[m.field];
      if (JSON.stringify(after) === JSON.stringify(m.before)) continue;
      used.add(m.field);
      chosen.push(m);
    }
    const original = String(row.last_updated);
    const state: Row = { ...row };
    if (chosen.length === 0) return state;
    const sorted = [...times].sort((a, b) => a - b).slice(-chosen.length);
    for (const m of chosen) {
      if ('after' in m) {
        row[m.field] = m.after;
        state[m.field] = m.after;
      }
    }
    const last = sorted[sorted.length - 1] as number;
    row.last_updated = formatTimestamp(last);
    const repr = this.repr(table, row);
    const related = this.related(table, row);
    for (let j = chosen.length - 1; j >= 0; j--) {
      const m = chosen[j] as Mutation;
      const time = sorted[j] as number;
      state.last_updated = formatTimestamp(time);
      const post = this.snapshot(table, state);
      state[m.field] = m.before;
      state.last_updated = j > 0 ? formatTimestamp(sorted[j - 1] as number) : original;
      const pre = this.snapshot(table, state);
      this.add({ time, userId: userId ?? this.user(table), action: 'update', table, objectId: row.id as number, related, repr, pre, post });
    }
    return state;
  }
}

function randomTimes(rng: Random, from: number, to: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(from + Math.floor(rng.next() * Math.max(1, to - from)));
  return out.sort((a, b) => a - b);
}

/** Objects deleted inside the window: copies of real rows under ids past the table's end. */
function ghostDeletes(ctx: GenerationContext, rng: Random, log: ChangeLog, count: number): void {
  const db = ctx.db;
  const window = ctx.time.windowStart;
  const at = (): number => ctx.time.between(rng, window + MICROS_PER_DAY, ctx.time.anchor - MICROS_PER_HOUR);
  const nextId = new Map<string, number>();
  const ghostId = (table: string): number => {
    const id = nextId.get(table) ?? db.table(table).nextId;
    nextId.set(table, id + 1);
    return id;
  };
  const historic = (row: Row): Row => {
    const created = Math.min(ts(row, 'created'), window - 30 * MICROS_PER_DAY);
    return { ...row, created: formatTimestamp(created), last_updated: formatTimestamp(ctx.time.settledUpdate(rng, created)) };
  };
  const vms = db.rows('virtualization_virtualmachine');
  const ips = db.rows('ipam_ipaddress').filter((r) => String(r.address).endsWith('/24') && !String(r.address).includes(':'));
  const vlans = db.rows('ipam_vlan');
  const dcBlocks = db.rows('ipam_prefix').filter((r) => String(r.prefix).endsWith('/20'));
  const kinds = ['vm', 'ip', 'ip', 'vlan', 'prefix'] as const;
  for (let n = 0; n < count; n++) {
    const kind = kinds[n % kinds.length];
    const time = at();
    if (kind === 'vm' && vms.length > 0) {
      const source = rng.pick(vms);
      const id = ghostId('virtualization_virtualmachine');
      const name = `${String(source.name).replace(/-\d+$/, '')}-${90 + n}`;
      const vm = historic({ ...source, id, name, status: 'decommissioning', primary_ip4_id: null, primary_ip6_id: null, interface_count: 1 });
      const ifId = ghostId('virtualization_vminterface');
      const sourceInterface: Row = db.rows('virtualization_vminterface').find((r) => r.virtual_machine_id === source.id) ?? {};
      const iface: Row = { ...sourceInterface, id: ifId, virtual_machine_id: id, primary_mac_address_id: null };
      const requestId = rng.uuid();
      const userId = log.user('virtualization_virtualmachine');
      log.add({ time, userId, requestId, action: 'delete', table: 'virtualization_vminterface', objectId: ifId, related: { model: 'virtualization.virtualmachine', id }, repr: String(iface.name), pre: log.snapshot('virtualization_vminterface', historic(iface)), post: null });
      log.add({ time: time + 1500, userId, requestId, action: 'delete', table: 'virtualization_virtualmachine', objectId: id, related: null, repr: name, pre: log.snapshot('virtualization_virtualmachine', vm), post: null });
    } else if (kind === 'ip' && ips.length > 0) {
      const source = rng.pick(ips);
      const [host, length] = String(source.address).split('/');
      const octets = String(host).split('.');
      const address = `${octets.slice(0, 3).join('.')}.${200 + (n % 50)}/${String(length)}`;
      const ip = historic({ ...source, id: ghostId('ipam_ipaddress'), address, status: 'deprecated', assigned_object_id: null, assigned_object_type_id: null, dns_name: '', description: 'Old printer' });
      log.add({ time, userId: log.user('ipam_ipaddress'), action: 'delete', table: 'ipam_ipaddress', objectId: ip.id as number, related: null, repr: address, pre: log.snapshot('ipam_ipaddress', ip), post: null });
    } else if (kind === 'vlan' && vlans.length > 0) {
      const vlan = historic({ ...rng.pick(vlans), id: ghostId('ipam_vlan'), vid: 3900 + n, name: `PROJ-${3900 + n}`, status: 'deprecated', description: 'Project VLAN, no longer used' });
      log.add({ time, userId: log.user('ipam_vlan'), action: 'delete', table: 'ipam_vlan', objectId: vlan.id as number, related: null, repr: `${String(vlan.name)} (${String(vlan.vid)})`, pre: log.snapshot('ipam_vlan', vlan), post: null });
    } else if (kind === 'prefix' && dcBlocks.length > 0) {
      const block = rng.pick(dcBlocks);
      const parsed = parseCidr(String(block.prefix));
      const network = Number(parsed.network) + blockSize(24) * (15 - (n % 4));
      const prefix = cidr(network, 24);
      const row = historic({ ...block, id: ghostId('ipam_prefix'), prefix, status: 'deprecated', description: 'Lab network (retired)', custom_field_data: {} });
      log.add({ time, userId: log.user('ipam_prefix'), action: 'delete', table: 'ipam_prefix', objectId: row.id as number, related: null, repr: prefix, pre: log.snapshot('ipam_prefix', row), post: null });
    }
  }
}

/**
 * `core_objectchange`: creation records for everything made inside the 90-day window, edits spread over the
 * window (with a handful of devices edited in the last seven days), and deletions, by several engineers.
 * Edited rows get `last_updated` set to their last change, so the log and the objects agree.
 */
export function generateChanges(ctx: GenerationContext, users: UserIds, devices: readonly DeviceInfo[]): void {
  const rng = ctx.random('changes');
  const log = new ChangeLog(ctx, rng, users);
  const db = ctx.db;
  const window = ctx.time.windowStart;
  const anchor = ctx.time.anchor;

  // Edits first: a created-in-window object's creation record shows its state before any edit.
  const firstStates = new Map<string, Row>();
  const edited = new Set<string>();
  const recentFrom = anchor - 7 * MICROS_PER_DAY;
  const candidates = devices.filter((d) => d.status === 'active' && ['Core Router', 'Firewall', 'Distribution Switch', 'WAN Edge', 'Access Switch'].includes(d.role));
  // The first data center's core router and firewall are always among them, so scripted conversations
  // can ask "who changed chi-dc1-cr01 last week" of any seed.
  const pinned = [candidates.find((d) => d.role === 'Core Router'), candidates.find((d) => d.role === 'Firewall')].filter((d): d is DeviceInfo => d !== undefined);
  const recent = [...pinned, ...rng.sample(candidates.filter((d) => !pinned.includes(d)), RECENT_DEVICES_PER_SCALE * ctx.scale - pinned.length)];
  for (const device of recent) {
    const row = db.table('dcim_device').get(device.id);
    const userId = log.user('dcim_device');
    const times = randomTimes(rng, Math.max(recentFrom, ts(row, 'created') + MICROS_PER_HOUR), anchor - MICROS_PER_SECOND * 60, rng.int(1, 3));
    firstStates.set(`dcim_device:${device.id}`, log.updates('dcim_device', row, times, userId));
    edited.add(`dcim_device:${device.id}`);
    // The same engineer touches a couple of the device's ports in the same session.
    const ports = rng.sample([...device.interfaces.values()], rng.int(1, 2));
    for (const id of ports) {
      const iface = db.table('dcim_interface').get(id);
      const t = randomTimes(rng, Math.max(recentFrom, ts(iface, 'created') + MICROS_PER_HOUR), anchor - MICROS_PER_SECOND * 60, 1);
      log.updates('dcim_interface', iface, t, userId);
      edited.add(`dcim_interface:${id}`);
    }
  }

  const creates: [string, Row][] = [];
  for (const table of CREATE_LOGGED) {
    for (const row of db.rows(table)) {
      if (ts(row, 'created') >= window) creates.push([table, row]);
    }
  }
  const deletes = DELETES_PER_SCALE * ctx.scale;
  let budget = CHANGES_PER_SCALE * ctx.scale - creates.length - deletes - log.changes.length;
  let guard = budget * 20;
  while (budget > 0 && guard-- > 0) {
    const table = rng.weighted(UPDATE_WEIGHTS);
    const rows = db.rows(table);
    if (rows.length === 0) continue;
    const row = rng.pick(rows);
    const key = `${table}:${String(row.id)}`;
    if (edited.has(key)) continue;
    const from = Math.max(window, ts(row, 'created') + MICROS_PER_HOUR);
    if (from >= anchor - MICROS_PER_HOUR) continue;
    const before = log.changes.length;
    firstStates.set(key, log.updates(table, row, randomTimes(rng, from, anchor - MICROS_PER_HOUR, Math.min(budget, rng.int(1, 2)))));
    edited.add(key);
    budget -= log.changes.length - before;
  }

  for (const [table, row] of creates) {
    const state = { ...(firstStates.get(`${table}:${String(row.id)}`) ?? row) };
    state.last_updated = state.created;
    log.add({ time: ts(row, 'created'), userId: log.user(table), action: 'create', table, objectId: row.id as number, related: log.related(table, row), repr: log.repr(table, row), pre: null, post: log.snapshot(table, state) });
  }
  ghostDeletes(ctx, rng, log, deletes);

  const table = db.table('core_objectchange');
  const ordered = log.changes.map((c, index) => ({ c, index })).sort((a, b) => a.c.time - b.c.time || a.index - b.index);
  const usernames = new Map<unknown, string>(db.rows('users_user').map((u) => [u.id, String(u.username)]));
  for (const { c } of ordered) {
    table.add({
      time: formatTimestamp(c.time),
      user_id: c.userId,
      user_name: usernames.get(c.userId) ?? '',
      request_id: c.requestId,
      action: c.action,
      changed_object_type_id: ctx.ct.id(modelKeyOfTable(c.table)),
      changed_object_id: c.objectId,
      related_object_type_id: c.related ? ctx.ct.id(c.related.model) : null,
      related_object_id: c.related ? c.related.id : null,
      object_repr: c.repr.slice(0, 200),
      prechange_data: c.pre,
      postchange_data: c.post,
      message: '',
    });
  }
}
