import type { Store } from '../store/index.ts';
import type { Identity, IdentityResolver } from './identity.ts';

export const LOCAL_USERNAME = 'local';

/**
 * Demo and single-user modes have no sign-in: everyone who reaches the (loopback-only) server is one fixed local
 * user, answered with the server's own NetBox token. `key` names that NetBox in the users table and must not
 * change between starts (the demo sandbox gets a new port each time), or old conversations would vanish.
 */
export async function createLocalIdentity(
  store: Store,
  key: string,
  netbox: { url: string; token: string },
): Promise<IdentityResolver & { readonly identity: Identity }> {
  const row = await store.users.upsert({ netboxUrl: key, username: LOCAL_USERNAME, displayName: 'Local user' });
  const identity: Identity = { user: { id: row.id, username: row.username }, userId: row.id, netbox };
  return {
    identity,
    fromRequest: async () => identity,
    stillValid: async () => true,
    endSignIn: async () => false,
  };
}
