import { describe, expect, it } from 'vitest';
import { apiGet } from './support/api-client.ts';
import { generatedDataset, useSandbox } from './support/test-sandbox.ts';

const V2_TOKEN = 'nbt_abcdEF012345.0123456789abcdefABCDEF0123456789abcdef01';
const sandbox = useSandbox(() => ({ dataset: generatedDataset(), token: V2_TOKEN }));
const detail = (body: unknown) => (body as { detail: string }).detail;

async function provision(username: string, password: string) {
  const res = await fetch(`${sandbox.current.url}/api/users/tokens/provision/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('NetBox 403 bodies', () => {
  it.each([
    [undefined, 'Authentication credentials were not provided.'],
    ['Basic dXNlcjpwYXNz', 'Authentication credentials were not provided.'],
    ['Token', 'Invalid authorization header: Must be in the form "Bearer <key>.<token>" or "Token <token>"'],
    ['Token a b', 'Invalid authorization header: Must be in the form "Bearer <key>.<token>" or "Token <token>"'],
    [`Token ${'0'.repeat(40)}`, 'Invalid v1 token'],
    ['Bearer nbt_abcdEF012345.wrong', 'Invalid v2 token'],
    ['Bearer nbt_unknownkey.0123456789', 'Invalid v2 token'],
    ['Bearer nbt_nodot', "Invalid authorization header: Could not parse key from v2 token. Did you mean to use 'Token' instead of 'Bearer'?"],
  ])('%s', async (authorization, message) => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/devices/', authorization);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: message });
    expect(res.headers.get('www-authenticate')).toBeNull();
  });
});

describe('tokens that work', () => {
  it('accepts the v2 token given at start as a superuser', async () => {
    const res = await apiGet(sandbox.current.url, '/api/dcim/devices/?limit=1', `Bearer ${V2_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBe('4.6');
  });

  it("accepts the data's own v1 admin token", async () => {
    const admin = generatedDataset().tables.users_user!.find((u) => u.is_superuser === true)!;
    const token = generatedDataset().tables.users_token!.find((t) => t.user_id === admin.id)!;
    const res = await apiGet(sandbox.current.url, '/api/authentication-check/', `Token ${String(token.key)}`);
    expect(res.status).toBe(200);
    expect((res.body as { username: string }).username).toBe(admin.username);
  });

  it('provisions a v2 token for a username and password, and refuses a wrong password', async () => {
    const ok = await provision('admin', 'admin');
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(2);
    const header = `Bearer nbt_${String(ok.body.key)}.${String(ok.body.token)}`;
    expect((await apiGet(sandbox.current.url, '/api/status/', header)).status).toBe(200);
    const bad = await provision('admin', 'wrong');
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual({ detail: 'Invalid user credentials.' });
    expect((await provision('', '')).status).toBe(400);
  });
});

describe('a user restricted to one tenant', () => {
  const data = () => generatedDataset().tables;
  const restricted = () => {
    const user = data().users_user!.find((u) => u.is_superuser !== true && data().users_user_object_permissions!.some((l) => l.user_id === u.id))!;
    const links = data().users_user_object_permissions!.filter((l) => l.user_id === user.id);
    const perm = data().users_objectpermission!.find(
      (p) => links.some((l) => l.objectpermission_id === p.id) && p.constraints && 'tenant_id' in (p.constraints as object),
    )!;
    return { user, tenantId: (perm.constraints as { tenant_id: number }).tenant_id };
  };
  const login = async () => {
    const { user } = restricted();
    const res = await provision(String(user.username), String(user.username));
    expect(res.status).toBe(201);
    return `Bearer nbt_${String(res.body.key)}.${String(res.body.token)}`;
  };

  it('sees only that tenant devices, sites and prefixes', async () => {
    const auth = await login();
    const { tenantId } = restricted();
    for (const [path, tableName] of [
      ['/api/dcim/devices/', 'dcim_device'],
      ['/api/dcim/sites/', 'dcim_site'],
      ['/api/ipam/prefixes/', 'ipam_prefix'],
    ] as const) {
      const res = await apiGet(sandbox.current.url, `${path}?limit=1000`, auth);
      expect(res.status).toBe(200);
      const body = res.body as { count: number; results: { id: number; tenant: { id: number } | null }[] };
      const expected = data()[tableName]!.filter((r) => r.tenant_id === tenantId).length;
      expect(expected).toBeGreaterThan(0);
      expect(body.count).toBe(expected);
      expect(body.results.every((r) => r.tenant?.id === tenantId)).toBe(true);
    }
  });

  it('sees interfaces only of that tenant devices, and nothing else by id or filter', async () => {
    const auth = await login();
    const { tenantId } = restricted();
    const own = new Set(data().dcim_device!.filter((d) => d.tenant_id === tenantId).map((d) => d.id));
    const res = await apiGet(sandbox.current.url, '/api/dcim/interfaces/?limit=1000', auth);
    const body = res.body as { count: number; results: { device: { id: number } }[] };
    expect(body.count).toBe(data().dcim_interface!.filter((i) => own.has(i.device_id)).length);
    expect(body.results.every((r) => own.has(r.device.id))).toBe(true);
    const foreign = data().dcim_device!.find((d) => d.tenant_id !== tenantId)!;
    const one = await apiGet(sandbox.current.url, `/api/dcim/devices/${String(foreign.id)}/`, auth);
    expect(one.status).toBe(404);
    const filtered = await apiGet(sandbox.current.url, `/api/dcim/devices/?id=${String(foreign.id)}`, auth);
    expect((filtered.body as { count: number }).count).toBe(0);
  });

  it('is refused a model it has no permission for', async () => {
    const auth = await login();
    const res = await apiGet(sandbox.current.url, '/api/circuits/providers/', auth);
    expect(res.status).toBe(403);
    expect(detail(res.body)).toBe('You do not have permission to perform this action.');
  });
});
