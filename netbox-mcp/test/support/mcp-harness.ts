import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SandboxOptions } from '../../../netbox-sandbox/src/sandbox.ts';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { createNetboxMcpServer, type NetboxMcpOptions } from '../../src/server.ts';
import type { ResultMeta } from '../../src/result/result-meta.ts';

export interface ToolCall {
  readonly text: string;
  readonly isError: boolean;
  readonly meta: ResultMeta;
  readonly raw: CallToolResult;
}

export interface McpHarness {
  readonly client: Client;
  readonly sandbox: ReturnType<typeof useSandbox>['current'];
  call(name: string, args: Record<string, unknown>): Promise<ToolCall>;
  /** GET from the sandbox's REST API directly, expecting 200: expected values never come from the tool under test. */
  api<T = { count: number; results: Record<string, unknown>[] }>(path: string): Promise<T>;
}

/**
 * A sandbox NetBox and our MCP server connected to a real MCP client in-process, for one test file.
 * `options` tunes the server (limits, timeouts) once the sandbox URL is known.
 */
export function useMcp(
  sandboxOptions?: () => Promise<SandboxOptions> | SandboxOptions,
  options: (sandbox: { url: string; token: string }) => Partial<NetboxMcpOptions> = () => ({}),
): McpHarness {
  const sandbox = sandboxOptions ? useSandbox(sandboxOptions) : useSandbox();
  const holder: { client?: Client } = {};
  beforeAll(async () => {
    const { url, token } = sandbox.current;
    const extra = options({ url, token });
    const server = createNetboxMcpServer({ ...extra, netbox: { url, token, ...extra.netbox } });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'test', version: '0' });
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    holder.client = client;
  });
  afterAll(async () => {
    await holder.client?.close();
  });
  const harness: McpHarness = {
    get client() {
      if (!holder.client) throw new Error('MCP client not connected');
      return holder.client;
    },
    get sandbox() {
      return sandbox.current;
    },
    async call(name, args) {
      const raw = (await harness.client.callTool({ name, arguments: args })) as CallToolResult;
      const text = raw.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      const meta = ((raw._meta ?? {}) as Record<string, unknown>)['netbox-chatbox/result'] as ResultMeta | undefined;
      return { text, isError: raw.isError === true, meta: meta ?? {}, raw };
    },
    async api(path) {
      const response = await fetch(`${harness.sandbox.url}${path}`, { headers: { authorization: harness.sandbox.authorization } });
      expect(response.status, path).toBe(200);
      return response.json() as never;
    },
  };
  return harness;
}
