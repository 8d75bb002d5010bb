import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { NetboxClient, type NetboxClientOptions } from './client/netbox-client.ts';
import { registerPrompts } from './prompts/register-prompts.ts';
import { ResolveCache } from './query/resolve-cache.ts';
import { loadCatalog } from './schema/catalog-cache.ts';
import { ALL_TOOLS } from './tools/all-tools.ts';
import { DEFAULT_LIMITS, type AroundToolCall, type ToolContext, type ToolLimits } from './query/tool-context.ts';

export const SERVER_NAME = 'netbox';
export const SERVER_VERSION = '0.1.0';

export interface NetboxMcpOptions {
  /** Where NetBox is and whose token to use, or a client to share between servers (HTTP makes one per request). */
  readonly netbox: NetboxClientOptions | NetboxClient;
  readonly limits?: Partial<ToolLimits>;
  readonly logger?: Logger;
  /** Name lookups to share between servers of the same user. */
  readonly resolveCache?: ResolveCache;
  /**
   * Runs around every tool call, in the call's async context: an in-process host opens its tracing span there, so
   * the NetBox requests the tool makes land under it.
   */
  readonly aroundToolCall?: AroundToolCall;
}

/**
 * One MCP server bound to one NetBox token. The chat server makes one per user session (in-process); the
 * standalone binary makes one for its process.
 */
export function createNetboxMcpServer(options: NetboxMcpOptions): McpServer {
  const client = options.netbox instanceof NetboxClient ? options.netbox : new NetboxClient(options.netbox);
  const logger = options.logger ?? pino({ level: 'silent' });
  const ctx: ToolContext = {
    client,
    catalog: () => loadCatalog(client),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    resolveCache: options.resolveCache ?? new ResolveCache(),
    logger,
    ...(options.aroundToolCall ? { aroundToolCall: options.aroundToolCall } : {}),
  };
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    { instructions: 'Read-only NetBox tools. Names work wherever ids do. Results are compact tables; say when a result was truncated.' },
  );
  for (const tool of ALL_TOOLS) tool.register(server, ctx);
  registerPrompts(server);
  return server;
}
