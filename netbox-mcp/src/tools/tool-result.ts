import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { NetboxMcpError } from '../errors.ts';

/** Links for the chat UI: the list in NetBox's web UI and each object shown. The model reads them in the text. */
export interface ResultLinks {
  readonly list?: string;
  readonly objects?: Readonly<Record<string, string>>;
  /**
   * Display name → UI URL of the objects shown, for the chat UI to link those names in the answer. Only names
   * that mean one object of this result (see format/name-links.ts); never in the text the model reads.
   */
  readonly names?: Readonly<Record<string, string>>;
}

export interface ResultMeta {
  readonly links?: ResultLinks;
  /** NetBox API requests this call made (path with query), for the UI's tool card. */
  readonly queries?: readonly string[];
  readonly rows?: number;
  readonly total?: number;
  readonly truncated?: boolean;
}

export function textResult(text: string, meta: ResultMeta = {}): CallToolResult {
  return { content: [{ type: 'text', text }], _meta: { 'netbox-chatbox/result': meta } };
}

/** Every failure reaches the model as a tool error it can read and act on, never as an exception. */
export function errorResult(error: unknown): CallToolResult {
  const text =
    error instanceof NetboxMcpError
      ? error.toToolText()
      : `INTERNAL_ERROR: the NetBox tool failed unexpectedly (${error instanceof Error ? error.name : 'unknown'}).`;
  return { isError: true, content: [{ type: 'text', text }] };
}
