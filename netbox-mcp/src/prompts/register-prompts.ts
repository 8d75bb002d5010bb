import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export function registerPrompts(_server: McpServer): void {}
