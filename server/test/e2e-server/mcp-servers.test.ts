import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NoticeEvent } from '@netbox-chatbox/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatClient, textOf } from './support/chat-client.ts';
import { useTestServer } from './support/test-server.ts';

/** Looks like a token: it must show up in neither /ready, the chat nor the log. */
const MCP_SECRET = 'mcp-secret-token-0123456789-do-not-show';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'server-mcp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real stdio MCP server with one tool, `echo`, as an admin might add: it starts in a fraction of a second. */
const TINY_SERVER = join(dir, 'tiny-mcp.cjs');
writeFileSync(
  TINY_SERVER,
  `const { Server } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/index.js'))});
const { StdioServerTransport } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/stdio.js'))});
const { ListToolsRequestSchema, CallToolRequestSchema } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/types.js'))});
const server = new Server({ name: 'tiny', version: '1.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: 'echo', description: 'Says the text back.', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }],
}));
server.setRequestHandler(CallToolRequestSchema, async (request) => ({ content: [{ type: 'text', text: 'echo: ' + String(request.params.arguments?.text ?? '') }] }));
server.connect(new StdioServerTransport());
`,
);

/** A loopback port nothing listens on (one just given up). */
const closedPort = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});

const MCP_FILE = join(dir, 'mcp.json');
writeFileSync(
  MCP_FILE,
  JSON.stringify({
    mcpServers: {
      broken: { type: 'stdio', command: '/nonexistent/mcp-server', args: ['--token', '${MCP_SECRET}'], env: { API_TOKEN: '${MCP_SECRET}' } },
      offline: { type: 'http', url: `http://127.0.0.1:${closedPort}/mcp?key=\${MCP_SECRET}`, headers: { Authorization: 'Bearer ${MCP_SECRET}' } },
      tiny: { type: 'stdio', command: process.execPath, args: [TINY_SERVER] },
    },
    allowedTools: ['mcp__broken__lookup', 'mcp__offline__find', 'mcp__tiny__echo', 'mcp__tiny__shout'],
  }),
);

const server = useTestServer({
  env: { MCP_CONFIG: MCP_FILE, MCP_SECRET },
  rules: [{ name: 'echo', when: { user: '^echo (.+)' }, reply: [{ type: 'tool_use', name: 'mcp__tiny__echo', input: { text: '{{user.match /^echo (.+)/}}' } }] }],
});

interface ReadyBody {
  ready: boolean;
  checks: { mcp?: { ok: boolean; file: string; servers: { name: string; type: string; status: string; ok: boolean; tools?: number; reason?: string }[] } };
}

async function ready(): Promise<ReadyBody> {
  // The first probe runs from start-up; /ready says `checking` until it has answered.
  for (let tries = 0; ; tries++) {
    const body = (await (await fetch(`${server.url}/ready`)).json()) as ReadyBody;
    if (!body.checks.mcp?.servers.some((s) => s.status === 'checking') || tries > 40) return body;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('extra MCP servers from MCP_CONFIG', () => {
  it('/ready names the ones that fail, why, and what to fix; they do not make the server unready', async () => {
    const body = await ready();
    expect(body.ready).toBe(true);
    const mcp = body.checks.mcp;
    expect(mcp).toMatchObject({ ok: false, file: MCP_FILE });
    const byName = Object.fromEntries((mcp?.servers ?? []).map((s) => [s.name, s]));
    expect(byName.broken).toMatchObject({ type: 'stdio', status: 'failed', ok: false });
    expect(byName.broken?.reason).toMatch(/"broken" \(stdio\) could not be started: its command "\/nonexistent\/mcp-server" was not found\. Check "command" and "args" of "broken"/);
    expect(byName.offline).toMatchObject({ type: 'http', status: 'failed', ok: false });
    expect(byName.offline?.reason).toMatch(new RegExp(`"offline" \\(http at 127\\.0\\.0\\.1:${closedPort}\\) could not be reached \\(ECONNREFUSED\\)\\. Check "url" and "headers"`));
    expect(byName.tiny).toMatchObject({ type: 'stdio', status: 'ok', ok: true, tools: 1 });
    expect(byName.tiny?.reason).toMatch(/offers no "mcp__tiny__shout", which allowedTools .* names/);
    expect(JSON.stringify(body)).not.toContain(MCP_SECRET);
  });

  it('says in the chat, once per session, which server failed; the answer still comes, and works with the others', async () => {
    const client = await ChatClient.connect(server.wsUrl);
    const first = await client.ask('hello there');
    const events = await client.turn(first.turnId);
    const notices = events.filter((e): e is NoticeEvent => e.type === 'notice');
    expect(notices.map((n) => [n.code, n.message])).toEqual(
      expect.arrayContaining([
        ['MCP_SERVER_FAILED', 'The tool server "broken" failed to start, so its tools are not available; the conversation goes on without it.'],
        ['MCP_SERVER_FAILED', expect.stringMatching(/^The tool server "offline" /)],
      ]),
    );
    expect(notices.every((n) => n.seq !== undefined && n.turnId === first.turnId)).toBe(true);
    expect(notices.map((n) => n.message).join(' ')).not.toMatch(/tiny/);
    expect(textOf(events)).toContain('You said: hello there');
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'end_turn' });

    // The same CLI process: the failure is old news.
    const second = await client.ask('echo ping', { conversationId: first.conversationId });
    const secondEvents = await client.turn(second.turnId);
    expect(secondEvents.filter((e) => e.type === 'notice')).toEqual([]);
    expect(secondEvents.find((e) => e.type === 'tool_use')).toMatchObject({ name: 'mcp__tiny__echo', input: { text: 'ping' } });
    expect(secondEvents.find((e) => e.type === 'tool_result')).toMatchObject({ isError: false });
    expect(JSON.stringify(server.model.messageRequests().at(-1))).toContain('echo: ping');
    expect(secondEvents.at(-1)).toMatchObject({ type: 'done' });
    await client.close();

    // A replay shows the notices where they happened.
    const replay = await ChatClient.connect(server.wsUrl);
    replay.send({ type: 'resume', conversationId: first.conversationId, afterSeq: 0 });
    await replay.next((e) => e.type === 'resumed');
    expect(replay.events.filter((e) => e.type === 'notice')).toEqual(notices);
    expect([...client.frames, ...replay.frames].join('\n')).not.toContain(MCP_SECRET);
    await replay.close();
    expect(server.logLines.join('\n')).not.toContain(MCP_SECRET);
  }, 60_000);
});
