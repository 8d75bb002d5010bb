import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../netbox-sandbox/test/support/test-sandbox.ts';
import { startHttpTransport, type RunningHttpTransport } from '../src/http-transport.ts';
import { createNetboxMcpServer } from '../src/server.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HTTP_TOKEN = 'http-bearer-token-for-tests-0123456789';
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

const sandbox = useSandbox();

async function connectClient(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'transport-http-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return client;
}

function parseLogLine(line: string): { msg?: string; url?: string } | undefined {
  try {
    return JSON.parse(line) as { msg?: string; url?: string };
  } catch {
    return undefined;
  }
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((part) => part.text ?? '').join('\n');
}

describe('startHttpTransport', () => {
  let http: RunningHttpTransport;
  const clients: Client[] = [];

  beforeAll(async () => {
    http = await startHttpTransport({
      host: '127.0.0.1',
      port: 0,
      httpToken: HTTP_TOKEN,
      createServer: () => createNetboxMcpServer({ netbox: { url: sandbox.current.url, token: sandbox.current.token } }),
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await http.close();
  });

  const post = (headers: Record<string, string>, body: string = JSON.stringify(INITIALIZE)) =>
    fetch(http.url, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body });

  it('serves tools to a client with the right bearer token', async () => {
    const client = await connectClient(http.url, HTTP_TOKEN);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('netbox_get_objects');
    for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    const result = await client.callTool({ name: 'netbox_get_objects', arguments: { object_type: 'dcim.site', filters: {} } });
    expect(result.isError ?? false).toBe(false);
    expect(textOf(result)).toMatch(/chi-dc1/i);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token of the same length', { authorization: `Bearer ${'x'.repeat(HTTP_TOKEN.length)}` }],
    ['a wrong token of another length', { authorization: 'Bearer short' }],
    ['the right token under another scheme', { authorization: `Token ${HTTP_TOKEN}` }],
  ])('answers 401 with WWW-Authenticate to %s', async (_label, headers) => {
    const response = await post(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 }, id: null });
  });

  it('the MCP client surfaces a wrong token as an error', async () => {
    await expect(connectClient(http.url, 'wrong-token-wrong-token')).rejects.toThrow(/401|Unauthorized/);
  });

  it('answers GET /health with 200 and no token', async () => {
    const response = await fetch(new URL('/health', http.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 404 off /mcp', async () => {
    expect((await fetch(new URL('/other', http.url))).status).toBe(404);
    expect((await fetch(new URL('/mcp/extra', http.url), { method: 'POST' })).status).toBe(404);
  });

  it.each(['GET', 'DELETE'])('answers %s /mcp with 405 and a JSON-RPC error', async (method) => {
    const response = await fetch(http.url, { method, headers: { authorization: `Bearer ${HTTP_TOKEN}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 }, id: null });
  });

  it('answers 413 to a body over 1 MB, declared or streamed', async () => {
    const auth = { authorization: `Bearer ${HTTP_TOKEN}` };
    const declared = await post(auth, `{"pad":"${'x'.repeat(1024 * 1024)}"}`);
    expect(declared.status).toBe(413);
    const streamed = await fetch(http.url, {
      method: 'POST',
      headers: { ...MCP_HEADERS, ...auth },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 24; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(32));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('answers 400 with a JSON-RPC parse error to a body that is not JSON', async () => {
    const response = await post({ authorization: `Bearer ${HTTP_TOKEN}` }, '{not json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: -32700 } });
  });

  it('refuses a request whose Host is not loopback (DNS rebinding)', async () => {
    const { port } = new URL(http.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { ...MCP_HEADERS, host: 'evil.example' } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end(JSON.stringify(INITIALIZE));
    });
    expect(status).toBe(403);
    const fromPage = await post({ authorization: `Bearer ${HTTP_TOKEN}`, origin: 'https://evil.example' });
    expect(fromPage.status).toBe(403);
  });
});

describe('the netbox-mcp binary with --transport http', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  let stderr = '';

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('serves on the port it logs and stops on SIGTERM with 0', async () => {
    child = spawn(process.execPath, [CLI, '--transport', 'http', '--port', '0', '--http-token', HTTP_TOKEN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NETBOX_URL: sandbox.current.url, NETBOX_TOKEN: sandbox.current.token, LOG_LEVEL: 'debug' },
      stdio: 'pipe',
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    let url: string | undefined;
    for await (const line of createInterface({ input: child.stderr })) {
      stderr += `${line}\n`;
      const entry = parseLogLine(line);
      if (entry?.msg === 'serving MCP on streamable HTTP') {
        url = entry.url;
        break;
      }
    }
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    expect(url, stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    const client = await connectClient(url ?? '', HTTP_TOKEN);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('netbox_get_objects');
    await client.close();

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(stdout).toBe('');
    expect(stderr).not.toContain(sandbox.current.token);
    expect(stderr).not.toContain(HTTP_TOKEN);
  });
});
