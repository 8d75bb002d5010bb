import type { Dataset } from '../dataset.ts';
import { traceCablePaths } from './cable-paths.ts';
import { cableSites } from './cables.ts';
import { generateChanges } from './changes.ts';
import { generateCircuits } from './circuits.ts';
import { generateContacts } from './contacts.ts';
import { GenerationContext } from './context.ts';
import type { GenerateOptions } from './context.ts';
import { generateCustomFields } from './custom-fields.ts';
import { generateCatalog } from './dcim-types.ts';
import { addressDevices } from './device-addresses.ts';
import { generateDevices } from './devices.ts';
import { generateIpRanges } from './ip-ranges.ts';
import { generateIpamBase } from './ipam-base.ts';
import { generateMacAddresses } from './mac-addresses.ts';
import { generateOrganization } from './organization.ts';
import { computePrefixTree } from './prefix-tree.ts';
import { generatePrefixes } from './prefixes.ts';
import { generateRacks } from './racks.ts';
import { configureSwitching } from './switching.ts';
import { generateTags } from './tags.ts';
import { generateTenancy } from './tenancy.ts';
import { generateObjectPermissions, generateUsers } from './users.ts';
import { generateVirtualization } from './virtualization.ts';
import { generateVlans } from './vlans.ts';

export { RECENTLY_CHANGED_DEVICES } from './changes.ts';
export type { GenerateOptions } from './context.ts';
export { RESTRICTED_TENANT_ID, RESTRICTED_TENANT_SLUG } from './tenancy.ts';
export { ADMIN_USERNAME, adminTokenKey, RESTRICTED_USERNAME, SANDBOX_USERS, tokenKeyFor, verifyPassword } from './users.ts';
export type { SandboxUser } from './users.ts';

/** Midnight UTC of the day holding `date`: the anchor the CLI uses, so a day's runs give the same data. */
export function utcMidnight(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function check(options: GenerateOptions): void {
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(options.scale) || options.scale < 1) throw new Error(`scale must be a positive integer, got ${options.scale}`);
  if (!(options.anchor instanceof Date) || Number.isNaN(options.anchor.getTime())) throw new Error('anchor must be a valid Date');
}

/**
 * The sandbox's built-in NetBox: Kestrel Networks, a fictional enterprise with data centers, offices, stores
 * and warehouses, as rows of NetBox's own tables. Deterministic: the same options give the same rows.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  check(options);
  const ctx = new GenerationContext(options);
  const users = generateUsers(ctx);
  const tenancy = generateTenancy(ctx);
  const org = generateOrganization(ctx, tenancy);
  const ipam = generateIpamBase(ctx, org.sites, tenancy);
  const vlans = generateVlans(ctx, org.sites, ipam);
  const catalog = generateCatalog(ctx);
  const racks = generateRacks(ctx, org.sites, tenancy, users.engineers);
  const { devices } = generateDevices(ctx, org.sites, racks, catalog, vlans);
  configureSwitching(ctx, devices, vlans);
  const cabler = cableSites(ctx, devices);
  generateCircuits(ctx, org.sites, devices, cabler);
  const plan = generatePrefixes(ctx, org, tenancy, ipam, vlans);
  addressDevices(ctx, devices, plan);
  generateIpRanges(ctx, org.sites, plan, ipam);
  generateVirtualization(ctx, org, tenancy, catalog, plan, vlans);
  computePrefixTree(ctx.db.rows('ipam_prefix'));
  generateMacAddresses(ctx, devices);
  traceCablePaths(ctx, cabler);
  generateCustomFields(ctx);
  generateTags(ctx);
  generateContacts(ctx, org.sites, tenancy);
  generateObjectPermissions(ctx, users);
  generateChanges(ctx, users, devices);
  return ctx.db.toDataset(`generated seed=${options.seed} scale=${options.scale}`);
}
