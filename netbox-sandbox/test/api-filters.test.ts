import { describe, expect, it } from 'vitest';
import type { Row } from '../src/db/dataset.ts';
import { apiGet } from './support/api-client.ts';
import { generatedDataset, useSandbox } from './support/test-sandbox.ts';

interface Page {
  count: number;
  results: Record<string, unknown>[];
}

const sandbox = useSandbox();
const table = (name: string): Row[] => generatedDataset().tables[name] ?? [];
const idsOf = (rows: Row[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

async function ids(path: string): Promise<number[]> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await apiGet(sandbox.current.url, `${path}${sep}limit=1000`, sandbox.current.authorization);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as Page).results.map((r) => Number(r.id)).sort((a, b) => a - b);
}

describe('text lookups on name', () => {
  const sites = () => table('dcim_site');
  const sample = () => String(sites()[3]!.name);
  const cases: [string, (name: string, q: string) => boolean, (s: string) => string][] = [
    ['name', (n, q) => n === q, (s) => s],
    ['name__n', (n, q) => n !== q, (s) => s],
    ['name__ic', (n, q) => n.toLowerCase().includes(q.toLowerCase()), (s) => s.slice(1, 4).toUpperCase()],
    ['name__nic', (n, q) => !n.toLowerCase().includes(q.toLowerCase()), (s) => s.slice(1, 4)],
    ['name__ie', (n, q) => n.toLowerCase() === q.toLowerCase(), (s) => s.toUpperCase()],
    ['name__nie', (n, q) => n.toLowerCase() !== q.toLowerCase(), (s) => s.toLowerCase()],
    ['name__isw', (n, q) => n.toLowerCase().startsWith(q.toLowerCase()), (s) => s.slice(0, 3).toLowerCase()],
    ['name__nisw', (n, q) => !n.toLowerCase().startsWith(q.toLowerCase()), (s) => s.slice(0, 3)],
    ['name__iew', (n, q) => n.toLowerCase().endsWith(q.toLowerCase()), (s) => s.slice(-2).toUpperCase()],
    ['name__niew', (n, q) => !n.toLowerCase().endsWith(q.toLowerCase()), (s) => s.slice(-2)],
    ['name__regex', (n, q) => new RegExp(q).test(n), (s) => `^${s.slice(0, 2)}`],
    ['name__iregex', (n, q) => new RegExp(q, 'i').test(n), (s) => `^${s.slice(0, 2).toLowerCase()}`],
  ];
  for (const [param, keep, query] of cases) {
    it(param, async () => {
      const q = query(sample());
      const expected = idsOf(sites().filter((s) => keep(String(s.name), q)));
      expect(expected.length).toBeGreaterThan(0);
      expect(await ids(`/api/dcim/sites/?${param}=${encodeURIComponent(q)}`)).toEqual(expected);
    });
  }

  it('ORs repeated values', async () => {
    const [a, b] = [String(sites()[0]!.name), String(sites()[1]!.name)];
    const expected = idsOf(sites().filter((s) => s.name === a || s.name === b));
    expect(await ids(`/api/dcim/sites/?name=${encodeURIComponent(a)}&name=${encodeURIComponent(b)}`)).toEqual(expected);
  });

  it('__empty', async () => {
    const devices = table('dcim_device');
    expect(await ids('/api/dcim/devices/?asset_tag__empty=true')).toEqual(idsOf(devices.filter((d) => d.asset_tag === null || d.asset_tag === '')));
    expect(await ids('/api/dcim/devices/?asset_tag__empty=false')).toEqual(idsOf(devices.filter((d) => d.asset_tag !== null && d.asset_tag !== '')));
  });
});

describe('numeric lookups', () => {
  it.each([
    ['id__lt=10', (id: number) => id < 10],
    ['id__lte=10', (id: number) => id <= 10],
    ['id__gt=60', (id: number) => id > 60],
    ['id__gte=60', (id: number) => id >= 60],
    ['id__n=5', (id: number) => id !== 5],
    ['id=5&id=7', (id: number) => id === 5 || id === 7],
  ])('%s', async (query, keep) => {
    expect(await ids(`/api/dcim/devices/?${query}`)).toEqual(idsOf(table('dcim_device').filter((d) => keep(Number(d.id)))));
  });

  it('refuses a number that is not one', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/devices/?id=abc', sandbox.current.authorization);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ id: ['Enter a number.'] });
  });
});

describe('related-object filters', () => {
  const site = () => table('dcim_site').find((s) => table('dcim_device').some((d) => d.site_id === s.id))!;

  it('site (slug) and site_id select the same devices', async () => {
    const expected = idsOf(table('dcim_device').filter((d) => d.site_id === site().id));
    expect(expected.length).toBeGreaterThan(0);
    expect(await ids(`/api/dcim/devices/?site=${String(site().slug)}`)).toEqual(expected);
    expect(await ids(`/api/dcim/devices/?site_id=${String(site().id)}`)).toEqual(expected);
    expect(await ids(`/api/dcim/devices/?site__n=${String(site().slug)}`)).toEqual(
      idsOf(table('dcim_device').filter((d) => d.site_id !== site().id)),
    );
  });

  it('region includes the sites of child regions', async () => {
    const regions = table('dcim_region');
    const root = regions.find((r) => r.parent_id === null && regions.some((c) => c.parent_id === r.id))!;
    const under = new Set<unknown>([root.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of regions) {
        if (under.has(r.parent_id) && !under.has(r.id)) {
          under.add(r.id);
          grew = true;
        }
      }
    }
    const expected = idsOf(table('dcim_site').filter((s) => under.has(s.region_id)));
    expect(expected.length).toBeGreaterThan(0);
    expect(await ids(`/api/dcim/sites/?region=${String(root.slug)}`)).toEqual(expected);
    expect(await ids(`/api/dcim/sites/?region_id=${String(root.id)}`)).toEqual(expected);
  });

  it('answers an unknown slug with NetBox 400 body', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/devices/?site=doesnotexist', sandbox.current.authorization);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ site: ['Select a valid choice. doesnotexist is not one of the available choices.'] });
  });

  it('reports every bad parameter at once', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/devices/?site=nope&status=bogus', sandbox.current.authorization);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      site: ['Select a valid choice. nope is not one of the available choices.'],
      status: ['Select a valid choice. bogus is not one of the available choices.'],
    });
  });

  it('ANDs tags: an object must carry every tag named', async () => {
    const items = table('extras_taggeditem');
    const tags = table('extras_tag');
    const ctDevice = table('django_content_type').find((c) => c.app_label === 'dcim' && c.model === 'device')!.id;
    const tagsOf = (id: unknown) => new Set(items.filter((i) => i.content_type_id === ctDevice && i.object_id === id).map((i) => i.tag_id));
    const tagged = table('dcim_device').find((d) => tagsOf(d.id).size >= 2);
    expect(tagged, 'the data has a device with two tags').toBeDefined();
    const [t1, t2] = [...tagsOf(tagged!.id)].map((id) => tags.find((t) => t.id === id)!);
    const expected = idsOf(table('dcim_device').filter((d) => tagsOf(d.id).has(t1!.id) && tagsOf(d.id).has(t2!.id)));
    expect(await ids(`/api/dcim/devices/?tag=${String(t1!.slug)}&tag=${String(t2!.slug)}`)).toEqual(expected);
    const either = idsOf(table('dcim_device').filter((d) => tagsOf(d.id).has(t1!.id)));
    expect(either.length).toBeGreaterThanOrEqual(expected.length);
  });
});

describe('what NetBox ignores', () => {
  it('ignores unknown filters and returns the whole table', async () => {
    expect(await ids('/api/dcim/devices/?no_such_filter=1&name__nonsense=x')).toEqual(idsOf(table('dcim_device')));
  });
});

describe('choices, search and ordering', () => {
  it('filters by status and refuses an unknown status', async () => {
    expect(await ids('/api/dcim/devices/?status=active')).toEqual(idsOf(table('dcim_device').filter((d) => d.status === 'active')));
  });

  it('q searches names', async () => {
    const name = String(table('dcim_device')[0]!.name);
    const part = name.slice(0, 5);
    const found = await ids(`/api/dcim/devices/?q=${encodeURIComponent(part)}`);
    expect(found).toContain(Number(table('dcim_device')[0]!.id));
  });

  it('orders by a field, descending with a minus', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/sites/?ordering=-name&limit=1000', sandbox.current.authorization);
    const names = (res.body as Page).results.map((r) => String(r.name));
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })).reverse();
    expect(names).toEqual(sorted);
  });
});

describe('brief, fields, omit', () => {
  it('brief gives the brief fields in serializer order', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/sites/?brief=true&limit=1', sandbox.current.authorization);
    expect(Object.keys((res.body as Page).results[0]!)).toEqual(['id', 'url', 'display', 'name', 'slug', 'description']);
  });

  it('fields picks, omit drops, both keep serializer order', async () => {
    const picked = await apiGet(sandbox.current.url, '/api/dcim/sites/?fields=status,name,id&limit=1', sandbox.current.authorization);
    expect(Object.keys((picked.body as Page).results[0]!)).toEqual(['id', 'name', 'status']);
    const omitted = await apiGet(sandbox.current.url, '/api/dcim/sites/?omit=tags,custom_fields&limit=1', sandbox.current.authorization);
    const keys = Object.keys((omitted.body as Page).results[0]!);
    expect(keys).not.toContain('tags');
    expect(keys).not.toContain('custom_fields');
    expect(keys).toContain('name');
  });

  it('exclude=config_context drops it from devices', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/devices/?exclude=config_context&limit=1', sandbox.current.authorization);
    expect(Object.keys((res.body as Page).results[0]!)).not.toContain('config_context');
    const full = await apiGet(sandbox.current.url, '/api/dcim/devices/?limit=1', sandbox.current.authorization);
    expect(Object.keys((full.body as Page).results[0]!)).toContain('config_context');
  });
});
