import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../netbox-sandbox/test/support/test-sandbox.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sandbox = useSandbox();

/** Only what the CLI needs, so nothing from the test runner's own environment changes what it does. */
function cliEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NETBOX_URL: sandbox.current.url, NETBOX_TOKEN: sandbox.current.token, LOG_LEVEL: 'debug' };
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((part) => part.text ?? '').join('\n');
}

describe('netbox-mcp on stdio, through the MCP client', () => {
  let transport: StdioClientTransport;
  const client = new Client({ name: 'transport-stdio-test', version: '0.0.0' });
  const clientErrors: Error[] = [];
  let stderr = '';

  beforeAll(async () => {
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI],
      cwd: ROOT,
      env: cliEnv(),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // A line on stdout that is not a JSON-RPC frame surfaces here.
    client.onerror = (error) => clientErrors.push(error);
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
  });

  it('lists read-only tools, netbox_get_objects among them', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('netbox_get_objects');
    for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
  });

  it('answers netbox_get_objects from the sandbox', async () => {
    const result = await client.callTool({ name: 'netbox_get_objects', arguments: { object_type: 'dcim.site', filters: {} } });
    expect(result.isError ?? false).toBe(false);
    expect(textOf(result)).toMatch(/chi-dc1/i);
  });

  it('answers every tool over stdio, each with a fact read from the sandbox', async () => {
    const api = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${sandbox.current.url}${path}`, { headers: { authorization: sandbox.current.authorization } })).json()) as T;
    type Page = { results: Record<string, unknown>[] };
    const device = (await api<Page>('/api/dcim/devices/?name=chi-dc1-cr01')).results[0]!;
    const primary = String((device.primary_ip4 as { address: string }).address).split('/')[0]!;
    const container = (await api<Page>('/api/ipam/prefixes/?status=container&family=4&limit=1')).results[0]!;
    const tag = (await api<Page>('/api/extras/tags/?limit=1')).results[0]!;
    const calls: [string, Record<string, unknown>, string][] = [
      ['netbox_get_objects', { object_type: 'dcim.device', filters: { name: 'chi-dc1-cr01' } }, 'chi-dc1-cr01'],
      ['netbox_get_object_by_id', { object_type: 'dcim.device', object_id: device.id }, 'chi-dc1-cr01'],
      ['netbox_get_changelogs', { object_type: 'dcim.device', object: 'chi-dc1-cr01', since: '2020-01-01' }, 'chi-dc1-cr01'],
      ['netbox_search_objects', { query: 'chi-dc1-cr01' }, 'chi-dc1-cr01'],
      ['netbox_count_objects', { object_type: 'dcim.device', group_by: 'site' }, 'CHI-DC1'],
      ['netbox_describe_type', { object_type: 'dcim.device' }, 'site → dcim.site'],
      ['netbox_device_profile', { device: 'chi-dc1-cr01' }, 'chi-dc1-cr01'],
      ['netbox_ip_profile', { address: primary }, primary],
      ['netbox_prefix_usage', { prefix: container.prefix }, String(container.prefix)],
      ['netbox_related_objects', { object_type: 'extras.tag', object: tag.name }, String(tag.name)],
      ['netbox_trace_cable', { device: 'chi-dc1-lf01', port: 'Ethernet49/1' }, 'chi-dc1-pp02 Port 1 (front port)'],
      ['netbox_available', { kind: 'vlan', within: 'CHI-DC1 VLANs', limit: 3 }, '1, 2, 3'],
      ['netbox_neighbors', { device: 'chi-dc1-cr01' }, 'chi-dc1-ds01'],
      ['netbox_impact', { object_type: 'dcim.device', name: 'chi-dc1-cr01' }, 'devices cabled to it'],
    ];
    const { tools } = await client.listTools();
    expect(calls.map(([name]) => name).sort()).toEqual(tools.map((t) => t.name).sort());
    for (const [name, args, fact] of calls) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError ?? false, `${name}: ${textOf(result)}`).toBe(false);
      expect(textOf(result), name).toContain(fact);
    }
  });

  it('logs to stderr, never the token, and keeps stdout for MCP frames', () => {
    expect(stderr).toContain('starting netbox-mcp');
    expect(stderr).not.toContain(sandbox.current.token);
    expect(clientErrors).toEqual([]);
  });
});

/** Raw JSON-RPC over the child's pipes, to see every byte of stdout and the exit code. */
describe('netbox-mcp on stdio, raw', () => {
  const children: ChildProcessWithoutNullStreams[] = [];

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  function start(): { child: ChildProcessWithoutNullStreams; lines: string[]; stderr: () => string; next: () => Promise<string> } {
    const child = spawn(process.execPath, [CLI], { cwd: ROOT, env: cliEnv(), stdio: 'pipe' });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const lines: string[] = [];
    const iterator = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async (): Promise<string> => {
      const { value, done } = await iterator.next();
      if (done) throw new Error(`stdout ended; stderr: ${stderr}`);
      lines.push(value);
      return value;
    };
    return { child, lines, stderr: () => stderr, next };
  }

  const send = (child: ChildProcessWithoutNullStreams, message: object): void => {
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  };

  /** Reads frames until the response to `id`; notifications may come first. */
  async function responseTo(session: ReturnType<typeof start>, id: number): Promise<void> {
    for (;;) {
      const frame = JSON.parse(await session.next()) as { id?: unknown };
      if (frame.id === id) return;
    }
  }

  async function handshake(session: ReturnType<typeof start>): Promise<void> {
    send(session.child, {
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    await responseTo(session, 1);
    send(session.child, { method: 'notifications/initialized' });
  }

  it('writes nothing but JSON-RPC frames to stdout and stops on SIGTERM with 0', async () => {
    const session = start();
    await handshake(session);
    send(session.child, { id: 2, method: 'tools/list' });
    await responseTo(session, 2);
    send(session.child, { id: 3, method: 'tools/call', params: { name: 'netbox_get_objects', arguments: { object_type: 'dcim.site', filters: {} } } });
    await responseTo(session, 3);

    for (const line of session.lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const ids = session.lines.map((line) => (JSON.parse(line) as { id?: number }).id).filter((id) => id !== undefined);
    expect(ids).toEqual([1, 2, 3]);

    const exited = once(session.child, 'exit');
    session.child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(session.stderr()).toContain('stopping netbox-mcp');
    expect(session.stderr()).not.toContain(sandbox.current.token);
  });

  it('exits with 0 when the client closes stdin', async () => {
    const session = start();
    await handshake(session);
    const exited = once(session.child, 'exit');
    session.child.stdin.end();
    expect(await exited).toEqual([0, null]);
  });
});
