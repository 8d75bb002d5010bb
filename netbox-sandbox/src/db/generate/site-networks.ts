import type { SiteInfo } from './organization.ts';

/** Where a segment's prefix lives: inside the site's block, in a VRF pool, or nowhere (layer 2 only). */
export type SegmentPlacement = 'block' | 'guest-vrf' | 'pci-vrf' | 'none';

export interface Segment {
  readonly vlan: string;
  readonly vid: number;
  /** IPAM role name. */
  readonly role: string;
  readonly length: number;
  /** Offset of the prefix inside the site block, in addresses. */
  readonly offset: number;
  readonly placement: SegmentPlacement;
  readonly description: string;
}

const C = 256;

/** The VLANs and subnets each kind of site gets. */
export function siteSegments(site: SiteInfo): readonly Segment[] {
  switch (site.kind) {
    case 'dc':
      return [
        { vlan: 'WEB', vid: 110, role: 'Server', length: 24, offset: 0, placement: 'block', description: 'Web tier' },
        { vlan: 'APP', vid: 120, role: 'Server', length: 24, offset: C, placement: 'block', description: 'Application tier' },
        { vlan: 'DB', vid: 130, role: 'Server', length: 24, offset: 2 * C, placement: 'block', description: 'Database tier' },
        { vlan: 'MGMT', vid: 900, role: 'Management', length: 26, offset: 3 * C, placement: 'block', description: 'Device management' },
        { vlan: 'VM-INFRA', vid: 910, role: 'Server', length: 27, offset: 3 * C + 64, placement: 'block', description: 'Infrastructure VMs' },
        { vlan: 'VMOTION', vid: 920, role: 'Server', length: 24, offset: 0, placement: 'none', description: '' },
        { vlan: 'STORAGE', vid: 930, role: 'Server', length: 24, offset: 0, placement: 'none', description: '' },
      ];
    case 'hq':
      return [
        { vlan: 'DATA', vid: 100, role: 'Data', length: 24, offset: 0, placement: 'block', description: 'Staff workstations' },
        { vlan: 'VOICE', vid: 200, role: 'Voice', length: 24, offset: C, placement: 'block', description: 'IP phones' },
        { vlan: 'WIFI', vid: 300, role: 'Wireless', length: 24, offset: 2 * C, placement: 'block', description: 'Corporate Wi-Fi' },
        { vlan: 'GUEST', vid: 400, role: 'Guest', length: 24, offset: 0, placement: 'guest-vrf', description: 'Guest Wi-Fi' },
        { vlan: 'MGMT', vid: 900, role: 'Management', length: 26, offset: 3 * C, placement: 'block', description: 'Device management' },
      ];
    case 'office':
      return [
        { vlan: 'DATA', vid: 100, role: 'Data', length: 24, offset: 0, placement: 'block', description: 'Staff workstations' },
        { vlan: 'VOICE', vid: 200, role: 'Voice', length: 24, offset: C, placement: 'block', description: 'IP phones' },
        { vlan: 'MGMT', vid: 900, role: 'Management', length: 27, offset: 2 * C, placement: 'block', description: 'Device management' },
      ];
    case 'warehouse':
      return [
        { vlan: 'DATA', vid: 10, role: 'Data', length: 24, offset: 0, placement: 'block', description: 'Office and shipping desks' },
        { vlan: 'SCANNERS', vid: 50, role: 'Wireless', length: 24, offset: C, placement: 'block', description: 'Handheld scanners' },
        { vlan: 'GUEST', vid: 60, role: 'Guest', length: 24, offset: 0, placement: 'guest-vrf', description: 'Driver Wi-Fi' },
        { vlan: 'MGMT', vid: 99, role: 'Management', length: 27, offset: 2 * C, placement: 'block', description: 'Device management' },
      ];
    case 'pop':
      return [{ vlan: 'MGMT', vid: 900, role: 'Management', length: 28, offset: 0, placement: 'block', description: 'Device management' }];
    case 'branch':
      return site.variant === 'full'
        ? [
            { vlan: 'DATA', vid: 10, role: 'Data', length: 24, offset: 0, placement: 'block', description: 'Store LAN' },
            { vlan: 'VOICE', vid: 20, role: 'Voice', length: 24, offset: C, placement: 'block', description: 'Store phones' },
            { vlan: 'POS', vid: 30, role: 'Point of Sale', length: 28, offset: 0, placement: 'pci-vrf', description: 'Payment terminals' },
            { vlan: 'MGMT', vid: 99, role: 'Management', length: 24, offset: 0, placement: 'none', description: '' },
          ]
        : [{ vlan: 'DATA', vid: 10, role: 'Data', length: 24, offset: 0, placement: 'block', description: 'Store LAN' }];
  }
}

/** Size of the address block a site takes in its country's /16, as a prefix length; null for none. */
export function siteBlockLength(site: SiteInfo): number {
  switch (site.kind) {
    case 'dc':
      return 20;
    case 'hq':
      return 21;
    case 'pop':
      return 24;
    default:
      return 22;
  }
}

/** Whether the site block gets its own container prefix (stores and POPs just use the space). */
export function siteBlockIsPrefix(site: SiteInfo): boolean {
  return site.kind !== 'branch' && site.kind !== 'pop';
}
