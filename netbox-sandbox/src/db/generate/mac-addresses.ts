import type { Row } from '../dataset.ts';
import type { GenerationContext } from './context.ts';
import type { DeviceInfo } from './devices.ts';
import type { Random } from './random.ts';

/** Organisationally unique identifiers by vendor (hypervisor vendors for virtual NICs). */
const OUIS: Readonly<Record<string, string>> = {
  Cisco: 'a4:4c:11',
  Juniper: '3c:61:04',
  Arista: '44:4c:a8',
  'Palo Alto Networks': 'b4:0c:25',
  F5: '00:94:a1',
  APC: '00:c0:b7',
  Opengear: '00:13:c6',
  'VMware vSphere': '00:50:56',
  'Nutanix AHV': '50:6b:8d',
  'Proxmox VE': 'bc:24:11',
  'Red Hat OpenShift': '52:54:00',
  'Amazon Web Services': '0e:8a:3c',
  'Microsoft Azure': '00:0d:3a',
};

class MacMaker {
  private readonly used = new Set<string>();

  private readonly rng: Random;

  constructor(rng: Random) {
    this.rng = rng;
  }

  make(oui: string): string {
    for (;;) {
      const mac = `${oui}:${this.rng.hex(2)}:${this.rng.hex(2)}:${this.rng.hex(2)}`;
      if (!this.used.has(mac)) {
        this.used.add(mac);
        return mac;
      }
    }
  }
}

/**
 * MAC addresses (NetBox 4.2+ keeps them as objects) on management and addressed device interfaces and on
 * every VM interface, each set as its interface's primary MAC.
 */
export function generateMacAddresses(ctx: GenerationContext, devices: readonly DeviceInfo[]): void {
  const rng = ctx.random('mac-addresses');
  const maker = new MacMaker(rng);
  const macs = ctx.db.table('dcim_macaddress');
  const interfaceType = ctx.ct.id('dcim.interface');
  const vmInterfaceType = ctx.ct.id('virtualization.vminterface');
  const addressed = new Set<unknown>();
  for (const ip of ctx.db.rows('ipam_ipaddress')) {
    if (ip.assigned_object_type_id === interfaceType) addressed.add(ip.assigned_object_id);
  }
  const interfaces = ctx.db.table('dcim_interface');
  const assign = (row: Row, oui: string, type: number): void => {
    const mac = macs.add({
      created: row.created,
      last_updated: row.created,
      mac_address: maker.make(oui),
      assigned_object_type_id: type,
      assigned_object_id: row.id,
    });
    row.primary_mac_address_id = mac.id;
  };
  for (const device of devices) {
    const oui = OUIS[device.spec.manufacturer] ?? '02:00:00';
    for (const [name, id] of device.interfaces) {
      const row = interfaces.get(id);
      if (row.type === 'virtual' || row.type === 'lag') continue;
      if (name === device.spec.mgmtInterface || addressed.has(id)) assign(row, oui, interfaceType);
    }
  }
  const clusterType = new Map<unknown, string>();
  const typeNames = new Map<unknown, string>();
  for (const t of ctx.db.rows('virtualization_clustertype')) typeNames.set(t.id, String(t.name));
  for (const c of ctx.db.rows('virtualization_cluster')) clusterType.set(c.id, typeNames.get(c.type_id) ?? '');
  const vmCluster = new Map<unknown, unknown>();
  for (const vm of ctx.db.rows('virtualization_virtualmachine')) vmCluster.set(vm.id, vm.cluster_id);
  for (const row of ctx.db.rows('virtualization_vminterface')) {
    const oui = OUIS[clusterType.get(vmCluster.get(row.virtual_machine_id)) ?? ''] ?? '02:00:00';
    assign(row, oui, vmInterfaceType);
  }
}
