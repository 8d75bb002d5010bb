import { describe, expect, it } from 'vitest';
import type { Dataset } from '../src/db/dataset.ts';
import { RESTRICTED_USERNAME } from '../src/db/generate/users.ts';
import { apiGet } from './support/api-client.ts';
import { generatedDataset, useSandbox } from './support/test-sandbox.ts';

/**
 * `DELETE /api/users/tokens/{id}/` as NetBox 4.6's TokenViewSet answers it: a write-enabled token, the
 * `users.delete_token` permission (superusers have it), and the token inside the user's
 * `restrict(user, 'delete')` queryset. Here the restricted viewer may delete their own tokens only
 * (`{"user": "$user"}`, as NetBox admins grant it).
 */
const OWN_TOKENS_USER = RESTRICTED_USERNAME;

function withOwnTokenDeletion(): Dataset {
  const base = generatedDataset();
  const tables = { ...base.tables };
  const user = tables.users_user!.find((u) => u.username === OWN_TOKENS_USER)!;
  const tokenType = tables.django_content_type!.find((ct) => ct.app_label === 'users' && ct.model === 'token')!;
  const permissionId = Math.max(...tables.users_objectpermission!.map((p) => Number(p.id))) + 1;
  tables.users_objectpermission = [
    ...tables.users_objectpermission!,
    { id: permissionId, name: 'Own API tokens', description: '', enabled: true, actions: ['view', 'delete'], constraints: { user: '$user' } },
  ];
  tables.users_objectpermission_object_types = [
    ...tables.users_objectpermission_object_types!,
    { id: Math.max(...tables.users_objectpermission_object_types!.map((l) => Number(l.id))) + 1, objectpermission_id: permissionId, objecttype_id: tokenType.id },
  ];
  tables.users_user_object_permissions = [
    ...tables.users_user_object_permissions!,
    { id: Math.max(...tables.users_user_object_permissions!.map((l) => Number(l.id))) + 1, objectpermission_id: permissionId, user_id: user.id },
  ];
  return { ...base, tables };
}

const plain = useSandbox();
const granted = useSandbox(() => ({ dataset: withOwnTokenDeletion() }));

interface Provisioned {
  readonly id: number;
  readonly header: string;
  readonly body: Record<string, unknown>;
}

async function provision(url: string, username: string, extra: Record<string, unknown> = {}): Promise<Provisioned> {
  const res = await fetch(`${url}/api/users/tokens/provision/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username, ...extra }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as Record<string, unknown>;
  return { id: Number(body.id), header: `Bearer nbt_${String(body.key)}.${String(body.token)}`, body };
}

async function remove(url: string, id: number | string, authorization?: string): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(`${url}/api/users/tokens/${id}/`, { method: 'DELETE', headers: authorization ? { authorization } : {} });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

const works = async (url: string, header: string) => (await apiGet(url, '/api/authentication-check/', header)).status;

describe('provisioned tokens', () => {
  it('are write-enabled unless asked otherwise, as NetBox’s model default', async () => {
    expect((await provision(plain.current.url, 'admin')).body.write_enabled).toBe(true);
    expect((await provision(plain.current.url, 'admin', { write_enabled: false })).body.write_enabled).toBe(false);
  });

  it('stop working at their expiry', async () => {
    const expires = new Date(Date.now() + 1500).toISOString();
    const token = await provision(plain.current.url, 'mchen', { expires });
    expect(token.body.expires).toBe(expires);
    expect(await works(plain.current.url, token.header)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const expired = await apiGet(plain.current.url, '/api/authentication-check/', token.header);
    expect(expired).toMatchObject({ status: 403, body: { detail: 'Token expired' } });
  });
});

describe('DELETE /api/users/tokens/{id}/', () => {
  it('deletes a token with itself (204, no body), after which it authenticates nothing', async () => {
    const token = await provision(plain.current.url, 'mchen');
    const deleted = await remove(plain.current.url, token.id, token.header);
    expect(deleted).toMatchObject({ status: 204, text: '' });
    expect(await apiGet(plain.current.url, '/api/authentication-check/', token.header)).toMatchObject({ status: 403, body: { detail: 'Invalid v2 token' } });
    // Gone: deleting it again is a 404, and the dead token itself is refused first.
    const admin = await provision(plain.current.url, 'admin');
    expect(await remove(plain.current.url, token.id, admin.header)).toMatchObject({ status: 404, text: '{"detail":"No Token matches the given query."}' });
    expect(await remove(plain.current.url, token.id, token.header)).toMatchObject({ status: 403, text: '{"detail":"Invalid v2 token"}' });
  });

  it('lets a superuser delete anyone’s token', async () => {
    const token = await provision(plain.current.url, 'tenant-viewer');
    const admin = await provision(plain.current.url, 'admin');
    expect((await remove(plain.current.url, token.id, admin.header)).status).toBe(204);
    expect(await works(plain.current.url, token.header)).toBe(403);
  });

  it('refuses without credentials, with a read-only token (the data’s own tokens are), and without the delete permission', async () => {
    expect(await remove(plain.current.url, 1, `Token ${plain.current.token}`)).toMatchObject({ status: 403, text: '{"detail":"You do not have permission to perform this action."}' });
    const target = await provision(plain.current.url, 'admin');
    expect(await remove(plain.current.url, target.id)).toMatchObject({ status: 403, text: '{"detail":"Authentication credentials were not provided."}' });
    const readOnly = await provision(plain.current.url, 'admin', { write_enabled: false });
    expect(await remove(plain.current.url, readOnly.id, readOnly.header)).toMatchObject({ status: 403, text: '{"detail":"You do not have permission to perform this action."}' });
    const viewer = await provision(plain.current.url, OWN_TOKENS_USER);
    // No users.delete_token at all: 403 even for the user's own token, and for one that does not exist.
    expect((await remove(plain.current.url, viewer.id, viewer.header)).status).toBe(403);
    expect((await remove(plain.current.url, 999_999, viewer.header)).status).toBe(403);
    for (const token of [target, readOnly, viewer]) expect(await works(plain.current.url, token.header)).toBe(200);
  });

  it('with a permission constrained to the user’s own tokens: deletes those, and finds no other', async () => {
    const own = await provision(granted.current.url, OWN_TOKENS_USER);
    const other = await provision(granted.current.url, 'admin');
    expect(await remove(granted.current.url, other.id, own.header)).toMatchObject({ status: 404, text: '{"detail":"No Token matches the given query."}' });
    expect(await works(granted.current.url, other.header)).toBe(200);
    expect((await remove(granted.current.url, own.id, own.header)).status).toBe(204);
    expect(await works(granted.current.url, own.header)).toBe(403);
  });

  it('answers an id that is not a number with 404', async () => {
    const admin = await provision(plain.current.url, 'admin');
    expect((await remove(plain.current.url, 'abc', admin.header)).status).toBe(404);
  });
});
