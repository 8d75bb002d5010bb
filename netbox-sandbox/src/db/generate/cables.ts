import { Cabler, port } from './cabler.ts';
import type { CableOptions, Termination } from './cabler.ts';
import type { GenerationContext } from './context.ts';
import type { DeviceInfo } from './devices.ts';
import type { SiteInfo } from './organization.ts';
import type { Random } from './random.ts';
import type { TableBuilder } from './table-builder.ts';

type Link = readonly [string, string, string, string];

/** Device-to-device links per kind of site: [device, interface, device, interface] by device-name suffix. */
function siteLinks(site: SiteInfo): readonly Link[] {
  switch (site.kind) {
    case 'dc':
      return [
        ['cr01', 'et-0/0/0', 'ds01', 'Ethernet49/1'],
        ['cr01', 'et-0/0/1', 'ds02', 'Ethernet49/1'],
        ['cr02', 'et-0/0/0', 'ds02', 'Ethernet50/1'],
        ['cr02', 'et-0/0/1', 'ds01', 'Ethernet50/1'],
        ['cr01', 'et-0/0/3', 'cr02', 'et-0/0/3'],
        ['cr01', 'xe-0/1/0', 'fw01', 'ethernet1/13'],
        ['cr02', 'xe-0/1/0', 'fw02', 'ethernet1/13'],
        ['fw01', 'ethernet1/14', 'ds01', 'Ethernet20'],
        ['fw02', 'ethernet1/14', 'ds02', 'Ethernet20'],
        ['fw01', 'ethernet1/16', 'fw02', 'ethernet1/16'],
        ['ds01', 'Ethernet47', 'ds02', 'Ethernet47'],
        ['ds01', 'Ethernet48', 'ds02', 'Ethernet48'],
        ['lb01', '1.1', 'ds01', 'Ethernet10'],
        ['lb01', '1.2', 'ds02', 'Ethernet10'],
        ['lb02', '1.1', 'ds01', 'Ethernet11'],
        ['lb02', '1.2', 'ds02', 'Ethernet11'],
        ['lf02', 'Ethernet49/1', 'ds01', 'Ethernet2'],
        ['lf02', 'Ethernet50/1', 'ds02', 'Ethernet2'],
        ['wan01', 'GigabitEthernet0/0/0', 'cr01', 'xe-0/1/1'],
      ];
    case 'hq':
      return [
        ['ds01', 'HundredGigE1/0/27', 'ds02', 'HundredGigE2/0/27'],
        ['ds01', 'HundredGigE1/0/28', 'ds02', 'HundredGigE2/0/28'],
        ['as01', 'TenGigabitEthernet1/1/1', 'ds01', 'TwentyFiveGigE1/0/1'],
        ['as02', 'TenGigabitEthernet2/1/1', 'ds02', 'TwentyFiveGigE2/0/1'],
        ['as03', 'TenGigabitEthernet1/1/1', 'ds01', 'TwentyFiveGigE1/0/2'],
        ['as03', 'TenGigabitEthernet1/1/2', 'ds02', 'TwentyFiveGigE2/0/2'],
        ['fw01', 'ethernet1/13', 'ds01', 'TwentyFiveGigE1/0/10'],
        ['fw01', 'ethernet1/14', 'ds02', 'TwentyFiveGigE2/0/10'],
        ['wan01', 'GigabitEthernet0/0/0', 'fw01', 'ethernet1/1'],
      ];
    case 'office':
      return [
        ['wan01', 'GigabitEthernet0/0/1', 'fw01', 'ethernet1/1'],
        ['as01', 'GigabitEthernet1/0/48', 'fw01', 'ethernet1/2'],
      ];
    case 'warehouse':
      return [
        ['as01', 'ge-0/0/47', 'wan01', 'GigabitEthernet0/0/1'],
        ['as02', 'ge-1/0/47', 'wan01', 'GigabitEthernet0/0/2'],
      ];
    case 'branch':
      return site.variant === 'full' ? [['wan01', 'GigabitEthernet0/0/1', 'as01', 'GigabitEthernet1/1/1']] : [];
    case 'pop':
      return [];
  }
}

/** Leaf uplinks that run through the data center's structured cabling: leaf port, panel port, spine, spine port. */
const PANEL_LINKS: readonly Link[] = [
  ['lf01', 'Ethernet49/1', 'ds01', 'Ethernet1'],
  ['lf01', 'Ethernet50/1', 'ds02', 'Ethernet1'],
];

export function cableStatus(site: SiteInfo): string {
  if (site.status === 'staging' || site.status === 'planned') return 'planned';
  if (site.status === 'decommissioning') return 'decommissioning';
  return 'connected';
}

function dataCableType(a: Termination): string {
  const row = a.device?.spec.interfaces.find((i) => a.device?.interfaces.get(i.name) === a.id);
  const type = row?.type ?? '1000base-t';
  if (type.includes('qsfp28')) return 'mmf-om4';
  if (type.includes('sfp') || type.includes('qsfp')) return 'dac-passive';
  return 'cat6';
}

class SiteCabling {
  private labelCounter = 0;

  private readonly interfaces: TableBuilder;
  private readonly cabler: Cabler;
  private readonly rng: Random;
  private readonly site: SiteInfo;
  private readonly devices: readonly DeviceInfo[];
  private readonly created: number;

  constructor(
    interfaces: TableBuilder,
    cabler: Cabler,
    rng: Random,
    site: SiteInfo,
    devices: readonly DeviceInfo[],
    created: number,
  ) {
    this.interfaces = interfaces;
    this.cabler = cabler;
    this.rng = rng;
    this.site = site;
    this.devices = devices;
    this.created = created;
  }

  device(suffix: string): DeviceInfo | undefined {
    return this.devices.find((d) => d.name.endsWith(`-${suffix}`));
  }

  options(type: string, sameRack: boolean): CableOptions {
    const labelled = this.site.kind === 'dc' || this.site.kind === 'hq';
    this.labelCounter += 1;
    const measured = this.rng.chance(0.7);
    const metric = this.site.metro.country !== 'United States';
    const meters = sameRack ? 0.5 + this.rng.int(0, 5) * 0.5 : 3 + this.rng.int(0, 24) * 0.5;
    return {
      type,
      status: cableStatus(this.site),
      created: this.created + this.labelCounter * 1_000_000 * this.rng.int(1, 90),
      label: labelled ? `${this.site.name}-${String(this.labelCounter).padStart(4, '0')}` : '',
      length: measured ? (metric ? meters : Math.round(meters * 3.28084)) : null,
      unit: metric ? 'm' : 'ft',
    };
  }

  connect(a: Termination, b: Termination, type: string): void {
    this.cabler.connect(a, b, this.options(type, a.device?.rack?.id === b.device?.rack?.id));
  }

  links(list: readonly Link[]): void {
    for (const [da, ia, db, ib] of list) {
      const a = this.device(da);
      const b = this.device(db);
      if (!a || !b) continue;
      const ta = port(a, 'interface', ia);
      this.connect(ta, port(b, 'interface', ib), dataCableType(ta));
      this.describe(a, ia, b, ib);
      this.describe(b, ib, a, ia);
    }
  }

  /** Engineers label links with the far end, which is what people search interface descriptions for. */
  private describe(device: DeviceInfo, name: string, peer: DeviceInfo, peerName: string): void {
    const id = device.interfaces.get(name);
    if (id === undefined) return;
    const row = this.interfaces.get(id);
    if (row.description === '') row.description = `${peer.name} ${peerName}`;
  }

  panels(): void {
    const leafPanel = this.device('pp02');
    const spinePanel = this.device('pp01');
    if (!leafPanel || !spinePanel) return;
    this.cabler.connect(port(leafPanel, 'rearport', 'MPO 1'), port(spinePanel, 'rearport', 'MPO 1'), {
      ...this.options('mmf-om4', false),
      length: 20,
      unit: 'm',
      description: 'Row A trunk R03-R01',
    });
    PANEL_LINKS.forEach(([leaf, leafPort, spine, spinePort], index) => {
      const l = this.device(leaf);
      const s = this.device(spine);
      if (!l || !s) return;
      const panelPort = `Port ${index + 1}`;
      this.connect(port(l, 'interface', leafPort), port(leafPanel, 'frontport', panelPort), 'mmf-om4');
      this.connect(port(spinePanel, 'frontport', panelPort), port(s, 'interface', spinePort), 'mmf-om4');
    });
  }

  console(): void {
    const server = this.devices.find((d) => d.role === 'Console Server');
    if (!server) return;
    let next = 1;
    for (const device of this.devices) {
      for (const name of device.consolePorts.keys()) {
        if (next > server.consoleServerPorts.size) return;
        this.connect(port(server, 'consoleserverport', `Port ${next}`), port(device, 'consoleport', name), 'cat6');
        next += 1;
      }
    }
  }

  power(): void {
    const pdus = this.devices.filter((d) => d.role === 'PDU');
    for (const pdu of pdus) {
      let next = 1;
      for (const device of this.devices) {
        if (device === pdu || device.rack?.id !== pdu.rack?.id) continue;
        for (const name of device.powerPorts.keys()) {
          if (next > pdu.powerOutlets.size) break;
          this.connect(port(device, 'powerport', name), port(pdu, 'poweroutlet', `Outlet ${next}`), 'power');
          next += 1;
        }
      }
    }
  }
}

/** Cables inside every site: fabric and uplinks, patch-panel runs, console and power. */
export function cableSites(ctx: GenerationContext, devices: readonly DeviceInfo[]): Cabler {
  const rng = ctx.random('cables');
  const cabler = new Cabler(ctx);
  const bySite = new Map<number, DeviceInfo[]>();
  for (const device of devices) {
    const list = bySite.get(device.site.id);
    if (list) list.push(device);
    else bySite.set(device.site.id, [device]);
  }
  for (const siteDevices of bySite.values()) {
    const first = siteDevices[0];
    if (!first) continue;
    const latest = Math.max(...siteDevices.map((d) => d.created));
    const site = new SiteCabling(ctx.db.table('dcim_interface'), cabler, rng, first.site, siteDevices, ctx.time.after(rng, latest, 3));
    site.links(siteLinks(first.site));
    if (first.site.kind === 'dc') site.panels();
    site.console();
    site.power();
  }
  return cabler;
}
