import { describe, expect, it } from 'vitest';
import { authorizationFor } from '../../src/auth/netbox-auth.ts';
import { useTestServer } from '../e2e-server/support/test-server.ts';

/**
 * The NetBox tokens the server provisions at sign-in: they expire with the sign-in, sign-out deletes them (and
 * says so in the log when NetBox refuses), and an ended sign-in's stored token is deleted and revoked. The
 * sandbox serves DELETE /api/users/tokens/{id}/ as NetBox 4.6 does, so all of it runs end to end.
 */
const TTL_MS = 4000;
const server = useTestServer({ mode: 'multi-user', model: false, env: { SIGN_IN_TTL_MS: String(TTL_MS) }, credentialSweepMs: 300 });

interface SignedIn {
  readonly cookie: string;
  readonly setCookie: string;
  readonly userId: string;
  /** The NetBox token stored for the sign-in, and NetBox's id for it when provisioned. */
  readonly token: string;
  readonly netboxTokenId: number | null;
  readonly credentialId: string;
}

async function signIn(body: Record<string, string>): Promise<SignedIn> {
  const response = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('nbc_session=')) ?? '';
  const { user } = (await response.json()) as { user: { id: string } };
  const [row] = await server.app.store.db.query<{ id: string }>('SELECT id FROM netbox_credentials WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [user.id]);
  const credential = row ? await server.app.store.credentials!.get(user.id, row.id) : null;
  if (!credential) throw new Error('no stored credential');
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, userId: user.id, token: credential.token, netboxTokenId: credential.provisionedTokenId, credentialId: credential.id };
}

/** What NetBox says about a token now: 200, or its 403 detail. */
async function netboxSays(token: string): Promise<string> {
  const response = await fetch(`${server.sandbox.url}/api/authentication-check/`, { headers: { authorization: authorizationFor(token) } });
  return response.status === 200 ? 'works' : ((await response.json()) as { detail: string }).detail;
}

async function signOut(cookie: string): Promise<number> {
  return (await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie } })).status;
}

const credentialExists = async (id: string) => (await server.app.store.db.query('SELECT 1 FROM netbox_credentials WHERE id = $1', [id])).length > 0;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const tokenLogLines = (message: RegExp) => server.logLines.filter((line) => message.test(line));

describe('NetBox tokens provisioned at sign-in', () => {
  it('end with the sign-in: the cookie and the session on time, the token in NetBox shortly after', async () => {
    const signed = await signIn({ username: 'tenant-viewer', password: 'tenant-viewer' });
    expect(signed.setCookie).toMatch(new RegExp(`Max-Age=${TTL_MS / 1000}(;|$)`));
    expect(await netboxSays(signed.token)).toBe('works');
    // Used all along, the session still ends on time: a sign-in is not extended by use past its token's expiry.
    const deadline = Date.now() + TTL_MS + 1500;
    let status = 200;
    while (Date.now() < deadline && status === 200) {
      status = (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: signed.cookie } })).status;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(401);
    // This user may not delete tokens in NetBox, so the token dies by its own expiry: shortly after the sign-in
    // (as long again here, as the sign-in is short), so that the server could still have deleted it.
    await waitFor(async () => (await netboxSays(signed.token)) !== 'works', TTL_MS + 2000, 'the token to expire');
    expect(await netboxSays(signed.token)).toBe('Token expired');
  });

  it('are deleted at sign-out', async () => {
    const signed = await signIn({ username: 'mchen', password: 'mchen' });
    expect(await netboxSays(signed.token)).toBe('works');
    expect(await signOut(signed.cookie)).toBe(204);
    expect(await netboxSays(signed.token)).toBe('Invalid v2 token');
    expect(await credentialExists(signed.credentialId)).toBe(false);
    expect(tokenLogLines(/NetBox token provisioned at sign-in deleted/).some((line) => line.includes(`"netboxTokenId":${signed.netboxTokenId}`))).toBe(true);
  });

  it('log why when NetBox refuses to delete one at sign-out, and the sign-out still ends the session', async () => {
    const signed = await signIn({ username: 'tenant-viewer', password: 'tenant-viewer' });
    expect(await signOut(signed.cookie)).toBe(204);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: signed.cookie } })).status).toBe(401);
    const [line] = tokenLogLines(/could not be deleted/).filter((l) => l.includes(`"netboxTokenId":${signed.netboxTokenId}`));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      level: 40,
      reason: 'signed out',
      why: 'NetBox answered HTTP 403: You do not have permission to perform this action.',
      msg: expect.stringMatching(/stays valid in NetBox until it expires/),
    });
    expect(await credentialExists(signed.credentialId)).toBe(false);
    expect(await netboxSays(signed.token)).toBe('works');
  });

  it('log why when NetBox is down at sign-out', async () => {
    const signed = await signIn({ username: 'pnair', password: 'pnair' });
    server.setNetboxFaults({ errorRate: 1, errorStatus: 503 });
    try {
      expect(await signOut(signed.cookie)).toBe(204);
    } finally {
      server.setNetboxFaults({});
    }
    const [line] = tokenLogLines(/could not be deleted/).filter((l) => l.includes(`"netboxTokenId":${signed.netboxTokenId}`));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 40, why: expect.stringMatching(/^NetBox answered HTTP 503/) });
  });

  it('are deleted in NetBox, with the stored copy, once the sign-in has expired', async () => {
    const signed = await signIn({ username: 'rkowalski', password: 'rkowalski' });
    await waitFor(async () => !(await credentialExists(signed.credentialId)), TTL_MS + 5000, 'the stored token to be removed');
    // Deleted, not merely expired: NetBox no longer knows the token at all.
    expect(await netboxSays(signed.token)).toBe('Invalid v2 token');
    expect(tokenLogLines(/NetBox token provisioned at sign-in deleted/).some((line) => line.includes('"reason":"sign-in ended"') && line.includes(`"netboxTokenId":${signed.netboxTokenId}`))).toBe(true);
  });

  it('leave a token the user signed in with alone: it is theirs, only its stored copy goes', async () => {
    const signed = await signIn({ token: server.sandbox.token });
    expect(signed.netboxTokenId).toBeNull();
    expect(await signOut(signed.cookie)).toBe(204);
    expect(await credentialExists(signed.credentialId)).toBe(false);
    expect(await netboxSays(server.sandbox.token)).toBe('works');
  });

  it('never write a token to the log', () => {
    expect(server.logLines.filter((line) => /nbt_[A-Za-z0-9]+\.[A-Za-z0-9]/.test(line) || line.includes(server.sandbox.token))).toEqual([]);
  });
});
