import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { capacityCheckPrompt } from './capacity-check.ts';
import { investigateDevicePrompt } from './investigate-device.ts';
import { ipLookupPrompt } from './ip-lookup.ts';
import type { Prompt } from './prompt-definition.ts';
import { recentChangesPrompt } from './recent-changes.ts';
import { siteOverviewPrompt } from './site-overview.ts';

/** Every prompt the server offers, in the order clients list them. */
export const ALL_PROMPTS: readonly Prompt[] = [investigateDevicePrompt, ipLookupPrompt, siteOverviewPrompt, recentChangesPrompt, capacityCheckPrompt];

export function registerPrompts(server: McpServer): void {
  for (const prompt of ALL_PROMPTS) prompt.register(server);
}
