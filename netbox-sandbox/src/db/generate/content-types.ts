import type { DatasetBuilder } from './table-builder.ts';

/**
 * The models of NetBox 4.6's apps, in the order their content types get ids here. The API resolves
 * `object_type` strings through `django_content_type`, and generic foreign keys (tagged items, change
 * records, assigned objects, scopes, cable terminations) store these ids.
 */
const MODELS: Readonly<Record<string, readonly string[]>> = {
  circuits: [
    'circuit', 'circuitgroup', 'circuitgroupassignment', 'circuittermination', 'circuittype', 'provider',
    'provideraccount', 'providernetwork', 'virtualcircuit', 'virtualcircuittermination', 'virtualcircuittype',
  ],
  core: ['autosyncrecord', 'configrevision', 'datafile', 'datasource', 'job', 'managedfile', 'objectchange', 'objecttype'],
  dcim: [
    'cable', 'cablebundle', 'cablepath', 'cabletermination', 'consoleport', 'consoleporttemplate', 'consoleserverport',
    'consoleserverporttemplate', 'device', 'devicebay', 'devicebaytemplate', 'devicerole', 'devicetype', 'frontport',
    'frontporttemplate', 'interface', 'interfacetemplate', 'inventoryitem', 'inventoryitemrole', 'inventoryitemtemplate',
    'location', 'macaddress', 'manufacturer', 'module', 'modulebay', 'modulebaytemplate', 'moduletype', 'moduletypeprofile',
    'platform', 'powerfeed', 'poweroutlet', 'poweroutlettemplate', 'powerpanel', 'powerport', 'powerporttemplate', 'rack',
    'rackgroup', 'rackreservation', 'rackrole', 'racktype', 'rearport', 'rearporttemplate', 'region', 'site', 'sitegroup',
    'virtualchassis', 'virtualdevicecontext',
  ],
  extras: [
    'bookmark', 'configcontext', 'configcontextprofile', 'configtemplate', 'customfield', 'customfieldchoiceset',
    'customlink', 'dashboard', 'eventrule', 'exporttemplate', 'imageattachment', 'journalentry', 'notification',
    'notificationgroup', 'savedfilter', 'script', 'scriptmodule', 'subscription', 'tableconfig', 'tag', 'taggeditem',
    'webhook',
  ],
  ipam: [
    'aggregate', 'asn', 'asnrange', 'fhrpgroup', 'fhrpgroupassignment', 'ipaddress', 'iprange', 'prefix', 'rir', 'role',
    'routetarget', 'service', 'servicetemplate', 'vlan', 'vlangroup', 'vlantranslationpolicy', 'vlantranslationrule', 'vrf',
  ],
  tenancy: ['contact', 'contactassignment', 'contactgroup', 'contactrole', 'tenant', 'tenantgroup'],
  users: ['group', 'objectpermission', 'owner', 'ownergroup', 'token', 'user', 'userconfig'],
  virtualization: [
    'cluster', 'clustergroup', 'clustertype', 'virtualdisk', 'virtualmachine', 'virtualmachinetype', 'vminterface',
  ],
  vpn: [
    'ikepolicy', 'ikeproposal', 'ipsecpolicy', 'ipsecprofile', 'ipsecproposal', 'l2vpn', 'l2vpntermination', 'tunnel',
    'tunnelgroup', 'tunneltermination',
  ],
  wireless: ['wirelesslan', 'wirelesslangroup', 'wirelesslink'],
};

/** Content type ids by `app_label.model`. */
export class ContentTypes {
  private readonly ids = new Map<string, number>();

  constructor(db: DatasetBuilder) {
    const table = db.table('django_content_type');
    for (const [app, models] of Object.entries(MODELS)) {
      for (const model of models) {
        const row = table.add({ app_label: app, model });
        this.ids.set(`${app}.${model}`, row.id as number);
      }
    }
  }

  id(key: string): number {
    const id = this.ids.get(key);
    if (id === undefined) throw new Error(`unknown content type ${key}`);
    return id;
  }
}

/** The content type of each table whose rows can be the target of a generic foreign key. */
export function modelKeyOfTable(table: string): string {
  const cut = table.indexOf('_');
  return `${table.slice(0, cut)}.${table.slice(cut + 1)}`;
}
