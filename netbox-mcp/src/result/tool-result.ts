import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { NetboxMcpError } from '../errors.ts';
import { RESULT_META_KEY, type ResultMeta } from './result-meta.ts';

export function textResult(text: string, meta: ResultMeta = {}): CallToolResult {
  return { content: [{ type: 'text', text }], _meta: { [RESULT_META_KEY]: meta } };
}

/** Every failure reaches the model as a tool error it can read and act on, never as an exception. */
export function errorResult(error: unknown): CallToolResult {
  const text =
    error instanceof NetboxMcpError
      ? error.toToolText()
      : `INTERNAL_ERROR: the NetBox tool failed unexpectedly (${error instanceof Error ? error.name : 'unknown'}).`;
  return { isError: true, content: [{ type: 'text', text }] };
}
