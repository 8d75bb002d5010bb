import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

const mcp = useMcp();

/** The sandbox's change records cover the 90 days before its anchor, 2026-11-01: this window holds them all. */
const SINCE = '2026-08-01';
const UNTIL = '2026-11-01';
/** What SINCE and UNTIL mean as NetBox bounds (a date alone as `until` covers that whole day). */
const AFTER = '2026-08-01T00:00:00Z';
const BEFORE = '2026-11-02T00:00:00Z';
const WINDOW_TEXT = 'between 2026-08-01T00:00Z and 2026-11-02T00:00Z';

interface Change {
  id: number;
  time: string;
  user_name: string;
  action: { value: string };
  changed_object_type: string;
  changed_object_id: number;
  object_repr: string;
  prechange_data: Record<string, unknown> | null;
  postchange_data: Record<string, unknown> | null;
}
interface Page<T> {
  count: number;
  results: T[];
}

async function api<T>(path: string, params: Record<string, string | number | readonly string[]> = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  const response = await fetch(`${mcp.sandbox.url}${path}?${search}`, { headers: { authorization: `Token ${mcp.sandbox.token}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const changes = (params: Record<string, string | number | readonly string[]>): Promise<Page<Change>> =>
  api<Page<Change>>('/api/core/object-changes/', { ordering: '-time', limit: 1000, ...params });

/** The change rows of a result: lines that start with an id cell. */
const rowLines = (text: string): string[] => text.split('\n').filter((line) => /^\d+ \| /.test(line));
const rowIds = (text: string): number[] => rowLines(text).map((line) => Number(line.split(' | ')[0]));
const shortTime = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}Z`;
const shown = (value: unknown): string => (value === null || value === undefined || value === '' ? '∅' : String(value));

async function deviceId(name: string): Promise<number> {
  const page = await api<Page<{ id: number }>>('/api/dcim/devices/', { name });
  expect(page.count).toBe(1);
  return page.results[0]!.id;
}

describe('netbox_get_changelogs: who changed one object', () => {
  it('lists the changes to a device named by its name, newest first, with the fields that changed', async () => {
    const id = await deviceId('chi-dc1-cr01');
    const expected = await changes({ changed_object_type: 'dcim.device', changed_object_id: id, time_after: AFTER, time_before: BEFORE });
    expect(expected.count).toBeGreaterThan(0);
    expect(expected.count).toBeLessThanOrEqual(25);

    const r = await mcp.call('netbox_get_changelogs', { object_type: 'dcim.device', object: 'chi-dc1-cr01', since: SINCE, until: UNTIL });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`changes to dcim.device chi-dc1-cr01 (#${id}) ${WINDOW_TEXT}: all ${expected.count}`);
    expect(r.text).toContain('\nid | time | user | action | changes\n');
    expect(rowIds(r.text)).toEqual(expected.results.map((c) => c.id));
    expect(r.meta.total).toBe(expected.count);
    expect(r.meta.rows).toBe(expected.count);
    expect(r.meta.truncated).toBe(false);

    const lines = rowLines(r.text);
    for (const [i, change] of expected.results.entries()) {
      const line = lines[i]!;
      expect(line.startsWith(`${change.id} | ${shortTime(change.time)} | ${change.user_name} | ${change.action.value} | `), line).toBe(true);
      const pre = change.prechange_data ?? {};
      const post = change.postchange_data ?? {};
      for (const key of Object.keys(post)) {
        if (key === 'last_updated' || JSON.stringify(pre[key]) === JSON.stringify(post[key])) continue;
        if (key === 'custom_fields') {
          const [b, a] = [pre[key] as Record<string, unknown>, post[key] as Record<string, unknown>];
          for (const cf of Object.keys(a)) if (a[cf] !== b[cf]) expect(line).toContain(`cf_${cf}: ${shown(b[cf])}→${shown(a[cf])}`);
        } else if (typeof post[key] !== 'object' && String(post[key]).length < 40 && String(pre[key] ?? '').length < 40) {
          expect(line).toContain(`${key}: ${shown(pre[key])}→${shown(post[key])}`);
        } else {
          expect(line).toContain(key);
        }
      }
    }
  });

  it('says how many more changes were made to its components, links the change log, and reports its query', async () => {
    const id = await deviceId('chi-dc1-cr01');
    const components = await changes({ related_object_type: 'dcim.device', related_object_id: id, time_after: AFTER, time_before: BEFORE });
    const r = await mcp.call('netbox_get_changelogs', { object_type: 'dcim.device', object: 'chi-dc1-cr01', since: SINCE, until: UNTIL });
    expect(components.count).toBeGreaterThan(0);
    expect(r.text).toContain(
      `Also ${components.count} change${components.count === 1 ? '' : 's'} to its components (interfaces, IPs…) ${WINDOW_TEXT}: ` +
        `call with filters {"related_object_type":"dcim.device","related_object_id":${id}} and no object_type/object.`,
    );

    const list = new URL(r.meta.links!.list!);
    expect(`${list.origin}${list.pathname}`).toBe(`${mcp.sandbox.url}/core/changelog/`);
    expect([...list.searchParams]).toEqual([
      ['changed_object_type', 'dcim.device'],
      ['changed_object_id', String(id)],
      ['time_after', AFTER],
      ['time_before', BEFORE],
    ]);
    for (const changeId of rowIds(r.text)) expect(r.meta.links!.objects![String(changeId)]).toBe(`${mcp.sandbox.url}/core/changelog/${changeId}/`);
    expect(r.text).toContain(`change: ${mcp.sandbox.url}/core/changelog/{id}/`);
    expect(r.text).toContain(`object's changelog: ${mcp.sandbox.url}/dcim/devices/${id}/changelog/`);
    expect(r.meta.queries).toEqual([
      `/api/core/object-changes/?changed_object_type=dcim.device&changed_object_id=${id}&time_after=${AFTER}&time_before=${BEFORE}&limit=25&offset=0&ordering=-time`,
      `/api/core/object-changes/?time_after=${AFTER}&time_before=${BEFORE}&related_object_type=dcim.device&related_object_id=${id}&limit=1&fields=id`,
    ]);
  });

  it('finds the changes of an object that no longer exists by the name it had', async () => {
    const deletes = await changes({ changed_object_type: 'ipam.ipaddress', action: 'delete' });
    const gone = deletes.results[0]!;
    const expected = await changes({ changed_object_type: 'ipam.ipaddress', object_repr__ie: gone.object_repr });
    const r = await mcp.call('netbox_get_changelogs', { object_type: 'ipam.ipaddress', object: gone.object_repr });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(`changes to ipam.ipaddress ${gone.object_repr} (not in NetBox now) at any time: all ${expected.count}`);
    expect(r.text).toContain(`no ipam.ipaddress '${gone.object_repr}' exists now; matching its change records by name`);
    expect(rowIds(r.text)).toEqual(expected.results.map((c) => c.id));
    const line = rowLines(r.text).find((l) => l.startsWith(`${gone.id} | `))!;
    expect(line).toContain(' | delete | deleted');
  });

  it('adds the full before/after data when snapshots are asked for', async () => {
    const id = await deviceId('chi-dc1-cr01');
    const [newest] = (await changes({ changed_object_type: 'dcim.device', changed_object_id: id, time_after: AFTER, time_before: BEFORE, limit: 1 })).results;
    const r = await mcp.call('netbox_get_changelogs', { object_type: 'dcim.device', object: String(id), since: SINCE, until: UNTIL, limit: 1, snapshots: true });
    expect(r.isError, r.text).toBe(false);
    expect(rowIds(r.text)).toEqual([newest!.id]);
    const snapshot = (label: string): unknown => JSON.parse(r.text.split('\n').find((l) => l.startsWith(`  ${label}: `))!.slice(label.length + 4));
    expect(snapshot('before')).toEqual(compacted(newest!.prechange_data!));
    expect(snapshot('after')).toEqual(compacted(newest!.postchange_data!));
  });
});

/** What a snapshot should read as: no empties, no last_updated, no cached counters. */
function compacted(data: Record<string, unknown>): Record<string, unknown> {
  const empty = (v: unknown): boolean =>
    v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'last_updated' || (key.endsWith('_count') && typeof value === 'number')) continue;
    const kept = key === 'custom_fields' ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => !empty(v))) : value;
    if (!empty(kept)) out[key] = kept;
  }
  return out;
}

describe('netbox_get_changelogs: by user, action and window', () => {
  it('filters by username (any case) and action words, newest first', async () => {
    const deletes = await changes({ action: 'delete', time_after: AFTER, time_before: BEFORE });
    const user = deletes.results[0]!.user_name;
    const expected = await changes({ user_name: user, action: 'delete', time_after: AFTER, time_before: '2026-10-31T23:59:59Z' });
    const r = await mcp.call('netbox_get_changelogs', { user: user.toUpperCase(), action: 'deleted', since: SINCE, until: '2026-10-31T23:59:59Z' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe(
      `changes to all objects by ${user.toUpperCase()} (delete) between 2026-08-01T00:00Z and 2026-10-31T23:59:59Z: all ${expected.count}`,
    );
    expect(r.text).toContain('\nid | time | user | action | type | object | changes\n');
    expect(rowIds(r.text)).toEqual(expected.results.map((c) => c.id));
    for (const line of rowLines(r.text)) expect(line).toContain(` | ${user} | delete | `);
  });

  it('pages with limit and offset', async () => {
    const all = await changes({ time_after: AFTER, time_before: BEFORE });
    const r = await mcp.call('netbox_get_changelogs', { since: SINCE, until: UNTIL, limit: 5, offset: 5 });
    expect(r.text.split('\n')[0]).toBe(`changes to all objects ${WINDOW_TEXT}: showing 6–10 of ${all.count}`);
    expect(rowIds(r.text)).toEqual(all.results.slice(5, 10).map((c) => c.id));
    expect(r.text).toContain('More: offset=10 for older changes');
    expect(r.meta.total).toBe(all.count);
  });

  it('names the objects a create refers to by id', async () => {
    const creates = await changes({ changed_object_type: 'dcim.device', action: 'create', time_after: AFTER, time_before: BEFORE });
    const created = creates.results[0]!;
    const post = created.postchange_data!;
    const [role, site] = await Promise.all([
      api<{ name: string }>(`/api/dcim/device-roles/${String(post.role)}/`),
      api<{ name: string }>(`/api/dcim/sites/${String(post.site)}/`),
    ]);
    const r = await mcp.call('netbox_get_changelogs', { object_type: 'device', action: 'add', since: SINCE, until: UNTIL });
    expect(r.text.split('\n')[0]).toBe(`changes to dcim.device objects (create) ${WINDOW_TEXT}: all ${creates.count}`);
    const line = rowLines(r.text).find((l) => l.startsWith(`${created.id} | `))!;
    expect(line).toContain(`created: status=${String(post.status)}, role=${role.name}, site=${site.name}`);
    expect(r.meta.queries).toContain(`/api/dcim/sites/?id=${String(post.site)}&brief=true&limit=1`);
  });

  it('passes other change-log filters through, with names resolved', async () => {
    const users = await api<Page<{ id: number; username: string }>>('/api/users/users/', { limit: 100 });
    const someone = users.results.find((u) => u.username !== 'admin')!;
    const expected = await changes({ user_id: someone.id, limit: 1 });
    const r = await mcp.call('netbox_get_changelogs', { filters: { user: someone.username }, limit: 1 });
    expect(r.isError, r.text).toBe(false);
    expect(r.text).toContain(`Resolved: user '${someone.username}' → #${someone.id}`);
    expect(r.meta.total).toBe(expected.count);
    expect(rowIds(r.text)).toEqual(expected.results.map((c) => c.id));
  });

  it('reads a relative window against the current time', async () => {
    const before = Date.now();
    const r = await mcp.call('netbox_get_changelogs', { since: '30d', limit: 1 });
    expect(r.isError, r.text).toBe(false);
    const sent = new URL(`http://x${r.meta.queries![0]!}`).searchParams.get('time_after')!;
    const expectedAfter = before - 30 * 86_400_000;
    expect(Math.abs(Date.parse(sent) - expectedAfter)).toBeLessThan(60_000);
    expect(r.text.split('\n')[0]).toMatch(/^changes to all objects between \S+Z and now \(\S+Z\): /);
  });

  it('answers "no changes" for a real user with none in the window', async () => {
    const r = await mcp.call('netbox_get_changelogs', { user: 'admin', until: '2020-01-01' });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toBe('changes to all objects by admin before 2020-01-02T00:00Z: no changes');
    expect(r.meta.total).toBe(0);
  });

  it('keeps to the size budget at whole changes and says where to continue', async () => {
    const all = await changes({ time_after: AFTER, time_before: BEFORE });
    const r = await mcp.call('netbox_get_changelogs', { since: SINCE, until: UNTIL, limit: 200, snapshots: true });
    expect(r.isError, r.text).toBe(false);
    expect(r.meta.truncated).toBe(true);
    const rows = r.meta.rows!;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(200);
    expect(r.text.length).toBeLessThanOrEqual(24_000);
    expect(rowIds(r.text)).toEqual(all.results.slice(0, rows).map((c) => c.id));
    expect(r.text.split('\n')[0]).toBe(`changes to all objects ${WINDOW_TEXT}: showing 1–${rows} of ${all.count}`);
    expect(r.text).toContain(`Cut to ${rows} of 200 rows to stay within 24000 characters; continue with offset=${rows}, or ask without snapshots.`);
  });
});

describe('netbox_get_changelogs: bad input', () => {
  const error = async (args: Record<string, unknown>): Promise<string> => {
    const r = await mcp.call('netbox_get_changelogs', args);
    expect(r.isError, r.text).toBe(true);
    return r.text;
  };

  it('an unknown object name is OBJECT_NOT_FOUND with suggestions', async () => {
    const text = await error({ object_type: 'dcim.device', object: 'chi-dc1-cr99' });
    expect(text).toMatch(/^OBJECT_NOT_FOUND: No dcim\.device is named 'chi-dc1-cr99'\. The change log has no records of it at any time either\./);
    expect(text).toContain('chi-dc1-cr01');
  });

  it('an id that never existed is OBJECT_NOT_FOUND', async () => {
    const text = await error({ object_type: 'dcim.device', object: 999_999 });
    expect(text).toMatch(/^OBJECT_NOT_FOUND: No dcim\.device is named '999999'/);
    expect(await error({ object_type: 'dcim.device', object: 2.5 })).toMatch(/a name, or an id \(a whole number\) at object/);
  });

  it('an ambiguous name is AMBIGUOUS_NAME', async () => {
    const interfaces = await api<Page<{ name: string }>>('/api/dcim/interfaces/', { limit: 1000, ordering: 'id' });
    const names = interfaces.results.map((i) => i.name);
    const shared = names.find((name, i) => names.indexOf(name) !== i)!;
    expect(shared).toBeDefined();
    expect(await error({ object_type: 'dcim.interface', object: shared })).toMatch(new RegExp(`^AMBIGUOUS_NAME: '${shared.replace(/[/.]/g, '\\$&')}' matches \\d+ dcim\\.interface objects`));
  });

  it('a bad action is INVALID_ARGUMENT listing the valid values', async () => {
    expect(await error({ action: 'renamed' })).toMatch(/^INVALID_ARGUMENT: action 'renamed' is not a change action; valid values: create, update, delete\./);
  });

  it('a bad since or until is INVALID_ARGUMENT, as is a window that ends before it starts', async () => {
    expect(await error({ since: 'last tuesday' })).toMatch(/^INVALID_ARGUMENT: since 'last tuesday' is not a date, time or age\.\nHint: Use .*7d/);
    expect(await error({ until: '2026-02-30' })).toMatch(/^INVALID_ARGUMENT: until '2026-02-30' is not a date, time or age\./);
    expect(await error({ since: '2026-11-01', until: '2026-10-01' })).toMatch(/^INVALID_ARGUMENT: since \(2026-11-01T00:00Z\) is after until/);
  });

  it('an object without its type, an unknown type, an unknown filter and a bad filter value are clear errors', async () => {
    expect(await error({ object: 'chi-dc1-cr01' })).toMatch(/^INVALID_ARGUMENT: object needs object_type/);
    expect(await error({ object_type: 'dcim.devise', object: 'x' })).toMatch(/^UNKNOWN_OBJECT_TYPE: 'dcim.devise'.*\nHint: Did you mean 'dcim.device'/);
    expect(await error({ filters: { changed_by: 'x' } })).toMatch(/^UNKNOWN_FILTER: core\.objectchange has no filter 'changed_by'/);
    expect(await error({ filters: { action: 'created' } })).toMatch(/^INVALID_FILTER_VALUE: Filter 'action' got "created"; it takes one of create, update, delete/);
  });

  it('an unknown user is OBJECT_NOT_FOUND rather than "no changes"', async () => {
    expect(await error({ user: 'nobody-here' })).toMatch(/^OBJECT_NOT_FOUND: No users\.user is named 'nobody-here'/);
  });
});

describe('netbox_get_changelogs definition', () => {
  it('keeps its description and parameter descriptions short', async () => {
    const { tools } = await mcp.client.listTools();
    const tool = tools.find((t) => t.name === 'netbox_get_changelogs')!;
    expect(tool.description!.length).toBeLessThanOrEqual(350);
    const properties = tool.inputSchema.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties)).toEqual(['object_type', 'object', 'user', 'action', 'since', 'until', 'filters', 'limit', 'offset', 'snapshots']);
    for (const [name, schema] of Object.entries(properties)) expect((schema.description ?? '').length, name).toBeLessThanOrEqual(80);
    expect(tool.inputSchema.required ?? []).toEqual([]);
  });
});

describe('netbox_get_changelogs called the official way, with filters only', () => {
  it('says what the filters select: the object, the user, the action and the window', async () => {
    const id = await deviceId('chi-dc1-cr01');
    const expected = await changes({ changed_object_type: 'dcim.device', changed_object_id: id, time_after: AFTER, time_before: BEFORE });
    expect(expected.count).toBeGreaterThan(0);
    const r = await mcp.call('netbox_get_changelogs', { filters: { changed_object_type: 'dcim.device', changed_object_id: id, time_after: AFTER, time_before: BEFORE } });
    expect(r.isError, r.text).toBe(false);
    const { display } = await api<{ display: string }>(`/api/dcim/devices/${id}/`);
    expect(r.text.split('\n')[0]).toBe(`changes to dcim.device ${display} (#${id}) ${WINDOW_TEXT}: all ${expected.count}`);
    expect(rowIds(r.text)).toEqual(expected.results.map((c) => c.id));

    const user = expected.results[0]!.user_name;
    const byUser = await changes({ user_name: user, action: 'update', time_after: AFTER });
    const u = await mcp.call('netbox_get_changelogs', { filters: { user_name: user, action: 'update', time_after: AFTER }, limit: 200 });
    expect(u.isError, u.text).toBe(false);
    expect(u.text.split('\n')[0]).toMatch(new RegExp(`^changes to all objects by ${user} \\(update\\) between 2026-08-01T00:00Z and now \\([^)]+\\): `));
    expect(u.meta.total).toBe(byUser.count);
  });

  it('names any other filter it applied instead of claiming every change', async () => {
    const some = await changes({ limit: 1 });
    const requestId = String((some.results[0] as unknown as { request_id: string }).request_id);
    const r = await mcp.call('netbox_get_changelogs', { filters: { request_id: requestId } });
    expect(r.isError, r.text).toBe(false);
    expect(r.text.split('\n')[0]).toMatch(new RegExp(`^changes to all objects where request_id=${requestId} at any time: `));
    expect(r.text.split('\n')[0]).not.toMatch(/^changes to all objects at any time/);
  });
});
