/** The hardware the company buys, as NetBox device types with their component templates. */

export interface InterfaceSpec {
  readonly name: string;
  readonly type: string;
  readonly mgmtOnly?: boolean;
  readonly poeMode?: string;
  readonly poeType?: string;
}

export interface PortSpec {
  readonly name: string;
  readonly type: string;
}

export interface PowerPortSpec extends PortSpec {
  readonly maximumDraw: number | null;
  readonly allocatedDraw: number | null;
}

export interface PowerOutletSpec extends PortSpec {
  readonly powerPort: string;
  readonly feedLeg: string | null;
}

export interface RearPortSpec extends PortSpec {
  readonly positions: number;
}

export interface FrontPortSpec extends PortSpec {
  readonly rearPort: string;
  readonly position: number;
}

export interface DeviceTypeSpec {
  readonly key: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly partNumber: string;
  readonly uHeight: number;
  readonly isFullDepth: boolean;
  readonly airflow: string | null;
  readonly weight: number | null;
  readonly platform: string | null;
  /** The interface that carries the management address, if the hardware has one. */
  readonly mgmtInterface: string | null;
  readonly interfaces: readonly InterfaceSpec[];
  readonly consolePorts: readonly PortSpec[];
  readonly consoleServerPorts: readonly PortSpec[];
  readonly powerPorts: readonly PowerPortSpec[];
  readonly powerOutlets: readonly PowerOutletSpec[];
  readonly rearPorts: readonly RearPortSpec[];
  readonly frontPorts: readonly FrontPortSpec[];
}

function seq<T>(from: number, to: number, make: (n: number) => T): T[] {
  const out: T[] = [];
  for (let n = from; n <= to; n++) out.push(make(n));
  return out;
}

function ifaces(prefix: string, from: number, to: number, type: string, extra: Partial<InterfaceSpec> = {}, suffix = ''): InterfaceSpec[] {
  return seq(from, to, (n) => ({ name: `${prefix}${n}${suffix}`, type, ...extra }));
}

const psu = (names: readonly string[], type: string, draw: number): PowerPortSpec[] =>
  names.map((name) => ({ name, type, maximumDraw: draw, allocatedDraw: Math.round(draw * 0.55) }));

const POE = { poeMode: 'pse', poeType: 'type2-ieee802.3at' } as const;

const EMPTY = {
  consoleServerPorts: [],
  powerOutlets: [],
  rearPorts: [],
  frontPorts: [],
} as const;

export const DEVICE_TYPES: readonly DeviceTypeSpec[] = [
  {
    key: 'mx204', manufacturer: 'Juniper', model: 'MX204', partNumber: 'MX204-HWBASE-AC-FS', uHeight: 1, isFullDepth: true,
    airflow: 'front-to-rear', weight: 8.2, platform: 'Juniper Junos', mgmtInterface: 'em0',
    interfaces: [
      ...ifaces('et-0/0/', 0, 3, '100gbase-x-qsfp28'),
      ...ifaces('xe-0/1/', 0, 7, '10gbase-x-sfpp'),
      { name: 'em0', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'Console', type: 'rj-45' }],
    powerPorts: psu(['PSU0', 'PSU1'], 'iec-60320-c14', 450),
    ...EMPTY,
  },
  {
    key: 'isr4451', manufacturer: 'Cisco', model: 'ISR4451-X', partNumber: 'ISR4451-X/K9', uHeight: 2, isFullDepth: true,
    airflow: 'front-to-rear', weight: 17.7, platform: 'Cisco IOS-XE', mgmtInterface: 'GigabitEthernet0',
    interfaces: [...ifaces('GigabitEthernet0/0/', 0, 3, '1000base-t'), { name: 'GigabitEthernet0', type: '1000base-t', mgmtOnly: true }],
    consolePorts: [{ name: 'con 0', type: 'rj-45' }],
    powerPorts: psu(['PS0', 'PS1'], 'iec-60320-c14', 500),
    ...EMPTY,
  },
  {
    key: 'c8200', manufacturer: 'Cisco', model: 'C8200-1N-4T', partNumber: 'C8200-1N-4T', uHeight: 1, isFullDepth: false,
    airflow: 'side-to-rear', weight: 4.1, platform: 'Cisco IOS-XE', mgmtInterface: null,
    interfaces: ifaces('GigabitEthernet0/0/', 0, 3, '1000base-t'),
    consolePorts: [{ name: 'con 0', type: 'rj-45' }],
    powerPorts: psu(['PS0'], 'iec-60320-c14', 250),
    ...EMPTY,
  },
  {
    key: 'dcs7280', manufacturer: 'Arista', model: 'DCS-7280SR3-48YC8', partNumber: 'DCS-7280SR3-48YC8-F', uHeight: 1,
    isFullDepth: true, airflow: 'front-to-rear', weight: 9.5, platform: 'Arista EOS', mgmtInterface: 'Management1',
    interfaces: [
      ...ifaces('Ethernet', 1, 48, '25gbase-x-sfp28'),
      ...ifaces('Ethernet', 49, 56, '100gbase-x-qsfp28', {}, '/1'),
      { name: 'Management1', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'Console', type: 'rj-45' }],
    powerPorts: psu(['PS1', 'PS2'], 'iec-60320-c14', 400),
    ...EMPTY,
  },
  {
    key: 'dcs7050', manufacturer: 'Arista', model: 'DCS-7050SX3-48YC8', partNumber: 'DCS-7050SX3-48YC8-F', uHeight: 1,
    isFullDepth: true, airflow: 'front-to-rear', weight: 8.9, platform: 'Arista EOS', mgmtInterface: 'Management1',
    interfaces: [
      ...ifaces('Ethernet', 1, 48, '25gbase-x-sfp28'),
      ...ifaces('Ethernet', 49, 56, '100gbase-x-qsfp28', {}, '/1'),
      { name: 'Management1', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'Console', type: 'rj-45' }],
    powerPorts: psu(['PS1', 'PS2'], 'iec-60320-c14', 350),
    ...EMPTY,
  },
  {
    key: 'c9500', manufacturer: 'Cisco', model: 'C9500-24Y4C', partNumber: 'C9500-24Y4C', uHeight: 1, isFullDepth: true,
    airflow: 'front-to-rear', weight: 9.9, platform: 'Cisco IOS-XE', mgmtInterface: 'GigabitEthernet0/0',
    interfaces: [
      ...ifaces('TwentyFiveGigE1/0/', 1, 24, '25gbase-x-sfp28'),
      ...ifaces('HundredGigE1/0/', 25, 28, '100gbase-x-qsfp28'),
      { name: 'GigabitEthernet0/0', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'con 0', type: 'rj-45' }],
    powerPorts: psu(['PS1', 'PS2'], 'iec-60320-c14', 650),
    ...EMPTY,
  },
  {
    key: 'c9300', manufacturer: 'Cisco', model: 'C9300-48P', partNumber: 'C9300-48P-E', uHeight: 1, isFullDepth: true,
    airflow: 'front-to-rear', weight: 7.9, platform: 'Cisco IOS-XE', mgmtInterface: 'GigabitEthernet0/0',
    interfaces: [
      ...ifaces('GigabitEthernet1/0/', 1, 48, '1000base-t', POE),
      ...ifaces('TenGigabitEthernet1/1/', 1, 4, '10gbase-x-sfpp'),
      { name: 'GigabitEthernet0/0', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'con 0', type: 'rj-45' }],
    powerPorts: psu(['PS1', 'PS2'], 'iec-60320-c16', 1100),
    ...EMPTY,
  },
  {
    key: 'c9200l', manufacturer: 'Cisco', model: 'C9200L-24P-4G', partNumber: 'C9200L-24P-4G-E', uHeight: 1, isFullDepth: false,
    airflow: 'side-to-rear', weight: 4.4, platform: 'Cisco IOS-XE', mgmtInterface: null,
    interfaces: [...ifaces('GigabitEthernet1/0/', 1, 24, '1000base-t', POE), ...ifaces('GigabitEthernet1/1/', 1, 4, '1000base-x-sfp')],
    consolePorts: [{ name: 'con 0', type: 'rj-45' }],
    powerPorts: psu(['PS1'], 'iec-60320-c14', 600),
    ...EMPTY,
  },
  {
    key: 'ex4300', manufacturer: 'Juniper', model: 'EX4300-48P', partNumber: 'EX4300-48P', uHeight: 1, isFullDepth: true,
    airflow: 'front-to-rear', weight: 8.4, platform: 'Juniper Junos', mgmtInterface: 'me0',
    interfaces: [
      ...ifaces('ge-0/0/', 0, 47, '1000base-t', POE),
      ...ifaces('xe-0/2/', 0, 3, '10gbase-x-sfpp'),
      { name: 'me0', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'Console', type: 'rj-45' }],
    powerPorts: psu(['PSU0', 'PSU1'], 'iec-60320-c16', 1100),
    ...EMPTY,
  },
  {
    key: 'pa3220', manufacturer: 'Palo Alto Networks', model: 'PA-3220', partNumber: 'PAN-PA-3220', uHeight: 1, isFullDepth: true,
    airflow: 'front-to-rear', weight: 7.3, platform: 'PAN-OS', mgmtInterface: 'mgmt',
    interfaces: [
      ...ifaces('ethernet1/', 1, 12, '1000base-t'),
      ...ifaces('ethernet1/', 13, 16, '10gbase-x-sfpp'),
      { name: 'mgmt', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'Console', type: 'rj-45' }],
    powerPorts: psu(['PS1', 'PS2'], 'iec-60320-c14', 350),
    ...EMPTY,
  },
  {
    key: 'pa440', manufacturer: 'Palo Alto Networks', model: 'PA-440', partNumber: 'PAN-PA-440', uHeight: 0, isFullDepth: false,
    airflow: 'passive', weight: 1.5, platform: 'PAN-OS', mgmtInterface: 'mgmt',
    interfaces: [...ifaces('ethernet1/', 1, 8, '1000base-t'), { name: 'mgmt', type: '1000base-t', mgmtOnly: true }],
    consolePorts: [{ name: 'Console', type: 'rj-45' }],
    powerPorts: psu(['PWR'], 'dc-terminal', 40),
    ...EMPTY,
  },
  {
    key: 'i5800', manufacturer: 'F5', model: 'BIG-IP i5800', partNumber: 'F5-BIG-LTM-I5800', uHeight: 1, isFullDepth: true,
    airflow: 'front-to-rear', weight: 9.1, platform: 'F5 TMOS', mgmtInterface: 'mgmt',
    interfaces: [
      ...ifaces('1.', 1, 8, '10gbase-x-sfpp'),
      ...ifaces('2.', 1, 4, '40gbase-x-qsfpp'),
      { name: 'mgmt', type: '1000base-t', mgmtOnly: true },
    ],
    consolePorts: [{ name: 'Console', type: 'rj-45' }],
    powerPorts: psu(['PSU1', 'PSU2'], 'iec-60320-c14', 400),
    ...EMPTY,
  },
  {
    key: 'ap8868', manufacturer: 'APC', model: 'AP8868', partNumber: 'AP8868', uHeight: 0, isFullDepth: false,
    airflow: null, weight: 7.7, platform: null, mgmtInterface: 'Network',
    interfaces: [{ name: 'Network', type: '1000base-t', mgmtOnly: true }],
    consolePorts: [],
    consoleServerPorts: [],
    powerPorts: [{ name: 'Input', type: 'nema-l6-30p', maximumDraw: 5760, allocatedDraw: null }],
    powerOutlets: [
      ...seq(1, 21, (n) => ({ name: `Outlet ${n}`, type: 'iec-60320-c13', powerPort: 'Input', feedLeg: null })),
      ...seq(22, 24, (n) => ({ name: `Outlet ${n}`, type: 'iec-60320-c19', powerPort: 'Input', feedLeg: null })),
    ],
    rearPorts: [],
    frontPorts: [],
  },
  {
    key: 'ap7900b', manufacturer: 'APC', model: 'AP7900B', partNumber: 'AP7900B', uHeight: 1, isFullDepth: false,
    airflow: null, weight: 2.2, platform: null, mgmtInterface: 'Network',
    interfaces: [{ name: 'Network', type: '100base-tx', mgmtOnly: true }],
    consolePorts: [],
    consoleServerPorts: [],
    powerPorts: [{ name: 'Input', type: 'nema-5-15p', maximumDraw: 1440, allocatedDraw: null }],
    powerOutlets: seq(1, 8, (n) => ({ name: `Outlet ${n}`, type: 'nema-5-15r', powerPort: 'Input', feedLeg: null })),
    rearPorts: [],
    frontPorts: [],
  },
  {
    key: 'cm8148', manufacturer: 'Opengear', model: 'CM8148', partNumber: 'CM8148-2-DAC-US', uHeight: 1, isFullDepth: false,
    airflow: 'front-to-rear', weight: 4.5, platform: 'Opengear OS', mgmtInterface: 'NET1',
    interfaces: [{ name: 'NET1', type: '1000base-t', mgmtOnly: true }, { name: 'NET2', type: '1000base-t' }],
    consolePorts: [],
    consoleServerPorts: seq(1, 48, (n) => ({ name: `Port ${n}`, type: 'rj-45' })),
    powerPorts: psu(['PSU1', 'PSU2'], 'iec-60320-c14', 40),
    powerOutlets: [],
    rearPorts: [],
    frontPorts: [],
  },
  {
    key: 'om2216', manufacturer: 'Opengear', model: 'OM2216-L', partNumber: 'OM2216-L-US', uHeight: 1, isFullDepth: false,
    airflow: 'front-to-rear', weight: 3.6, platform: 'Opengear OS', mgmtInterface: 'NET1',
    interfaces: [{ name: 'NET1', type: '1000base-t', mgmtOnly: true }, { name: 'NET2', type: '1000base-t' }],
    consolePorts: [],
    consoleServerPorts: seq(1, 16, (n) => ({ name: `Port ${n}`, type: 'rj-45' })),
    powerPorts: psu(['PSU1', 'PSU2'], 'iec-60320-c14', 30),
    powerOutlets: [],
    rearPorts: [],
    frontPorts: [],
  },
  {
    key: 'fx-mpo24', manufacturer: 'Panduit', model: 'FLEX 1U MPO-24 LC Panel', partNumber: 'FX1U-MPO24LC', uHeight: 1,
    isFullDepth: false, airflow: null, weight: 1.1, platform: null, mgmtInterface: null,
    interfaces: [],
    consolePorts: [],
    consoleServerPorts: [],
    powerPorts: [],
    powerOutlets: [],
    rearPorts: [{ name: 'MPO 1', type: 'mpo', positions: 24 }],
    frontPorts: seq(1, 24, (n) => ({ name: `Port ${n}`, type: 'lc', rearPort: 'MPO 1', position: n })),
  },
];

export function deviceTypeSpec(key: string): DeviceTypeSpec {
  const spec = DEVICE_TYPES.find((t) => t.key === key);
  if (!spec) throw new Error(`unknown device type ${key}`);
  return spec;
}

export const MANUFACTURERS: readonly { readonly name: string; readonly description: string }[] = [
  { name: 'Cisco', description: 'Campus switching and WAN routing' },
  { name: 'Juniper', description: 'Core routing and warehouse switching' },
  { name: 'Arista', description: 'Data center fabric' },
  { name: 'Palo Alto Networks', description: 'Firewalls' },
  { name: 'F5', description: 'Application delivery' },
  { name: 'APC', description: 'Rack power' },
  { name: 'Opengear', description: 'Out-of-band console access' },
  { name: 'Panduit', description: 'Structured cabling' },
];

export interface RoleSpec {
  readonly name: string;
  /** Short form used in device names (`chi-dc1-cr01`). */
  readonly abbreviation: string;
  readonly color: string;
  readonly vmRole: boolean;
  readonly description: string;
}

export const DEVICE_ROLES: readonly RoleSpec[] = [
  { name: 'Core Router', abbreviation: 'cr', color: 'f44336', vmRole: false, description: 'Data center core and internet edge routing' },
  { name: 'Edge Router', abbreviation: 'er', color: 'e91e63', vmRole: false, description: 'Transit and peering at points of presence' },
  { name: 'Distribution Switch', abbreviation: 'ds', color: '3f51b5', vmRole: false, description: 'Aggregation / spine layer' },
  { name: 'Leaf Switch', abbreviation: 'lf', color: '2196f3', vmRole: false, description: 'Top-of-rack server access' },
  { name: 'Access Switch', abbreviation: 'as', color: '4caf50', vmRole: false, description: 'User and device access' },
  { name: 'Firewall', abbreviation: 'fw', color: 'ff5722', vmRole: false, description: '' },
  { name: 'Load Balancer', abbreviation: 'lb', color: '9c27b0', vmRole: false, description: '' },
  { name: 'WAN Edge', abbreviation: 'wan', color: 'ff9800', vmRole: false, description: 'MPLS and SD-WAN edge' },
  { name: 'Console Server', abbreviation: 'con', color: '795548', vmRole: false, description: 'Out-of-band management' },
  { name: 'PDU', abbreviation: 'pdu', color: '607d8b', vmRole: false, description: 'Switched rack power' },
  { name: 'Patch Panel', abbreviation: 'pp', color: '9e9e9e', vmRole: false, description: '' },
  { name: 'Web Server', abbreviation: 'web', color: '00bcd4', vmRole: true, description: '' },
  { name: 'Application Server', abbreviation: 'app', color: '009688', vmRole: true, description: '' },
  { name: 'Database Server', abbreviation: 'db', color: '8bc34a', vmRole: true, description: '' },
  { name: 'Domain Controller', abbreviation: 'dc', color: 'cddc39', vmRole: true, description: '' },
  { name: 'Kubernetes Node', abbreviation: 'k8s', color: '03a9f4', vmRole: true, description: '' },
  { name: 'Monitoring Server', abbreviation: 'mon', color: 'ffc107', vmRole: true, description: '' },
  { name: 'Backup Server', abbreviation: 'bkp', color: '673ab7', vmRole: true, description: '' },
  { name: 'Jump Host', abbreviation: 'jmp', color: 'aa1409', vmRole: true, description: '' },
];

export const PLATFORMS: readonly { readonly name: string; readonly slug: string; readonly manufacturer: string | null }[] = [
  { name: 'Cisco IOS-XE', slug: 'cisco-ios-xe', manufacturer: 'Cisco' },
  { name: 'Juniper Junos', slug: 'juniper-junos', manufacturer: 'Juniper' },
  { name: 'Arista EOS', slug: 'arista-eos', manufacturer: 'Arista' },
  { name: 'PAN-OS', slug: 'pan-os', manufacturer: 'Palo Alto Networks' },
  { name: 'F5 TMOS', slug: 'f5-tmos', manufacturer: 'F5' },
  { name: 'Opengear OS', slug: 'opengear-os', manufacturer: 'Opengear' },
  { name: 'Ubuntu 22.04 LTS', slug: 'ubuntu-22-04', manufacturer: null },
  { name: 'Ubuntu 24.04 LTS', slug: 'ubuntu-24-04', manufacturer: null },
  { name: 'Red Hat Enterprise Linux 9', slug: 'rhel-9', manufacturer: null },
  { name: 'Debian 12', slug: 'debian-12', manufacturer: null },
  { name: 'Windows Server 2022', slug: 'windows-server-2022', manufacturer: null },
  { name: 'Red Hat CoreOS', slug: 'rhcos', manufacturer: null },
];
