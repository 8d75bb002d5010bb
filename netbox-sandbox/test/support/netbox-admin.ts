/**
 * What a NetBox admin does to a user's token in tests: delete it (as in NetBox's UI, through the REST API with
 * a write-enabled admin token, the sandbox's data tokens being read-only).
 */
export async function adminAuthorization(sandboxUrl: string): Promise<string> {
  const response = await fetch(`${sandboxUrl}/api/users/tokens/provision/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  if (response.status !== 201) throw new Error(`provisioning an admin token failed: HTTP ${response.status}`);
  const admin = (await response.json()) as { key: string; token: string };
  return `Bearer nbt_${admin.key}.${admin.token}`;
}

/** Deletes NetBox token `id`; throws unless NetBox answers 204. */
export async function deleteNetboxToken(sandboxUrl: string, id: number | string | undefined): Promise<void> {
  const response = await fetch(`${sandboxUrl}/api/users/tokens/${String(id)}/`, { method: 'DELETE', headers: { authorization: await adminAuthorization(sandboxUrl) } });
  if (response.status !== 204) throw new Error(`deleting NetBox token ${String(id)} failed: HTTP ${response.status}`);
}
