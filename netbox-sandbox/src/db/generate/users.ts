import { pbkdf2Sync } from 'node:crypto';
import type { GenerationContext } from './context.ts';
import { COMPANY_DOMAIN } from './names.ts';
import { Random } from './random.ts';
import { RESTRICTED_TENANT_ID } from './tenancy.ts';
import { formatTimestamp, MICROS_PER_DAY } from './timestamps.ts';

export interface SandboxUser {
  readonly username: string;
  /** The sign-in password; for every sandbox user it is the username. */
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly isSuperuser: boolean;
}

export const ADMIN_USERNAME = 'admin';
/** The user who sees only one tenant's objects through object permissions. */
export const RESTRICTED_USERNAME = 'tenant-viewer';

/** Everyone who can sign in to the sandbox, in user-id order (admin is id 1). Passwords equal usernames. */
export const SANDBOX_USERS: readonly SandboxUser[] = [
  { username: ADMIN_USERNAME, password: 'admin', firstName: '', lastName: '', isSuperuser: true },
  { username: 'mchen', password: 'mchen', firstName: 'Maya', lastName: 'Chen', isSuperuser: true },
  { username: 'rkowalski', password: 'rkowalski', firstName: 'Rafael', lastName: 'Kowalski', isSuperuser: true },
  { username: 'pnair', password: 'pnair', firstName: 'Priya', lastName: 'Nair', isSuperuser: true },
  { username: 'tlindqvist', password: 'tlindqvist', firstName: 'Tomas', lastName: 'Lindqvist', isSuperuser: true },
  { username: 'ebrennan', password: 'ebrennan', firstName: 'Erin', lastName: 'Brennan', isSuperuser: true },
  { username: RESTRICTED_USERNAME, password: 'tenant-viewer', firstName: 'Retail', lastName: 'Auditor', isSuperuser: false },
];

/** Usernames of the engineers who make changes (everyone but admin and the restricted viewer). */
export const ENGINEER_USERNAMES: readonly string[] = SANDBOX_USERS.filter((u) => u.isSuperuser && u.username !== ADMIN_USERNAME).map((u) => u.username);

/** Low on purpose: the data set is generated at every start, and these are demo credentials. */
const PBKDF2_ITERATIONS = 1000;

/** Django's `pbkdf2_sha256$<iterations>$<salt>$<base64 hash>` password format. */
export function hashPassword(password: string, salt: string, iterations = PBKDF2_ITERATIONS): string {
  const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('base64');
  return `pbkdf2_sha256$${iterations}$${salt}$${hash}`;
}

/** Checks a password against a Django `pbkdf2_sha256` hash. */
export function verifyPassword(password: string, encoded: string): boolean {
  const [algorithm, iterations, salt, hash] = encoded.split('$');
  if (algorithm !== 'pbkdf2_sha256' || iterations === undefined || salt === undefined || hash === undefined) return false;
  return pbkdf2Sync(password, salt, Number(iterations), 32, 'sha256').toString('base64') === hash;
}

/** The 40-character v1 API token of a sandbox user; depends only on the seed and the username. */
export function tokenKeyFor(seed: number, username: string): string {
  return new Random(seed, `users/token/${username}`).hex(40);
}

/** The admin's v1 API token, for the CLI to print. */
export function adminTokenKey(seed: number): string {
  return tokenKeyFor(seed, ADMIN_USERNAME);
}

export interface UserIds {
  readonly byUsername: ReadonlyMap<string, number>;
  /** Ids of the engineers, who make the recorded changes. */
  readonly engineers: readonly number[];
}

export function generateUsers(ctx: GenerationContext): UserIds {
  const rng = ctx.random('users');
  const table = ctx.db.table('users_user');
  const byUsername = new Map<string, number>();
  SANDBOX_USERS.forEach((user, index) => {
    const salt = new Random(ctx.seed, `users/salt/${user.username}`).alphanumeric(22);
    const joined = ctx.time.day(index === 0 ? 0 : 2 + index * 15 + rng.int(0, 10));
    const row = table.add({
      password: hashPassword(user.password, salt),
      last_login: formatTimestamp(ctx.time.anchor - rng.int(1, 20 * 24) * 3_600_000_000 - rng.int(0, 3_599_999_999)),
      is_superuser: user.isSuperuser,
      username: user.username,
      first_name: user.firstName,
      last_name: user.lastName,
      email: user.username === ADMIN_USERNAME ? '' : `${user.username}@${COMPANY_DOMAIN}`,
      is_staff: user.isSuperuser,
      is_active: true,
      date_joined: formatTimestamp(joined + rng.int(0, 86_399_999_999)),
    });
    byUsername.set(user.username, row.id as number);
    ctx.db.table('users_token').add({
      created: formatTimestamp(joined + MICROS_PER_DAY + rng.int(0, 86_399_999_999)),
      key: tokenKeyFor(ctx.seed, user.username),
      write_enabled: false,
      description: user.username === ADMIN_USERNAME ? 'Sandbox admin token' : 'Personal API token',
      user_id: row.id,
      last_used: formatTimestamp(ctx.time.anchor - rng.int(1, 72) * 3_600_000_000 - rng.int(0, 3_599_999_999)),
    });
  });
  const engineers = ENGINEER_USERNAMES.map((name) => byUsername.get(name) ?? 0);
  return { byUsername, engineers };
}

/** Models the restricted user may see, each limited to objects of the restricted tenant. */
const TENANT_MODELS = [
  'dcim.site', 'dcim.rack', 'dcim.device', 'ipam.prefix', 'ipam.ipaddress', 'ipam.vlan', 'ipam.vrf', 'virtualization.cluster',
  'virtualization.virtualmachine', 'circuits.circuit',
];

export function generateObjectPermissions(ctx: GenerationContext, users: UserIds): void {
  const userId = users.byUsername.get(RESTRICTED_USERNAME);
  if (userId === undefined) return;
  const permissions: readonly (readonly [string, string, Record<string, number>, readonly string[]])[] = [
    ['Retail tenant objects', 'Objects owned by Kestrel Retail', { tenant_id: RESTRICTED_TENANT_ID }, TENANT_MODELS],
    ['Retail device interfaces', 'Interfaces of Kestrel Retail devices', { device__tenant_id: RESTRICTED_TENANT_ID }, ['dcim.interface']],
    ['Retail VM interfaces', 'Interfaces of Kestrel Retail VMs', { virtual_machine__tenant_id: RESTRICTED_TENANT_ID }, ['virtualization.vminterface']],
    ['Retail tenant record', 'The Kestrel Retail tenant itself', { id: RESTRICTED_TENANT_ID }, ['tenancy.tenant']],
  ];
  for (const [name, description, constraints, models] of permissions) {
    const row = ctx.db.table('users_objectpermission').add({ name, description, enabled: true, actions: ['view'], constraints });
    ctx.db.table('users_user_object_permissions').add({ objectpermission_id: row.id, user_id: userId });
    for (const model of models) ctx.db.table('users_objectpermission_object_types').add({ objectpermission_id: row.id, objecttype_id: ctx.ct.id(model) });
  }
}
