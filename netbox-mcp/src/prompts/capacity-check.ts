import { z } from 'zod';
import { definePrompt, quoted } from './prompt-definition.ts';

export const capacityCheckPrompt = definePrompt({
  name: 'capacity_check',
  title: 'IP capacity check',
  description: 'How full the address space is: one prefix in detail, or the prefixes that are running out.',
  args: { prefix: z.string().min(1).optional().describe('Prefix to check, e.g. 10.1.0.0/16 (default: all)') },
  text: ({ prefix }) => {
    if (prefix?.trim()) {
      return [
        `Check the capacity of the prefix ${quoted(prefix)} in NetBox. Call the tools in this order:`,
        `1. netbox_prefix_usage for ${quoted(prefix)}: its utilization, child prefixes and free space (which /24s are still free).`,
        `2. netbox_get_objects with object_type "ipam.prefix" and filters {"within": ${quoted(prefix)}} only if I need the child prefixes listed in full.`,
        'Answer with used and free space as numbers and percentages, the largest free blocks, and child prefixes over 80% used.',
      ].join('\n');
    }
    return [
      'Check IP address capacity across NetBox. Call the tools in this order:',
      '1. netbox_prefix_usage to find the prefixes that are over 80% used (its description says how to ask for all prefixes). ' +
        'If it needs one prefix, first list the containers with netbox_get_objects (object_type "ipam.prefix", filters {"status": "container"}) and check each.',
      '2. netbox_count_objects with object_type "ipam.prefix" and group_by "status" for the overall picture.',
      'Answer with the prefixes at risk first (utilization, site, VRF), then the totals.',
    ].join('\n');
  },
});
