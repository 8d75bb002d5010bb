import type { Tool } from './tool-definition.ts';
import { getObjectsTool } from './get-objects.ts';
import { getObjectByIdTool } from './get-object-by-id.ts';
import { searchObjectsTool } from './search-objects.ts';
import { countObjectsTool } from './count-objects.ts';
import { getChangelogsTool } from './get-changelogs.ts';
import { describeTypeTool } from './describe-type.ts';
import { deviceProfileTool } from './device-profile.ts';
import { ipProfileTool } from './ip-profile.ts';
import { prefixUsageTool } from './prefix-usage.ts';
import { relatedObjectsTool } from './related-objects.ts';
import { traceCableTool } from './trace-cable.ts';
import { neighborsTool } from './neighbors.ts';
import { availableTool } from './available.ts';
import { impactTool } from './impact.ts';

/** Every tool the server offers, in the order clients list them. */
export const ALL_TOOLS: readonly Tool[] = [getObjectsTool, getObjectByIdTool, searchObjectsTool, countObjectsTool, getChangelogsTool, describeTypeTool, deviceProfileTool, ipProfileTool, prefixUsageTool, relatedObjectsTool, traceCableTool, availableTool, neighborsTool, impactTool];

/** The tool names, for hosts that allow-list them (the chat server's tool gate). */
export const NETBOX_TOOL_NAMES: readonly string[] = ALL_TOOLS.map((tool) => tool.name);
