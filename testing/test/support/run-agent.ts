import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { query, type CanUseTool, type SDKMessage, type SDKResultMessage, type SDKUserMessage } from '@anthropic-ai/claude-agent-sdk';
import { createNetboxMcpServer } from '../../../netbox-mcp/src/server.ts';

/** The NetBox MCP tools the agent may use; everything else is denied (BRIEF §3). */
export const NETBOX_TOOLS = [
  'mcp__netbox__netbox_get_objects',
  'mcp__netbox__netbox_get_object_by_id',
  'mcp__netbox__netbox_count_objects',
  'mcp__netbox__netbox_search_objects',
  'mcp__netbox__netbox_ip_profile',
  'mcp__netbox__netbox_device_profile',
];

export interface AgentRunOptions {
  readonly modelUrl: string;
  readonly netbox: { readonly url: string; readonly token: string };
  /** One prompt, or several turns of one session sent as streaming input, each after the previous result. */
  readonly prompts: readonly string[];
  /** Extra variables for the CLI (retry knobs); the rest of its env is a fixed whitelist. */
  readonly env?: Record<string, string>;
}

export interface AgentRun {
  readonly messages: SDKMessage[];
  readonly results: SDKResultMessage[];
  /** Tools the CLI asked `canUseTool` about. */
  readonly asked: string[];
  /** What `query()` threw, if it did. */
  readonly error: Error | undefined;
}

/**
 * Runs the real Agent SDK and its CLI, locked down as the chat server runs it, against a model URL and a
 * NetBox, in fresh temporary config, home and working directories that are removed afterwards.
 */
export async function runAgent(options: AgentRunOptions): Promise<AgentRun> {
  const home = mkdtempSync(join(tmpdir(), 'agent-home-'));
  const cwd = mkdtempSync(join(tmpdir(), 'agent-cwd-'));
  const messages: SDKMessage[] = [];
  const results: SDKResultMessage[] = [];
  const asked: string[] = [];
  const allowed = new Set(NETBOX_TOOLS);
  const canUseTool: CanUseTool = async (name, input) => {
    asked.push(name);
    return allowed.has(name) ? { behavior: 'allow', updatedInput: input } : { behavior: 'deny', message: `${name} is not available here.` };
  };
  let resultSeen: () => void = () => {};
  async function* turns(): AsyncGenerator<SDKUserMessage> {
    for (const text of options.prompts) {
      const answered = new Promise<void>((resolve) => (resultSeen = resolve));
      yield { type: 'user', message: { role: 'user', content: text }, parent_tool_use_id: null };
      await answered;
    }
  }
  let error: Error | undefined;
  try {
    const session = query({
      prompt: turns(),
      options: {
        env: {
          ANTHROPIC_BASE_URL: options.modelUrl,
          ANTHROPIC_API_KEY: 'test-key',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          CLAUDE_CONFIG_DIR: join(home, '.claude'),
          HOME: home,
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          ...options.env,
        },
        tools: [],
        settingSources: [],
        strictMcpConfig: true,
        includePartialMessages: true,
        cwd,
        systemPrompt: 'You are a test.',
        mcpServers: { netbox: { type: 'sdk', name: 'netbox', instance: createNetboxMcpServer({ netbox: options.netbox }) } },
        allowedTools: NETBOX_TOOLS,
        canUseTool,
      },
    });
    for await (const message of session) {
      messages.push(message);
      if (message.type !== 'result') continue;
      results.push(message);
      resultSeen();
      if (results.length === options.prompts.length) break;
    }
  } catch (thrown) {
    error = thrown as Error;
  } finally {
    rmSync(home, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
  return { messages, results, asked, error };
}
