import { describe, expect, it } from 'vitest';
import { StartersCache } from '../../src/http/starters-cache.ts';
import { buildStarters, cleanName, GENERIC_QUESTIONS } from '../../src/http/starters-questions.ts';
import { StartersResponseSchema, type StartersResponse } from '../../src/http/starters-schema.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

const server = useTestServer({ mode: 'multi-user', model: false });

async function signIn(username: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().find((c) => c.startsWith('nbc_session='))?.split(';')[0] ?? '';
}

async function starters(cookie: string): Promise<StartersResponse> {
  const response = await fetch(`${server.url}/api/starters`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return StartersResponseSchema.parse(await response.json());
}

/** What the sandbox itself lists, read with its admin token: the truth the questions must name. */
async function netboxNames(path: string, field: string): Promise<string[]> {
  const response = await fetch(`${server.sandbox.url}${path}${path.includes('?') ? '&' : '?'}limit=1000&brief=1`, {
    headers: { authorization: `Token ${server.sandbox.token}` },
  });
  const page = (await response.json()) as { results: Array<Record<string, unknown>> };
  return page.results.map((row) => String(row[field]));
}

describe('GET /api/starters', () => {
  const cookies: Record<string, string> = {};

  it('needs a signed-in user', async () => {
    const response = await fetch(`${server.url}/api/starters`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('names real sites, devices, prefixes and addresses from the user’s NetBox', async () => {
    cookies.mchen = await signIn('mchen');
    cookies.pnair = await signIn('pnair');
    const body = await starters(cookies.mchen);
    expect(body.source).toBe('netbox');
    expect(body.questions.length).toBeGreaterThanOrEqual(4);
    expect(body.questions.length).toBeLessThanOrEqual(6);
    const texts = body.questions.map((q) => q.text);

    const sites = await netboxNames('/api/dcim/sites/', 'name');
    const siteQuestion = texts.find((t) => t.startsWith('Which devices are in site '));
    expect(siteQuestion).toBeDefined();
    expect(sites.some((site) => siteQuestion === `Which devices are in site ${site}?`)).toBe(true);

    const devices = await netboxNames('/api/dcim/devices/', 'name');
    const cableQuestion = texts.find((t) => t.startsWith('Which interfaces on '));
    expect(devices.some((device) => cableQuestion === `Which interfaces on ${device} have no cable?`)).toBe(true);

    const prefixes = await netboxNames('/api/ipam/prefixes/', 'prefix');
    const prefixQuestion = texts.find((t) => t.startsWith('Which /24s are free in '));
    expect(prefixes.some((prefix) => prefixQuestion === `Which /24s are free in ${prefix}?`)).toBe(true);

    const addresses = (await netboxNames('/api/ipam/ip-addresses/', 'address')).map((a) => a.split('/')[0]);
    const ipQuestion = texts.find((t) => /^What is \d+\.\d+\.\d+\.\d+\?$/.test(t));
    expect(addresses.some((ip) => ipQuestion === `What is ${ip}?`)).toBe(true);

    expect(texts).toContain('How many active devices per site?');
    expect(texts.some((t) => devices.some((device) => t === `Who changed ${device} last week?`))).toBe(true);
  });

  it('keeps a user’s questions for a while, and answers a generic list when NetBox fails', async () => {
    const before = await starters(cookies.mchen ?? '');
    server.setNetboxFaults({ errorRate: 1, errorStatus: 500 });
    try {
      // mchen's questions come from the cache: NetBox is not asked again.
      expect(await starters(cookies.mchen ?? '')).toEqual(before);
      // pnair has none cached: NetBox fails, and the page still gets questions, naming nothing.
      const started = Date.now();
      const fallback = await starters(cookies.pnair ?? '');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(fallback).toEqual({ questions: GENERIC_QUESTIONS, source: 'generic' });
    } finally {
      server.setNetboxFaults({});
    }
  });
});

describe('starter question text', () => {
  it('flattens NetBox names to one short line and fills up with generic questions', () => {
    expect(cleanName('core\n\u0000rtr  01')).toBe('core rtr 01');
    expect(cleanName('   ')).toBeUndefined();
    expect(cleanName(42)).toBeUndefined();
    expect(cleanName('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
    const onlySite = buildStarters({ site: 'DC1' });
    expect(onlySite.source).toBe('netbox');
    expect(onlySite.questions.map((q) => q.text)).toEqual([
      'Which devices are in site DC1?',
      'How many active devices per site?',
      'List all sites',
      'Which prefixes are more than 80% used?',
    ]);
    expect(buildStarters({}).source).toBe('generic');
  });

  it('caches per key until the time given, and forgets failed loads', async () => {
    let now = 0;
    const cache = new StartersCache<number>(2, () => now);
    let loads = 0;
    const load = async () => ({ value: ++loads, ttlMs: 100 });
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    now = 101;
    expect(await cache.get('a', load)).toBe(2);
    await expect(cache.get('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('b', load)).toBe(3);
    await cache.get('c', load);
    expect(cache.size).toBe(2);
  });
});
