import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Row } from '../src/db/dataset.ts';
import { FOREIGN_KEYS } from '../src/db/generate/foreign-keys.ts';
import {
  adminTokenKey,
  generateDataset,
  RECENTLY_CHANGED_DEVICES,
  RESTRICTED_TENANT_ID,
  RESTRICTED_TENANT_SLUG,
  RESTRICTED_USERNAME,
  SANDBOX_USERS,
  tokenKeyFor,
  utcMidnight,
  verifyPassword,
} from '../src/db/generate/generate-dataset.ts';
import { parseCidr } from '../src/db/generate/ip.ts';

const REFERENCE = new URL('../../../shared/netbox/demo-data/netbox-demo-v4.2.tables.json.gz', import.meta.url);
const ANCHOR = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

let one: Dataset;
let ten: Dataset;

beforeAll(() => {
  one = generateDataset({ seed: 1, scale: 1, anchor: ANCHOR });
  ten = generateDataset({ seed: 1, scale: 10, anchor: ANCHOR });
});

function rows(ds: Dataset, table: string): Row[] {
  const list = ds.tables[table];
  if (!list) throw new Error(`no table ${table}`);
  return list;
}

function contentTypes(ds: Dataset): Map<unknown, string> {
  return new Map(rows(ds, 'django_content_type').map((r) => [r.id, `${String(r.app_label)}_${String(r.model)}`]));
}

function contentTypeId(ds: Dataset, key: string): number {
  const [app, model] = key.split('.');
  const row = rows(ds, 'django_content_type').find((r) => r.app_label === app && r.model === model);
  if (!row) throw new Error(`no content type ${key}`);
  return row.id as number;
}

function idSet(ds: Dataset, table: string): Set<unknown> {
  return new Set(rows(ds, table).map((r) => r.id));
}

describe('generateDataset determinism', () => {
  it('gives byte-identical JSON for the same inputs', () => {
    const again = generateDataset({ seed: 1, scale: 1, anchor: new Date(ANCHOR) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(one));
  });

  it('gives different data for another seed', () => {
    const other = generateDataset({ seed: 2, scale: 1, anchor: ANCHOR });
    expect(JSON.stringify(other.tables)).not.toBe(JSON.stringify(one.tables));
    expect(other.source).toBe('generated seed=2 scale=1');
  });

  it('names its source and rejects bad options', () => {
    expect(one.source).toBe('generated seed=1 scale=1');
    expect(() => generateDataset({ seed: 1, scale: 0, anchor: ANCHOR })).toThrow(/scale/);
    expect(() => generateDataset({ seed: 1.5, scale: 1, anchor: ANCHOR })).toThrow(/seed/);
    expect(() => generateDataset({ seed: 1, scale: 1, anchor: new Date('nope') })).toThrow(/anchor/);
  });

  it('anchors the CLI at midnight UTC', () => {
    expect(utcMidnight(new Date('2026-03-01T17:45:12.345Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('generateDataset sizes', () => {
  const expected: readonly (readonly [string, number, number])[] = [
    ['dcim_site', 22, 28],
    ['dcim_region', 15, 45],
    ['dcim_rack', 35, 45],
    ['dcim_rackreservation', 2, 10],
    ['dcim_device', 65, 90],
    ['dcim_interface', 1300, 1700],
    ['dcim_cable', 100, 300],
    ['dcim_macaddress', 150, 500],
    ['dcim_virtualchassis', 2, 8],
    ['ipam_prefix', 75, 115],
    ['ipam_vlan', 50, 75],
    ['ipam_ipaddress', 150, 230],
    ['ipam_vrf', 3, 15],
    ['virtualization_cluster', 25, 35],
    ['virtualization_virtualmachine', 150, 210],
    ['circuits_circuit', 25, 45],
    ['extras_tag', 20, 30],
    ['core_objectchange', 250, 350],
    ['tenancy_tenant', 10, 15],
  ];

  it.each(expected)('has about the demo size of %s at scale 1', (table, min, max) => {
    const n = rows(one, table).length;
    expect(n).toBeGreaterThanOrEqual(min);
    expect(n).toBeLessThanOrEqual(max);
  });

  it.each(['dcim_site', 'dcim_device', 'dcim_interface', 'ipam_prefix', 'ipam_ipaddress', 'virtualization_virtualmachine', 'core_objectchange'])(
    'multiplies %s by about 10 at scale 10',
    (table) => {
      const ratio = rows(ten, table).length / rows(one, table).length;
      expect(ratio).toBeGreaterThan(8.5);
      expect(ratio).toBeLessThan(11.5);
    },
  );

  it('orders every table by sequential ids from 1', () => {
    for (const [table, list] of Object.entries(one.tables)) {
      list.forEach((row, index) => {
        if ('id' in row && row.id !== index + 1) throw new Error(`${table} row ${index} has id ${String(row.id)}`);
      });
    }
  });
});

describe('generateDataset columns', () => {
  const reference = existsSync(REFERENCE)
    ? (JSON.parse(gunzipSync(readFileSync(REFERENCE)).toString('utf8')) as { tables: Record<string, { columns: { name: string }[] }> })
    : null;

  it.skipIf(reference === null)('gives every row exactly the columns of NetBox\'s table', () => {
    for (const [table, list] of Object.entries(one.tables)) {
      const spec = reference?.tables[table];
      expect(spec, `reference has ${table}`).toBeDefined();
      const want = new Set(spec?.columns.map((c) => c.name));
      // 4.4+ records a change message; the 4.2 reference predates it.
      if (table === 'core_objectchange') want.add('message');
      for (const row of list) {
        const keys = Object.keys(row);
        if (keys.length !== want.size || keys.some((k) => !want.has(k))) {
          throw new Error(`${table} row ${String(row.id)}: columns ${keys.join(',')} differ from ${[...want].join(',')}`);
        }
      }
    }
  });

  it('writes timestamps, dates and JSON columns the way the API and dump loader do', () => {
    const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/;
    for (const list of Object.values(one.tables)) {
      for (const row of list) {
        for (const column of ['created', 'last_updated', 'time', 'date_joined', 'last_login', 'last_used']) {
          const value = row[column];
          if (value !== undefined && value !== null) expect(value).toMatch(stamp);
        }
      }
    }
    for (const row of rows(one, 'dcim_device')) expect(row.custom_field_data).toBeTypeOf('object');
    for (const row of rows(one, 'circuits_circuit')) if (row.install_date !== null) expect(row.install_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows(one, 'dcim_macaddress').every((r) => /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(String(r.mac_address)))).toBe(true);
  });
});

describe('generateDataset referential integrity', () => {
  it.each([
    ['scale 1', () => one],
    ['scale 10', () => ten],
  ] as const)('resolves every foreign key at %s', (_name, get) => {
    const ds = get();
    for (const [table, keys] of Object.entries(FOREIGN_KEYS)) {
      for (const [column, target] of Object.entries(keys)) {
        const list = ds.tables[table] ?? [];
        if (!(target in ds.tables)) {
          expect(list.filter((r) => r[column] !== null), `${table}.${column} points at ungenerated ${target}`).toEqual([]);
          continue;
        }
        const ids = idSet(ds, target);
        const dangling = list.filter((r) => r[column] !== null && !ids.has(r[column]));
        expect(dangling.length, `${table}.${column} -> ${target}`).toBe(0);
      }
    }
  });

  it('resolves generic relations through their content types', () => {
    const types = contentTypes(one);
    const generic: readonly (readonly [string, string, string])[] = [
      ['extras_taggeditem', 'content_type_id', 'object_id'],
      ['ipam_ipaddress', 'assigned_object_type_id', 'assigned_object_id'],
      ['dcim_macaddress', 'assigned_object_type_id', 'assigned_object_id'],
      ['ipam_prefix', 'scope_type_id', 'scope_id'],
      ['virtualization_cluster', 'scope_type_id', 'scope_id'],
      ['ipam_vlangroup', 'scope_type_id', 'scope_id'],
      ['dcim_cabletermination', 'termination_type_id', 'termination_id'],
      ['circuits_circuittermination', 'termination_type_id', 'termination_id'],
      ['tenancy_contactassignment', 'object_type_id', 'object_id'],
    ];
    for (const [table, typeColumn, idColumn] of generic) {
      for (const row of rows(one, table)) {
        if (row[typeColumn] === null) continue;
        const target = types.get(row[typeColumn]);
        expect(target, `${table} content type ${String(row[typeColumn])}`).toBeDefined();
        expect(idSet(one, String(target)).has(row[idColumn]), `${table} ${String(row.id)} -> ${String(target)} ${String(row[idColumn])}`).toBe(true);
      }
    }
    const deleted = new Set(rows(one, 'core_objectchange').filter((r) => r.action === 'delete').map((r) => `${String(r.changed_object_type_id)}:${String(r.changed_object_id)}`));
    for (const change of rows(one, 'core_objectchange')) {
      const target = types.get(change.changed_object_type_id);
      expect(target).toBeDefined();
      if (change.related_object_type_id !== null) expect(types.get(change.related_object_type_id)).toBeDefined();
      if (!deleted.has(`${String(change.changed_object_type_id)}:${String(change.changed_object_id)}`)) {
        expect(idSet(one, String(target)).has(change.changed_object_id), `${String(target)} ${String(change.changed_object_id)}`).toBe(true);
      }
    }
  });

  it('sets cable ids and ends on both terminated ports, and leaves most access ports uncabled', () => {
    const types = contentTypes(one);
    for (const t of rows(one, 'dcim_cabletermination')) {
      const port = rows(one, String(types.get(t.termination_type_id))).find((r) => r.id === t.termination_id);
      expect(port?.cable_id).toBe(t.cable_id);
      expect(port?.cable_end).toBe(t.cable_end);
      if (types.get(t.termination_type_id) === 'dcim_interface') expect(t._device_id).toBe(port?.device_id);
    }
    const interfaces = rows(one, 'dcim_interface');
    const cabled = interfaces.filter((i) => i.cable_id !== null).length;
    expect(cabled).toBeGreaterThan(50);
    expect(cabled).toBeLessThan(interfaces.length / 2);
    const paths = idSet(one, 'dcim_cablepath');
    for (const i of interfaces) if (i.cable_id !== null) expect(paths.has(i._path_id)).toBe(true);
  });

  it('keeps the cached counts of devices, device types and virtual machines true', () => {
    const count = (table: string, column: string): Map<unknown, number> => {
      const m = new Map<unknown, number>();
      for (const r of rows(one, table)) m.set(r[column], (m.get(r[column]) ?? 0) + 1);
      return m;
    };
    const interfaces = count('dcim_interface', 'device_id');
    const consolePorts = count('dcim_consoleport', 'device_id');
    const outlets = count('dcim_poweroutlet', 'device_id');
    for (const d of rows(one, 'dcim_device')) {
      expect(d.interface_count).toBe(interfaces.get(d.id) ?? 0);
      expect(d.console_port_count).toBe(consolePorts.get(d.id) ?? 0);
      expect(d.power_outlet_count).toBe(outlets.get(d.id) ?? 0);
    }
    const templates = count('dcim_interfacetemplate', 'device_type_id');
    for (const t of rows(one, 'dcim_devicetype')) expect(t.interface_template_count).toBe(templates.get(t.id) ?? 0);
    const vmInterfaces = count('virtualization_vminterface', 'virtual_machine_id');
    for (const vm of rows(one, 'virtualization_virtualmachine')) expect(vm.interface_count).toBe(vmInterfaces.get(vm.id) ?? 0);
    const members = count('dcim_device', 'virtual_chassis_id');
    for (const vc of rows(one, 'dcim_virtualchassis')) expect(vc.member_count).toBe(members.get(vc.id));
  });
});

describe('generateDataset trees', () => {
  it.each(['dcim_region', 'dcim_sitegroup', 'dcim_location', 'tenancy_tenantgroup', 'tenancy_contactgroup'])('keeps %s a consistent MPTT tree', (table) => {
    const list = rows(one, table);
    const byId = new Map(list.map((r) => [r.id, r]));
    const trees = new Map<unknown, Row[]>();
    for (const row of list) {
      const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
      if (parent) {
        expect(row.tree_id).toBe(parent.tree_id);
        expect(row.level).toBe((parent.level as number) + 1);
        expect(row.lft as number).toBeGreaterThan(parent.lft as number);
        expect(row.rght as number).toBeLessThan(parent.rght as number);
      } else {
        expect(row.level).toBe(0);
        expect(row.lft).toBe(1);
      }
      const descendants = list.filter((r) => r.tree_id === row.tree_id && (r.lft as number) > (row.lft as number) && (r.rght as number) < (row.rght as number));
      expect((row.rght as number) - (row.lft as number) - 1).toBe(2 * descendants.length);
      trees.set(row.tree_id, [...(trees.get(row.tree_id) ?? []), row]);
    }
    expect([...trees.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: trees.size }, (_, i) => i + 1));
  });

  it('nests prefixes with correct cached depth and child counts', () => {
    const prefixes = rows(one, 'ipam_prefix').map((r) => ({ r, ...parseCidr(String(r.prefix)) }));
    const bits = (family: number): number => (family === 4 ? 32 : 128);
    const inside = (outer: (typeof prefixes)[number], inner: (typeof prefixes)[number]): boolean =>
      outer.family === inner.family &&
      outer.r.vrf_id === inner.r.vrf_id &&
      inner.length > outer.length &&
      inner.network >= outer.network &&
      inner.network < outer.network + (1n << BigInt(bits(outer.family) - outer.length));
    for (const p of prefixes) {
      expect(p.r._depth, String(p.r.prefix)).toBe(prefixes.filter((o) => inside(o, p)).length);
      expect(p.r._children, String(p.r.prefix)).toBe(prefixes.filter((o) => inside(p, o)).length);
    }
    expect(prefixes.some((p) => (p.r._depth as number) >= 2)).toBe(true);
  });

  it('leaves free /24s inside containers, and has full and nearly empty prefixes', () => {
    const v4 = rows(one, 'ipam_prefix').map((r) => ({ r, ...parseCidr(String(r.prefix)) })).filter((p) => p.family === 4);
    const containers = v4.filter((p) => p.r.status === 'container' && p.length <= 22);
    let free = 0;
    for (const c of containers) {
      const end = c.network + (1n << BigInt(32 - c.length));
      for (let slot = c.network; slot < end; slot += 256n) {
        const taken = v4.some(
          (o) => o.r.vrf_id === c.r.vrf_id && o.length > c.length && o.network < slot + 256n && slot < o.network + (1n << BigInt(32 - o.length)),
        );
        if (!taken) free += 1;
      }
    }
    expect(free).toBeGreaterThan(10);
    const addresses = rows(one, 'ipam_ipaddress').map((r) => ({ r, ...parseCidr(String(r.address)) })).filter((a) => a.family === 4);
    const utilization = v4
      .filter((p) => p.r.status !== 'container' && p.length <= 30)
      .map((p) => {
        const size = 1n << BigInt(32 - p.length);
        const used = addresses.filter((a) => a.r.vrf_id === p.r.vrf_id && a.address >= p.network && a.address < p.network + size).length;
        return used / Number(p.r.is_pool === true ? size : size - 2n);
      });
    expect(utilization.some((u) => u > 0.8)).toBe(true);
    expect(utilization.filter((u) => u < 0.1).length).toBeGreaterThan(10);
    expect(rows(one, 'ipam_prefix').some((p) => p.is_pool === true)).toBe(true);
    expect(rows(one, 'ipam_prefix').some((p) => p.mark_utilized === true)).toBe(true);
  });
});

describe('generateDataset addressing', () => {
  it('gives most devices a primary IPv4 on one of their own interfaces, and a few none', () => {
    const devices = rows(one, 'dcim_device');
    const withIp = devices.filter((d) => d.primary_ip4_id !== null);
    expect(withIp.length).toBeGreaterThan(devices.length * 0.8);
    expect(devices.length - withIp.length).toBeGreaterThanOrEqual(2);
    const ips = new Map(rows(one, 'ipam_ipaddress').map((r) => [r.id, r]));
    const interfaces = new Map(rows(one, 'dcim_interface').map((r) => [r.id, r]));
    const interfaceType = contentTypeId(one, 'dcim.interface');
    for (const d of withIp) {
      const ip = ips.get(d.primary_ip4_id);
      expect(ip?.assigned_object_type_id).toBe(interfaceType);
      expect(interfaces.get(ip?.assigned_object_id)?.device_id).toBe(d.id);
    }
    const vmType = contentTypeId(one, 'virtualization.vminterface');
    const vmAddresses = rows(one, 'ipam_ipaddress').filter((r) => r.assigned_object_type_id === vmType);
    expect(vmAddresses.length).toBeGreaterThan(20);
    expect(rows(one, 'virtualization_virtualmachine').filter((v) => v.primary_ip4_id !== null).length).toBeGreaterThan(20);
  });
});

describe('generateDataset users', () => {
  it('stores Django pbkdf2 hashes of the documented passwords', () => {
    const users = rows(one, 'users_user');
    expect(users.map((u) => u.username)).toEqual(SANDBOX_USERS.map((u) => u.username));
    for (const user of SANDBOX_USERS) {
      const row = users.find((u) => u.username === user.username);
      expect(String(row?.password)).toMatch(/^pbkdf2_sha256\$\d+\$[A-Za-z0-9]+\$[A-Za-z0-9+/]+=*$/);
      expect(verifyPassword(user.password, String(row?.password))).toBe(true);
      expect(verifyPassword(`${user.password}x`, String(row?.password))).toBe(false);
      expect(user.password).toBe(user.username);
    }
    expect(users.find((u) => u.username === 'admin')?.is_superuser).toBe(true);
  });

  it('gives every user a read-only v1 token derived from the seed', () => {
    const tokens = rows(one, 'users_token');
    expect(tokens).toHaveLength(SANDBOX_USERS.length);
    for (const token of tokens) {
      expect(token.key).toMatch(/^[0-9a-f]{40}$/);
      expect(token.write_enabled).toBe(false);
    }
    expect(tokens[0]?.key).toBe(adminTokenKey(1));
    expect(tokenKeyFor(2, 'admin')).not.toBe(adminTokenKey(1));
    const other = generateDataset({ seed: 3, scale: 1, anchor: ANCHOR });
    expect(rows(other, 'users_token')[0]?.key).toBe(adminTokenKey(3));
  });

  it('limits the restricted user to one tenant that owns a real share of the network', () => {
    const user = rows(one, 'users_user').find((u) => u.username === RESTRICTED_USERNAME);
    expect(user?.is_superuser).toBe(false);
    expect(rows(one, 'tenancy_tenant').find((t) => t.id === RESTRICTED_TENANT_ID)?.slug).toBe(RESTRICTED_TENANT_SLUG);
    const links = rows(one, 'users_user_object_permissions').filter((l) => l.user_id === user?.id);
    const permissions = rows(one, 'users_objectpermission').filter((p) => links.some((l) => l.objectpermission_id === p.id));
    const types = contentTypes(one);
    const modelsOf = (id: unknown): string[] =>
      rows(one, 'users_objectpermission_object_types')
        .filter((t) => t.objectpermission_id === id)
        .map((t) => String(types.get(t.objecttype_id)));
    const byConstraint = new Map(permissions.map((p) => [JSON.stringify(p.constraints), modelsOf(p.id)]));
    expect(permissions.every((p) => p.enabled === true && JSON.stringify(p.actions) === '["view"]')).toBe(true);
    expect(byConstraint.get(JSON.stringify({ tenant_id: RESTRICTED_TENANT_ID }))?.sort()).toEqual(
      ['circuits_circuit', 'dcim_device', 'dcim_rack', 'dcim_site', 'ipam_ipaddress', 'ipam_prefix', 'ipam_vlan', 'ipam_vrf', 'virtualization_cluster', 'virtualization_virtualmachine'],
    );
    expect(byConstraint.get(JSON.stringify({ device__tenant_id: RESTRICTED_TENANT_ID }))).toEqual(['dcim_interface']);
    expect(byConstraint.get(JSON.stringify({ virtual_machine__tenant_id: RESTRICTED_TENANT_ID }))).toEqual(['virtualization_vminterface']);
    expect(byConstraint.get(JSON.stringify({ id: RESTRICTED_TENANT_ID }))).toEqual(['tenancy_tenant']);
    const owned = (table: string): number => rows(one, table).filter((r) => r.tenant_id === RESTRICTED_TENANT_ID).length;
    expect(owned('dcim_site')).toBeGreaterThanOrEqual(10);
    expect(owned('dcim_device')).toBeGreaterThanOrEqual(10);
    expect(owned('ipam_prefix')).toBeGreaterThanOrEqual(10);
    expect(owned('virtualization_virtualmachine')).toBeGreaterThan(0);
    expect(owned('dcim_device')).toBeLessThan(rows(one, 'dcim_device').length / 2);
  });
});

describe('generateDataset change log', () => {
  it('records creates, updates and deletes by several users inside the 90-day window', () => {
    const changes = rows(one, 'core_objectchange');
    const actions = new Set(changes.map((c) => c.action));
    expect([...actions].sort()).toEqual(['create', 'delete', 'update']);
    expect(new Set(changes.map((c) => c.user_name)).size).toBeGreaterThanOrEqual(4);
    let previous = 0;
    for (const c of changes) {
      const time = Date.parse(String(c.time));
      expect(time).toBeGreaterThanOrEqual(ANCHOR.getTime() - 90 * DAY);
      expect(time).toBeLessThan(ANCHOR.getTime());
      expect(time).toBeGreaterThanOrEqual(previous);
      previous = time;
      expect(c.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(c.prechange_data === null).toBe(c.action === 'create');
      expect(c.postchange_data === null).toBe(c.action === 'delete');
    }
  });

  it('has changes to some devices in the last seven days', () => {
    const device = contentTypeId(one, 'dcim.device');
    const weekAgo = ANCHOR.getTime() - 7 * DAY;
    const recent = new Set(
      rows(one, 'core_objectchange')
        .filter((c) => Date.parse(String(c.time)) >= weekAgo)
        .flatMap((c) => [c.changed_object_type_id === device ? c.changed_object_id : null, c.related_object_type_id === device ? c.related_object_id : null])
        .filter((id) => id !== null),
    );
    expect(recent.size).toBeGreaterThanOrEqual(3);
    const names = new Map(rows(one, 'dcim_device').map((d) => [d.id, d.name]));
    for (const name of RECENTLY_CHANGED_DEVICES) expect([...recent].map((id) => names.get(id))).toContain(name);
  });

  it('ends each object\'s update history at its current row', () => {
    const device = contentTypeId(one, 'dcim.device');
    const updates = rows(one, 'core_objectchange').filter((c) => c.action === 'update' && c.changed_object_type_id === device);
    expect(updates.length).toBeGreaterThan(0);
    const latest = new Map<unknown, Row>();
    for (const c of updates) latest.set(c.changed_object_id, c);
    for (const [id, change] of latest) {
      const row = rows(one, 'dcim_device').find((d) => d.id === id) as Row;
      const post = change.postchange_data as Record<string, unknown>;
      expect(post.name).toBe(row.name);
      expect(post.status).toBe(row.status);
      expect(post.site).toBe(row.site_id);
      expect(post).not.toHaveProperty('site_id');
      expect(post).not.toHaveProperty('_name');
      expect(Date.parse(String(post.last_updated))).toBe(Math.floor(Date.parse(String(row.last_updated))));
      expect(Date.parse(String(row.last_updated))).toBe(Math.floor(Date.parse(String(change.time))));
      expect(Array.isArray(post.tags)).toBe(true);
      expect(post.custom_fields).toEqual(row.custom_field_data);
    }
  });
});
