import { z } from 'zod';
import { NetboxMcpError } from '../errors.ts';
import { prefixDetail } from './prefix-usage-detail.ts';
import { prefixUtilizationTable } from './prefix-usage-table.ts';
import { intArg, nameOrIdArg, numberArg, objectArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';

export const prefixUsageTool = defineTool({
  name: 'netbox_prefix_usage',
  title: 'Prefix utilization and free space',
  description:
    'With prefix: its utilization (as NetBox computes it), child prefixes, free space as CIDR blocks, and with free_size the free /N blocks. ' +
    'Without prefix: utilization of every prefix matching filters, at or above min_utilization, busiest first.',
  input: {
    prefix: nameOrIdArg().optional().describe('CIDR (10.1.0.0/16) or prefix id'),
    vrf: z.string().optional().describe('VRF name, or "global"'),
    free_size: intArg(1, 128).optional().describe('List free blocks of this length, e.g. 24'),
    min_utilization: numberArg(0, 100).optional().describe('Percent; only prefixes at or above it (no prefix)'),
    filters: objectArg().optional().describe('Prefix filters for the listing, e.g. {"site":"chi-dc1"}'),
    limit: intArg(1, 1000).optional().describe('Rows (default 50)'),
  },
  async handler(args, ctx) {
    if (args.prefix !== undefined && String(args.prefix).trim() !== '') {
      if (args.min_utilization !== undefined || args.filters !== undefined) {
        throw new NetboxMcpError('INVALID_ARGUMENT', 'min_utilization and filters select prefixes to list; they do not apply to one prefix.', {
          hint: 'Leave out prefix to list prefixes by utilization, or leave out min_utilization and filters.',
        });
      }
      return prefixDetail(ctx, { prefix: args.prefix, vrf: args.vrf, free_size: args.free_size, limit: args.limit });
    }
    if (args.free_size !== undefined) {
      throw new NetboxMcpError('INVALID_ARGUMENT', 'free_size lists free blocks inside one prefix; give prefix as well.', {
        hint: 'e.g. {"prefix": "10.1.0.0/16", "free_size": 24}',
      });
    }
    return prefixUtilizationTable(ctx, { vrf: args.vrf, min_utilization: args.min_utilization, filters: args.filters, limit: args.limit });
  },
});
