import { z } from 'zod';
import { definePrompt, quoted } from './prompt-definition.ts';

export const ipLookupPrompt = definePrompt({
  name: 'ip_lookup',
  title: 'Look up an IP address',
  description: 'What an IP address is: its prefix, VRF, VLAN, site, the device or VM it is assigned to, and its history.',
  args: { address: z.string().min(1).describe('IP address, e.g. 10.1.2.3 or 10.1.2.3/24') },
  text: ({ address }) =>
    [
      `Tell me what the IP address ${quoted(address)} is in NetBox. Call the tools in this order:`,
      `1. netbox_ip_profile for ${quoted(address)}: the address record, its prefix, VRF, VLAN, site, and the interface, device or VM it is assigned to.`,
      `2. If NetBox has no such address record, say so plainly, and find the prefix that contains it with netbox_get_objects ` +
        `(object_type "ipam.prefix", filters {"contains": ${quoted(address.split('/')[0] ?? address)}}) so I know where it would belong and whether it is free.`,
      '3. If the address is assigned to a device, netbox_device_profile for that device only when I need more than its name, site and interface.',
      `4. netbox_get_changelogs with object_type "ipam.ipaddress" and object ${quoted(address)}, since "90d", if its history matters (who assigned or changed it).`,
      'Answer with what the address is used for, where it lives, and anything odd: no assignment, a status other than active, a DNS name that does not match the device.',
    ].join('\n'),
});
