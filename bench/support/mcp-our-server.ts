import type { Server } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createNetboxMcpServer, type NetboxMcpOptions } from '../../netbox-mcp/src/server.ts';
import type { ResultMeta } from '../../netbox-mcp/src/result/result-meta.ts';

export interface OurResult {
  readonly text: string;
  readonly isError: boolean;
  /** UTF-8 bytes of the result text: what the model reads. */
  readonly bytes: number;
  readonly meta: ResultMeta;
}

export interface OurServer {
  call(tool: string, args: Readonly<Record<string, unknown>>): Promise<OurResult>;
  close(): Promise<void>;
}

/** Our MCP server and a real MCP client, linked in-process (no vitest: the bench uses it too). */
export async function connectOurServer(netbox: { url: string; token: string }, extra: Partial<NetboxMcpOptions> = {}): Promise<OurServer> {
  const server = createNetboxMcpServer({ ...extra, netbox: { ...netbox, ...extra.netbox } });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'bench', version: '0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    async call(tool, args) {
      let raw: CallToolResult;
      try {
        raw = (await client.callTool({ name: tool, arguments: { ...args } })) as CallToolResult;
      } catch (error) {
        // An unknown tool is a protocol error, not a tool result: report it like one.
        const text = error instanceof Error ? error.message : String(error);
        return { text, isError: true, bytes: Buffer.byteLength(text), meta: {} };
      }
      const text = raw.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      const meta = ((raw._meta ?? {}) as Record<string, unknown>)['netbox-chatbox/result'] as ResultMeta | undefined;
      return { text, isError: raw.isError === true, bytes: Buffer.byteLength(text), meta: meta ?? {} };
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** Every request path the sandbox receives while recording: how many NetBox requests a tool call cost. */
export interface RequestTap {
  readonly paths: string[];
  start(): void;
  stop(): string[];
  detach(): void;
}

export function tapRequests(server: Server): RequestTap {
  let recording = false;
  const paths: string[] = [];
  const listener = (req: { url?: string }) => {
    if (recording && req.url?.startsWith('/api/')) paths.push(req.url);
  };
  server.on('request', listener);
  return {
    paths,
    start() {
      paths.length = 0;
      recording = true;
    },
    stop() {
      recording = false;
      return [...paths];
    },
    detach() {
      server.off('request', listener);
    },
  };
}
