import { z } from 'zod';
import { definePrompt, quoted } from './prompt-definition.ts';

export const investigateDevicePrompt = definePrompt({
  name: 'investigate_device',
  title: 'Investigate a device',
  description: 'Everything about one device: where it is, its interfaces, IPs, cabling, what depends on it, and recent changes.',
  args: { device: z.string().min(1).describe('Device name (or id)') },
  text: ({ device }) =>
    [
      `Investigate the NetBox device ${quoted(device)}. Call the tools in this order:`,
      `1. netbox_device_profile for ${quoted(device)}: site, rack, role, type, platform, status, primary IPs, interfaces with their IPs, VLANs and cable peers. ` +
        'If it answers OBJECT_NOT_FOUND or AMBIGUOUS_NAME, call netbox_search_objects with the name, pick the match (ask me if several fit) and retry with its id.',
      `2. netbox_related_objects for the device: what depends on it (VMs or clusters, circuits, IP addresses, VLANs).`,
      `3. netbox_get_changelogs with object_type "dcim.device", object ${quoted(device)} and since "30d", when the profile's recent changes do not cover ` +
        'what I asked: who changed it and which fields.',
      '4. Only if something needs more detail: netbox_get_objects (e.g. object_type "dcim.interface" with filters {"device": <name>}) or netbox_get_object_by_id.',
      'Answer with a short summary (what it is, where, status), then anything that needs attention: disabled or uncabled interfaces, a missing primary IP, ' +
        'a status other than active, recent changes.',
    ].join('\n'),
});
