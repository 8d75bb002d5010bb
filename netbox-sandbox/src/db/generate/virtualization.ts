import type { GenerationContext } from './context.ts';
import type { Catalog } from './dcim-types.ts';
import { catalogId } from './dcim-types.ts';
import { COMPANY_DOMAIN, slugify } from './names.ts';
import { naturalizeInterface } from './naturalize.ts';
import type { Organization, SiteInfo } from './organization.ts';
import type { PrefixPool } from './prefix-pool.ts';
import type { AddressPlan } from './prefixes.ts';
import type { Random } from './random.ts';
import { CLOUD_TENANT_ID, CORPORATE_TENANT_ID, RESTRICTED_TENANT_ID } from './tenancy.ts';
import type { Tenancy } from './tenancy.ts';
import { MICROS_PER_DAY } from './timestamps.ts';
import type { SiteVlans } from './vlans.ts';

type TenantRole = 'corporate' | 'cloud' | 'retail' | 'customer';

interface ClusterBlueprint {
  readonly suffix: string;
  readonly type: string;
  readonly group: string;
  readonly tenant: TenantRole;
  readonly vms: number;
  /** Site segment the VMs get addresses from, `customer` for the customer's VRF, null for none. */
  readonly segment: string | null;
  /** Share of the VMs that get an address. */
  readonly addressed: number;
  readonly apps: readonly string[];
}

const DC_CLUSTERS: readonly ClusterBlueprint[] = [
  { suffix: 'vsphere-prod-01', type: 'VMware vSphere', group: 'Production', tenant: 'cloud', vms: 9, segment: 'APP', addressed: 0.35, apps: ['app', 'api', 'mq', 'erp'] },
  { suffix: 'vsphere-prod-02', type: 'VMware vSphere', group: 'Production', tenant: 'cloud', vms: 9, segment: 'WEB', addressed: 0.35, apps: ['web', 'api', 'web'] },
  { suffix: 'vsphere-nonprod', type: 'VMware vSphere', group: 'Non-Production', tenant: 'corporate', vms: 7, segment: null, addressed: 0, apps: ['app', 'web', 'pg'] },
  { suffix: 'retail-pos', type: 'VMware vSphere', group: 'Production', tenant: 'retail', vms: 5, segment: 'DB', addressed: 0.5, apps: ['pos', 'sql', 'pos'] },
  { suffix: 'openshift-01', type: 'Red Hat OpenShift', group: 'Production', tenant: 'cloud', vms: 6, segment: null, addressed: 0, apps: ['ocp'] },
  { suffix: 'infra', type: 'Nutanix AHV', group: 'Infrastructure', tenant: 'corporate', vms: 26, segment: 'VM-INFRA', addressed: 1, apps: ['dns', 'dc', 'mon', 'log', 'ntp', 'jump', 'bkp', 'radius'] },
  { suffix: 'hosting-01', type: 'VMware vSphere', group: 'Customer Hosting', tenant: 'customer', vms: 5, segment: 'customer', addressed: 0.6, apps: ['web', 'app', 'sql'] },
  { suffix: 'backup', type: 'Proxmox VE', group: 'Infrastructure', tenant: 'corporate', vms: 2, segment: null, addressed: 0, apps: ['bkp'] },
  { suffix: 'vdi', type: 'VMware vSphere', group: 'Production', tenant: 'corporate', vms: 4, segment: null, addressed: 0, apps: ['vdi'] },
];

const SITE_CLUSTERS: Readonly<Partial<Record<SiteInfo['kind'], readonly ClusterBlueprint[]>>> = {
  dc: DC_CLUSTERS,
  hq: [
    { suffix: 'edge', type: 'Nutanix AHV', group: 'Infrastructure', tenant: 'corporate', vms: 4, segment: null, addressed: 0, apps: ['dc', 'print', 'mon'] },
    { suffix: 'lab', type: 'Proxmox VE', group: 'Lab', tenant: 'corporate', vms: 3, segment: null, addressed: 0, apps: ['lab'] },
  ],
  office: [{ suffix: 'edge', type: 'Nutanix AHV', group: 'Infrastructure', tenant: 'corporate', vms: 2, segment: null, addressed: 0, apps: ['dc', 'print'] }],
  warehouse: [{ suffix: 'edge', type: 'Nutanix AHV', group: 'Infrastructure', tenant: 'corporate', vms: 2, segment: null, addressed: 0, apps: ['wms', 'print'] }],
};

const CLOUD_CLUSTERS: readonly { readonly name: string; readonly type: string; readonly country: string; readonly group: string }[] = [
  { name: 'aws-us-east-1-prod', type: 'Amazon Web Services', country: 'United States', group: 'Public Cloud' },
  { name: 'aws-eu-central-1-prod', type: 'Amazon Web Services', country: 'Germany', group: 'Public Cloud' },
  { name: 'azure-westeurope-prod', type: 'Microsoft Azure', country: 'Netherlands', group: 'Public Cloud' },
  { name: 'aws-ap-southeast-1-prod', type: 'Amazon Web Services', country: 'Singapore', group: 'Public Cloud' },
  { name: 'azure-eastus-dev', type: 'Microsoft Azure', country: 'United States', group: 'Non-Production' },
];

const CLUSTER_TYPES = ['VMware vSphere', 'Nutanix AHV', 'Proxmox VE', 'Red Hat OpenShift', 'Amazon Web Services', 'Microsoft Azure'];
const CLUSTER_GROUPS = ['Production', 'Non-Production', 'Infrastructure', 'Customer Hosting', 'Lab', 'Public Cloud'];

const APP_ROLES: Readonly<Record<string, string>> = {
  web: 'Web Server', app: 'Application Server', api: 'Application Server', mq: 'Application Server', erp: 'Application Server',
  pos: 'Application Server', wms: 'Application Server', sql: 'Database Server', pg: 'Database Server', dc: 'Domain Controller',
  mon: 'Monitoring Server', log: 'Monitoring Server', ntp: 'Application Server', dns: 'Application Server', jump: 'Jump Host',
  bkp: 'Backup Server', radius: 'Application Server', ocp: 'Kubernetes Node', vdi: 'Application Server', print: 'Application Server',
  lab: 'Application Server',
};

interface ClusterInfo {
  readonly id: number;
  readonly name: string;
  readonly site: SiteInfo | null;
  readonly tenantId: number;
  readonly created: number;
  readonly blueprint: ClusterBlueprint;
  readonly pool: PrefixPool | null;
  readonly vlanId: number | null;
}

function platformFor(rng: Random, app: string): string {
  if (app === 'dc' || app === 'sql' || app === 'print' || app === 'vdi') return 'Windows Server 2022';
  if (app === 'ocp') return 'Red Hat CoreOS';
  return rng.weighted([
    ['Ubuntu 22.04 LTS', 4],
    ['Ubuntu 24.04 LTS', 3],
    ['Red Hat Enterprise Linux 9', 3],
    ['Debian 12', 1],
  ]);
}

function vmStatus(rng: Random): string {
  return rng.weighted([
    ['active', 86],
    ['offline', 5],
    ['planned', 3],
    ['staged', 2],
    ['decommissioning', 4],
  ]);
}

export function generateVirtualization(
  ctx: GenerationContext,
  org: Organization,
  tenancy: Tenancy,
  catalog: Catalog,
  plan: AddressPlan,
  vlans: SiteVlans,
): void {
  const rng = ctx.random('virtualization');
  const db = ctx.db;
  const setup = ctx.time.day(12);
  const typeIds = new Map<string, number>();
  for (const name of CLUSTER_TYPES) {
    typeIds.set(name, db.table('virtualization_clustertype').add({ ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 3600)), name, slug: slugify(name) }).id as number);
  }
  const groupIds = new Map<string, number>();
  for (const name of CLUSTER_GROUPS) {
    groupIds.set(name, db.table('virtualization_clustergroup').add({ ...ctx.time.stamps(rng, ctx.time.soonAfter(rng, setup, 3600)), name, slug: slugify(name) }).id as number);
  }

  const clusters: ClusterInfo[] = [];
  const siteType = ctx.ct.id('dcim.site');
  const regionType = ctx.ct.id('dcim.region');
  let customerCursor = 0;
  const tenantFor = (role: TenantRole): number => {
    if (role === 'corporate') return CORPORATE_TENANT_ID;
    if (role === 'cloud') return CLOUD_TENANT_ID;
    if (role === 'retail') return RESTRICTED_TENANT_ID;
    const customer = tenancy.customers[customerCursor++ % tenancy.customers.length];
    return customer ? customer.tenantId : CORPORATE_TENANT_ID;
  };
  for (const site of org.sites) {
    if (site.status === 'planned') continue;
    for (const blueprint of SITE_CLUSTERS[site.kind] ?? []) {
      const created = ctx.time.after(rng, site.created, 30);
      const tenantId = tenantFor(blueprint.tenant);
      const row = db.table('virtualization_cluster').add({
        ...ctx.time.stamps(rng, created),
        name: `${site.slug}-${blueprint.suffix}`,
        group_id: groupIds.get(blueprint.group) ?? null,
        tenant_id: tenantId,
        type_id: typeIds.get(blueprint.type),
        status: site.status === 'decommissioning' ? 'decommissioning' : 'active',
        description: `${blueprint.type} ${blueprint.group.toLowerCase()} cluster`,
        scope_type_id: siteType,
        scope_id: site.id,
        _region_id: site.regionId,
        _site_id: site.id,
        _site_group_id: site.groupId,
      });
      const segment = blueprint.segment;
      const pool = segment === null ? null : segment === 'customer' ? (plan.customerPools.get(tenantId) ?? null) : (plan.sitePools.get(site.id)?.get(segment) ?? null);
      const vlanId = segment === null || segment === 'customer' ? null : (vlans.get(site.id)?.get(segment)?.id ?? null);
      clusters.push({ id: row.id as number, name: String(row.name), site, tenantId, created, blueprint, pool, vlanId });
    }
  }
  for (let round = 0; round < ctx.scale; round++) {
    for (const cloud of CLOUD_CLUSTERS) {
      const created = ctx.time.day(200 + round * (600 / ctx.scale) + rng.int(0, 120));
      const regionId = org.regionIdByCountry.get(cloud.country) ?? null;
      const name = round === 0 ? cloud.name : `${cloud.name}-${String(round + 1).padStart(2, '0')}`;
      const row = db.table('virtualization_cluster').add({
        ...ctx.time.stamps(rng, created),
        name,
        group_id: groupIds.get(cloud.group) ?? null,
        tenant_id: CLOUD_TENANT_ID,
        type_id: typeIds.get(cloud.type),
        status: 'active',
        description: `${cloud.type} account`,
        scope_type_id: regionId === null ? null : regionType,
        scope_id: regionId,
        _region_id: regionId,
      });
      const blueprint: ClusterBlueprint = { suffix: name, type: cloud.type, group: cloud.group, tenant: 'cloud', vms: 4, segment: null, addressed: 0, apps: ['web', 'api', 'app', 'pg'] };
      clusters.push({ id: row.id as number, name, site: null, tenantId: CLOUD_TENANT_ID, created, blueprint, pool: null, vlanId: null });
    }
  }
  addVirtualMachines(ctx, rng, clusters, catalog);
}

function addVirtualMachines(ctx: GenerationContext, rng: Random, clusters: readonly ClusterInfo[], catalog: Catalog): void {
  const db = ctx.db;
  const vmTable = db.table('virtualization_virtualmachine');
  const ifTable = db.table('virtualization_vminterface');
  const ipTable = db.table('ipam_ipaddress');
  const vmInterfaceType = ctx.ct.id('virtualization.vminterface');
  const total = clusters.reduce((n, c) => n + c.blueprint.vms, 0);
  // VMs arrive steadily over the years, so the newest few fall inside the change window.
  const times: number[] = [];
  for (let i = 0; i < total; i++) times.push(ctx.time.between(rng, ctx.time.day(60), ctx.time.anchor - 2 * MICROS_PER_DAY));
  times.sort((a, b) => a - b);
  let vmIndex = 0;
  const counters = new Map<string, number>();
  for (const cluster of clusters) {
    const prefix = cluster.site ? cluster.site.slug : cluster.name.split('-').slice(0, 2).join('-');
    for (let i = 0; i < cluster.blueprint.vms; i++) {
      const app = cluster.blueprint.apps[i % cluster.blueprint.apps.length] ?? 'app';
      const baseName = app === 'ocp' ? `${prefix}-ocp-${i < 3 ? 'master' : 'worker'}` : `${prefix}-${app}`;
      const n = (counters.get(baseName) ?? 0) + 1;
      counters.set(baseName, n);
      const name = `${baseName}-${String(n).padStart(2, '0')}`;
      const created = Math.max(times[vmIndex++] ?? ctx.time.anchor, cluster.created + MICROS_PER_DAY);
      const platform = platformFor(rng, app);
      const windows = platform.startsWith('Windows');
      const status = vmStatus(rng);
      const vcpus = rng.pick([2, 2, 4, 4, 4, 8, 8, 16]);
      const interfaceCount = app === 'sql' || app === 'pg' || app === 'bkp' || app === 'ocp' ? 2 : 1;
      const vm = vmTable.add({
        ...ctx.time.stamps(rng, created),
        name,
        status,
        vcpus,
        memory: vcpus * rng.pick([2048, 4096, 8192]),
        disk: rng.pick([40, 60, 80, 100, 200, 500]) * 1024,
        cluster_id: cluster.id,
        platform_id: catalogId(catalog.platformIds, platform),
        role_id: catalogId(catalog.roleIds, APP_ROLES[app] ?? 'Application Server'),
        tenant_id: cluster.tenantId,
        site_id: cluster.site?.id ?? null,
        description: app === 'ocp' ? 'OpenShift node' : '',
        interface_count: interfaceCount,
      });
      const vmId = vm.id as number;
      const stamp = { created: vm.created, last_updated: vm.created };
      let firstInterface = 0;
      for (let k = 0; k < interfaceCount; k++) {
        const ifName = windows ? `Ethernet${k}` : app === 'ocp' ? `ens${192 + k * 32}` : `eth${k}`;
        const row = ifTable.add({
          ...stamp,
          name: ifName,
          _name: naturalizeInterface(ifName),
          description: k === 0 ? '' : 'Backup / storage network',
          mode: k === 0 && cluster.vlanId !== null ? 'access' : null,
          untagged_vlan_id: k === 0 ? cluster.vlanId : null,
          virtual_machine_id: vmId,
        });
        if (k === 0) firstInterface = row.id as number;
      }
      const addressed = cluster.pool !== null && status !== 'planned' && (cluster.blueprint.addressed >= 1 || rng.chance(cluster.blueprint.addressed));
      if (addressed && cluster.pool) {
        const address = cluster.pool.next();
        if (address !== null) {
          const ip = ipTable.add({
            ...stamp,
            address,
            status: status === 'decommissioning' ? 'deprecated' : rng.chance(0.08) ? 'dhcp' : 'active',
            assigned_object_type_id: vmInterfaceType,
            assigned_object_id: firstInterface,
            dns_name: `${name}.${COMPANY_DOMAIN}`,
            tenant_id: cluster.tenantId,
            vrf_id: cluster.pool.vrfId,
          });
          vm.primary_ip4_id = ip.id;
        }
      }
    }
  }
}
