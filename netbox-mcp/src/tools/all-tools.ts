import type { Tool } from './tool-definition.ts';
import { getObjectsTool } from './get-objects.ts';

/** Every tool the server offers, in the order clients list them. */
export const ALL_TOOLS: readonly Tool[] = [getObjectsTool];
