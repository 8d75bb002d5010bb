import { describe, expect, it } from 'vitest';
import { apiGet } from './support/api-client.ts';
import { generatedDataset, useSandbox } from './support/test-sandbox.ts';

interface Page {
  count: number;
  next: string | null;
  previous: string | null;
  results: { id: number; name?: string }[];
}

const sandbox = useSandbox();
const get = async (path: string) => {
  const res = await apiGet(sandbox.current.url, path, sandbox.current.authorization);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};

describe('limit/offset pagination', () => {
  const total = () => generatedDataset().tables.dcim_interface!.length;

  it('counts every row and pages 50 at a time by default', async () => {
    const page = await get('/api/dcim/interfaces/');
    expect(page.count).toBe(total());
    expect(page.results).toHaveLength(50);
    expect(page.previous).toBeNull();
    expect(page.next).toBe(`${sandbox.current.url}/api/dcim/interfaces/?limit=50&offset=50`);
  });

  it('walks forward and back with next/previous, sorting the query keys as DRF does', async () => {
    const first = await get('/api/dcim/interfaces/?mgmt_only=false&limit=7&offset=14');
    expect(first.next).toBe(`${sandbox.current.url}/api/dcim/interfaces/?limit=7&mgmt_only=false&offset=21`);
    expect(first.previous).toBe(`${sandbox.current.url}/api/dcim/interfaces/?limit=7&mgmt_only=false&offset=7`);
    const back = await get('/api/dcim/interfaces/?mgmt_only=false&limit=7&offset=5');
    // Less than a page back from the start: the offset is dropped, not set to 0.
    expect(back.previous).toBe(`${sandbox.current.url}/api/dcim/interfaces/?limit=7&mgmt_only=false`);
  });

  it('visits every row exactly once when following next', async () => {
    const seen: number[] = [];
    let path: string | null = '/api/dcim/sites/?limit=4';
    let pages = 0;
    while (path) {
      const page = await get(path);
      seen.push(...page.results.map((r) => r.id));
      path = page.next ? page.next.slice(sandbox.current.url.length) : null;
      pages += 1;
    }
    const count = generatedDataset().tables.dcim_site!.length;
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    expect(pages).toBe(Math.ceil(count / 4));
  });

  it('has no next on the last page and an empty page past the end', async () => {
    const count = total();
    const last = await get(`/api/dcim/interfaces/?limit=10&offset=${count - 3}`);
    expect(last.results).toHaveLength(3);
    expect(last.next).toBeNull();
    const beyond = await get(`/api/dcim/interfaces/?limit=10&offset=${count + 100}`);
    expect(beyond.results).toEqual([]);
    expect(beyond.count).toBe(count);
  });

  it('caps limit at MAX_PAGE_SIZE and treats limit=0 as the maximum', async () => {
    expect((await get('/api/dcim/interfaces/?limit=5000')).results).toHaveLength(Math.min(1000, total()));
    expect((await get('/api/dcim/interfaces/?limit=0')).results).toHaveLength(Math.min(1000, total()));
    expect((await get('/api/dcim/interfaces/?limit=abc')).results).toHaveLength(50);
  });
});

describe('cursor pagination (start)', () => {
  it('returns rows with id >= start in id order and links the next cursor', async () => {
    const page = await get('/api/dcim/interfaces/?start=100&limit=10');
    expect(page.results.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
    expect(page.next).toBe(`${sandbox.current.url}/api/dcim/interfaces/?limit=10&start=110`);
    expect(page.previous).toBeNull();
  });

  it('refuses start together with offset', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/interfaces/?start=1&offset=5', sandbox.current.authorization);
    expect(res.status).toBe(400);
  });
});
