import { z } from 'zod';

/** Argument shapes several tools share, so their names and meaning never drift apart. */
export const objectTypeArg = z.string().min(1).describe('app.model, e.g. dcim.device, ipam.prefix');
export const filtersArg = z
  .record(z.string(), z.unknown())
  .optional()
  .describe('NetBox filters; names work for relations: {"site":"DC1","device__site":"DC1"}');
export const fieldsArg = z.array(z.string()).optional().describe('Only these fields (columns)');
export const formatArg = z.enum(['compact', 'json']).optional().describe('compact table (default) or raw NetBox json');
