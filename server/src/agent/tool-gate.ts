import type { CanUseTool } from '@anthropic-ai/claude-agent-sdk';
import { NETBOX_MCP_TOOL_NAMES } from '@netbox-chatbox/netbox-mcp';

/** The key our NetBox MCP server has in `mcpServers`; its tools are `mcp__netbox__<tool>`. */
export const NETBOX_SERVER = 'netbox';

/** Every tool of our NetBox MCP server, from its own registry so the gate never drifts from it. */
export const NETBOX_TOOLS: readonly string[] = NETBOX_MCP_TOOL_NAMES;

export function mcpToolName(server: string, tool: string): string {
  return `mcp__${server}__${tool}`;
}

export const NETBOX_TOOL_NAMES: readonly string[] = NETBOX_TOOLS.map((tool) => mcpToolName(NETBOX_SERVER, tool));

export interface ToolGateOptions {
  readonly allowed: ReadonlySet<string>;
  /** Told about each refusal, for the log. */
  readonly onDenied?: (toolName: string) => void;
}

/**
 * The one place that decides which tool may run. The options pass no `allowedTools`: the CLI would run those
 * without asking (testing/README.md), and this gate would no longer see every call. Built-in tools never get
 * here: `tools: []` removes them, and the CLI answers "No such tool available" itself.
 */
export function createToolGate(options: ToolGateOptions): CanUseTool {
  return async (toolName, input) => {
    if (options.allowed.has(toolName)) return { behavior: 'allow', updatedInput: input };
    options.onDenied?.(toolName);
    return { behavior: 'deny', message: `${toolName} is not available in this chat. Only the NetBox tools may be used.` };
  };
}
