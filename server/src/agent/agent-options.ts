import type { McpServerConfig, Options, SessionStore } from '@anthropic-ai/claude-agent-sdk';
import { createNetboxMcpServer, type AroundToolCall, type NetboxMcpOptions } from '@netbox-chatbox/netbox-mcp';
import type { Logger } from 'pino';
import { ensureAgentDirs } from './agent-dirs.ts';
import { buildAgentEnv, secretValues } from './agent-env.ts';
import { redact } from './redact.ts';
import { SYSTEM_PROMPT } from './system-prompt.ts';
import { createToolGate, NETBOX_SERVER, NETBOX_TOOL_NAMES } from './tool-gate.ts';

/** Extra MCP servers an admin configured (`MCP_CONFIG`) and which of their tools the agent may use. */
export interface ExtraMcp {
  /** External servers only (stdio, HTTP, SSE): keyed by the name their tools carry, `mcp__<name>__<tool>`. */
  readonly servers: Readonly<Record<string, Exclude<McpServerConfig, { type: 'sdk' }>>>;
  /** Full tool names, `mcp__<server>__<tool>`, each of a server above. */
  readonly allowedTools: readonly string[];
}

export interface AgentOptionsInput {
  /** The app's data dir; the agent's working, home and config dirs are made under it. */
  readonly dataDir: string;
  /** Whose CLI this is: its directories (and so its transcript files) are that user's own. */
  readonly user?: string;
  /** Where model settings come from (usually `process.env`); only whitelisted names are read. */
  readonly sourceEnv: Readonly<Record<string, string | undefined>>;
  /** The model name; the CLI's default when absent. */
  readonly model?: string;
  /** This user's NetBox: URL and their own token (or a client already made for them). */
  readonly netbox: NetboxMcpOptions['netbox'];
  readonly extraMcp?: ExtraMcp;
  /** Mirrors transcripts into our store so another process can `resume`. */
  readonly sessionStore?: SessionStore;
  /** The SDK session id to continue. */
  readonly resume?: string;
  readonly maxRetries?: number;
  readonly requestTimeoutMs?: number;
  readonly systemPrompt?: string;
  readonly logger?: Logger;
  /** Around each NetBox tool call, in its async context: the turn's tracing span (observability/turn-telemetry.ts). */
  readonly aroundToolCall?: AroundToolCall;
}

/** The CLI's retries before a turn fails: about 9 s of back-off, where its default of 10 can take minutes. */
export const DEFAULT_MAX_RETRIES = 4;

/**
 * The Agent SDK options for one CLI process, locked down as BRIEF §3 says. Makes a fresh in-process NetBox MCP
 * server each time: an MCP server instance serves one connection, and each CLI process is one.
 */
export function buildAgentOptions(input: AgentOptionsInput): Options {
  const extra = input.extraMcp ?? { servers: {}, allowedTools: [] };
  checkExtraMcp(extra);
  const dirs = ensureAgentDirs(input.dataDir, input.user);
  const env = buildAgentEnv({
    source: input.sourceEnv,
    homeDir: dirs.home,
    configDir: dirs.config,
    maxRetries: input.maxRetries ?? DEFAULT_MAX_RETRIES,
    ...(input.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: input.requestTimeoutMs }),
  });
  const logger = input.logger;
  const netboxToken = typeof input.netbox === 'object' && 'token' in input.netbox ? input.netbox.token : undefined;
  const secrets = [...secretValues(env), ...(netboxToken ? [netboxToken] : [])];
  const allowed = new Set([...NETBOX_TOOL_NAMES, ...extra.allowedTools]);
  return {
    tools: [],
    settingSources: [],
    strictMcpConfig: true,
    includePartialMessages: true,
    // Without it the CLI expands `@/any/file` in the user's text into the prompt and runs `/clear`, `/cost` …
    verbatimPrompts: true,
    // Explicit: left out, the CLI may pick `auto`, whose classifier approves tools without asking canUseTool.
    permissionMode: 'default',
    canUseTool: createToolGate({ allowed, onDenied: (toolName) => logger?.warn({ toolName }, 'tool denied') }),
    cwd: dirs.cwd,
    env,
    systemPrompt: input.systemPrompt ?? SYSTEM_PROMPT,
    ...(input.model ? { model: input.model } : {}),
    mcpServers: {
      ...extra.servers,
      [NETBOX_SERVER]: {
        type: 'sdk',
        name: NETBOX_SERVER,
        instance: createNetboxMcpServer({
          netbox: input.netbox,
          ...(logger ? { logger: logger.child({ component: 'netbox-mcp' }) } : {}),
          ...(input.aroundToolCall ? { aroundToolCall: input.aroundToolCall } : {}),
        }),
      },
    },
    // Admin servers' env and headers (their tokens) go over stdin, not onto a command line others can read.
    mcpServersDelivery: 'initialize',
    // Eager: each transcript line reaches the store as it is written, not at the end of the turn, so a process
    // that dies mid-answer leaves the question (and any tool results) for the one that goes on.
    ...(input.sessionStore ? { sessionStore: input.sessionStore, sessionStoreFlush: 'eager' as const } : {}),
    ...(input.resume ? { resume: input.resume } : {}),
    stderr: (data) => logger?.debug({ stderr: redact(data.trim(), secrets).slice(0, 2000) }, 'claude cli'),
  };
}

function checkExtraMcp(extra: ExtraMcp): void {
  if (NETBOX_SERVER in extra.servers) throw new Error(`MCP_CONFIG: the server name "${NETBOX_SERVER}" is reserved for the built-in NetBox tools; rename it.`);
  for (const tool of extra.allowedTools) {
    const server = /^mcp__(.+?)__.+$/.exec(tool)?.[1];
    if (!server || !(server in extra.servers)) {
      throw new Error(`MCP_CONFIG: allowed tool "${tool}" must be written mcp__<server>__<tool> with a server from the same file.`);
    }
  }
}
