import { z } from 'zod';
import { definePrompt, quoted } from './prompt-definition.ts';

export const siteOverviewPrompt = definePrompt({
  name: 'site_overview',
  title: 'Site overview',
  description: 'A site at a glance: devices by role and status, racks, prefixes, VLANs, circuits and tenants.',
  args: { site: z.string().min(1).describe('Site name or slug') },
  text: ({ site }) => {
    const filter = `{"site": ${quoted(site)}}`;
    return [
      `Give me an overview of the NetBox site ${quoted(site)}. Call the tools in this order:`,
      `1. netbox_get_objects with object_type "dcim.site" and filters {"name": ${quoted(site)}} (if none, netbox_search_objects with the name) for its region, status, tenant, facility and address.`,
      `2. netbox_related_objects for the site: how many racks, devices, prefixes, VLANs, circuits and VMs it holds.`,
      `3. netbox_count_objects with object_type "dcim.device", filters ${filter} and group_by ["role", "status"].`,
      `4. netbox_get_objects with filters ${filter} for object_type "ipam.prefix", then "ipam.vlan", then "circuits.circuittermination" (fields that matter only).`,
      `5. netbox_get_changelogs with since "7d" only if I ask what changed there.`,
      'Answer with a compact overview: counts first, then the notable items (devices not active, prefixes nearly full, circuits and their providers).',
    ].join('\n');
  },
});
