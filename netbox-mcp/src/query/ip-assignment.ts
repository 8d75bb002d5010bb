import { compactValue } from '../format/compact-value.ts';

/** The parts of a NetBox IP address row the profile reads. */
export interface IpRecord {
  readonly id: number;
  readonly address: string;
  readonly vrf?: unknown;
  readonly status?: unknown;
  readonly role?: unknown;
  readonly dns_name?: string;
  readonly tenant?: unknown;
  readonly assigned_object_type?: string | null;
  readonly assigned_object?: AssignedObject | null;
  readonly nat_inside?: unknown;
  readonly nat_outside?: unknown;
  readonly tags?: unknown;
  readonly description?: string;
}

interface AssignedObject {
  readonly id?: number;
  readonly name?: string;
  readonly display?: string;
  readonly device?: { readonly id: number; readonly name?: string } | null;
  readonly virtual_machine?: { readonly id: number; readonly name?: string } | null;
}

export interface OwnerRow {
  readonly id: number;
  readonly name?: string;
  readonly site?: unknown;
  readonly cluster?: unknown;
}

export interface Owners {
  readonly devices: ReadonlyMap<number, OwnerRow>;
  readonly vms: ReadonlyMap<number, OwnerRow>;
}

/** Devices and VMs the IPs are assigned to, to look up their site in one request each. */
export function ownerIds(ips: readonly IpRecord[]): { devices: number[]; vms: number[] } {
  const devices = new Set<number>();
  const vms = new Set<number>();
  for (const ip of ips) {
    const a = ip.assigned_object;
    if (a?.device?.id !== undefined) devices.add(a.device.id);
    if (a?.virtual_machine?.id !== undefined) vms.add(a.virtual_machine.id);
  }
  return { devices: [...devices], vms: [...vms] };
}

/** `chi-dc1-cr01 em0 (interface; site CHI-DC1)`: where the IP lives, with its owner's site. */
export function describeAssignment(ip: IpRecord, owners: Owners): string | undefined {
  const a = ip.assigned_object;
  if (!a) return undefined;
  const kind = ip.assigned_object_type?.split('.')[1] ?? 'object';
  const name = a.name ?? a.display ?? `#${a.id}`;
  if (a.device) {
    const site = compactValue(owners.devices.get(a.device.id)?.site);
    return `${a.device.name ?? `device #${a.device.id}`} ${name} (${kind}${site ? `; site ${site}` : ''})`;
  }
  if (a.virtual_machine) {
    const vm = owners.vms.get(a.virtual_machine.id);
    const where = [vm?.cluster ? `cluster ${compactValue(vm.cluster)}` : '', vm?.site ? `site ${compactValue(vm.site)}` : ''].filter(Boolean).join('; ');
    return `VM ${a.virtual_machine.name ?? `#${a.virtual_machine.id}`} ${name} (${kind}${where ? `; ${where}` : ''})`;
  }
  return `${name} (${kind})`;
}
