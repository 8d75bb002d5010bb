import type { Logger } from 'pino';
import type { NetboxClient } from '../client/netbox-client.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ResolveCache } from './resolve-cache.ts';

export interface ToolLimits {
  /** Characters of tool result text; rows beyond it are cut at a whole row. */
  readonly maxResultChars: number;
  /** Rows a list shows when the model does not say. */
  readonly defaultLimit: number;
  /** Parallel NetBox requests one tool call may have in flight. */
  readonly fanOut: number;
}

export const DEFAULT_LIMITS: ToolLimits = { maxResultChars: 24_000, defaultLimit: 50, fanOut: 8 };

/** What every tool handler gets: one user's NetBox client and the instance's catalog. */
export interface ToolContext {
  readonly client: NetboxClient;
  readonly catalog: () => Promise<Catalog>;
  readonly limits: ToolLimits;
  readonly resolveCache: ResolveCache;
  readonly logger: Logger;
  /** Runs each tool call: the host's tracing span or timing around it (see NetboxMcpOptions.aroundToolCall). */
  readonly aroundToolCall?: AroundToolCall;
}

/** The call being wrapped: the tool, and the client's id for it when the client sends one (Claude Code does). */
export interface ToolCallInfo {
  readonly tool: string;
  readonly toolUseId: string | undefined;
}

/** Wraps one tool call; it must call `run` once and return what it returns. */
export type AroundToolCall = <T>(call: ToolCallInfo, run: () => Promise<T>) => Promise<T>;
