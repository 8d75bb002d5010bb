import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ToolContext } from '../query/tool-context.ts';
import { errorResult } from '../result/tool-result.ts';

/**
 * One tool, one file. `input` is a zod raw shape so the MCP SDK validates arguments and publishes the JSON
 * Schema; the handler gets the parsed arguments.
 */
export interface ToolDefinition<Shape extends z.ZodRawShape> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: Shape;
  readonly annotations?: ToolAnnotations;
  readonly handler: (args: z.infer<z.ZodObject<Shape>>, ctx: ToolContext) => Promise<CallToolResult>;
}

/** Where Claude Code puts its tool_use id in a tools/call request's `_meta`: it ties the call to the model's turn. */
const CLAUDE_TOOL_USE_ID = 'claudecode/toolUseId';

/** A tool ready to be put on a server, its argument types kept inside. */
export interface Tool {
  readonly name: string;
  readonly register: (server: McpServer, ctx: ToolContext) => void;
}

export function defineTool<Shape extends z.ZodRawShape>(tool: ToolDefinition<Shape>): Tool & ToolDefinition<Shape> {
  return {
    ...tool,
    register(server, ctx) {
      server.registerTool(
        tool.name,
        {
          title: tool.title,
          description: tool.description,
          inputSchema: tool.input,
          annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true, ...tool.annotations },
        },
        (async (args: z.infer<z.ZodObject<Shape>>, extra: { _meta?: Record<string, unknown> } | undefined) => {
          const started = Date.now();
          try {
            const call = () => tool.handler(args, ctx);
            const toolUseId = extra?._meta?.[CLAUDE_TOOL_USE_ID];
            const info = { tool: tool.name, toolUseId: typeof toolUseId === 'string' ? toolUseId : undefined };
            const result = await (ctx.aroundToolCall ? ctx.aroundToolCall(info, call) : call());
            ctx.logger.debug({ tool: tool.name, ms: Date.now() - started, error: result.isError === true }, 'tool call');
            return result;
          } catch (error) {
            // A tool never throws to the MCP layer: the model gets a readable error and the server lives on.
            ctx.logger.warn({ tool: tool.name, ms: Date.now() - started, code: (error as { code?: unknown }).code }, 'tool call failed');
            return errorResult(error);
          }
        }) as never,
      );
    },
  };
}
