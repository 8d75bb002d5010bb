import type { ResultMeta } from '@netbox-chatbox/netbox-mcp';
import { ResultLinksSchema } from '@netbox-chatbox/protocol';
import { z } from 'zod';

/** Our NetBox MCP server's `_meta['netbox-chatbox/result']` (netbox-mcp/src/tools/tool-result.ts). */
const resultMetaSchema = z.object({
  // The wire's own shape, so whatever links the tools give reach the browser as they are.
  links: ResultLinksSchema.optional(),
  queries: z.array(z.string()).optional(),
  rows: z.number().optional(),
  total: z.number().optional(),
  truncated: z.boolean().optional(),
});

/**
 * The SDK's `tool_use_result` for an MCP tool: the server's whole `CallToolResult`, `_meta` included (seen with
 * SDK 0.3.329). For a refused or unknown tool it is a plain string instead.
 */
const callToolResultSchema = z.object({
  _meta: z.object({ 'netbox-chatbox/result': z.unknown().optional() }).loose().optional(),
});

export function resultMeta(toolUseResult: unknown): ResultMeta | undefined {
  const parsed = callToolResultSchema.safeParse(toolUseResult);
  if (!parsed.success) return undefined;
  const meta = resultMetaSchema.safeParse(parsed.data._meta?.['netbox-chatbox/result']);
  return meta.success ? (meta.data as ResultMeta) : undefined;
}

/** The text of a `tool_result` block's content, which is a string or a list of content blocks. */
export function toolResultText(content: unknown): string {
  if (typeof content === 'string') return unwrapToolError(content);
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) => (isTextBlock(block) ? block.text : ''))
    .filter(Boolean)
    .join('\n');
}

function isTextBlock(block: unknown): block is { type: 'text'; text: string } {
  return typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'text' && typeof (block as { text?: unknown }).text === 'string';
}

/** The CLI wraps its own refusals: `<tool_use_error>Error: No such tool available: Bash…</tool_use_error>`. */
function unwrapToolError(text: string): string {
  const match = /^<tool_use_error>([\s\S]*)<\/tool_use_error>$/.exec(text.trim());
  return match?.[1] ?? text;
}

const SUMMARY_CHARS = 200;

export function summarize(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > SUMMARY_CHARS ? `${line.slice(0, SUMMARY_CHARS - 1)}…` : line;
}

/**
 * A failed call's code: our NetBox tools start their error text with one (`NETBOX_UNREACHABLE: …`); a refusal
 * by our gate or by the CLI (a tool that does not exist here) is `TOOL_DENIED`; anything else `TOOL_ERROR`.
 */
export function toolErrorCode(text: string): string {
  const code = /^([A-Z][A-Z0-9_]{2,}):/.exec(text.trim())?.[1];
  if (code) return code;
  if (/No such tool available|is not available in this chat/.test(text)) return 'TOOL_DENIED';
  return 'TOOL_ERROR';
}
