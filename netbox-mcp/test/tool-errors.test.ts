import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useMcp } from './support/mcp-harness.ts';

/** A port nothing listens on: NetBox is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const fastRetry = { retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 10 }, timeoutMs: 300 };

describe('tool errors: the model gets a clear error and the server lives on', () => {
  const mcp = useMcp(undefined, (sb) => ({ netbox: { url: sb.url, ...fastRetry } }));
  const badToken = useMcp(undefined, (sb) => ({ netbox: { url: sb.url, token: 'nbt_nokey.nosecret', ...fastRetry } }));

  it('a timeout, then a 5xx, then NetBox answering again', async () => {
    mcp.sandbox.setFaults({ hangRate: 1 });
    try {
      const hung = await mcp.call('netbox_get_objects', { object_type: 'dcim.site' });
      expect(hung.isError).toBe(true);
      expect(hung.text).toMatch(/^NETBOX_TIMEOUT: NetBox did not answer \S+: 2 attempts timed out, [\d.]+ s in all \(deadline 20 s\)\.\nHint: /);
    } finally {
      mcp.sandbox.setFaults({ hangRate: 0 });
    }
    mcp.sandbox.setFaults({ errorRate: 1, errorStatus: 502 });
    try {
      const failing = await mcp.call('netbox_count_objects', { object_type: 'dcim.site' });
      expect(failing.isError).toBe(true);
      expect(failing.text).toMatch(/^NETBOX_SERVER_ERROR: NetBox answered 502/);
    } finally {
      mcp.sandbox.setFaults({ errorRate: 0 });
    }
    const ok = await mcp.call('netbox_get_objects', { object_type: 'dcim.site', filters: { slug: 'chi-dc1' } });
    expect(ok.isError, ok.text).toBe(false);
    expect(ok.text).toContain('CHI-DC1');
  });

  it('a 403 carries NetBox own words', async () => {
    const r = await badToken.call('netbox_get_objects', { object_type: 'dcim.device' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^NETBOX_AUTH: NetBox answered 403 for \/api\/status\/: Invalid v2 token/);
  });

  it('bad arguments are refused by the schema, not by a crash', async () => {
    const noType = await mcp.call('netbox_get_objects', {});
    expect(noType.isError).toBe(true);
    const badId = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: 'three' });
    expect(badId.isError).toBe(true);
    const missing = await mcp.call('netbox_get_object_by_id', { object_type: 'dcim.device', object_id: 999999 });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/NOT_FOUND/);
    const after = await mcp.call('netbox_describe_type', {});
    expect(after.isError).toBe(false);
  });
});

describe('tool errors: NetBox down', () => {
  const down = useMcp();

  it('every tool reports NetBox unreachable, and the server keeps answering', async () => {
    const port = await closedPort();
    const { createNetboxMcpServer } = await import('../src/server.ts');
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
    const server = createNetboxMcpServer({ netbox: { url: `http://127.0.0.1:${port}`, token: down.sandbox.token, ...fastRetry } });
    const [a, b] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'down', version: '0' });
    await Promise.all([server.connect(b), client.connect(a)]);
    try {
      for (const name of ['netbox_get_objects', 'netbox_search_objects', 'netbox_device_profile']) {
        const args = name === 'netbox_search_objects' ? { query: 'x' } : name === 'netbox_device_profile' ? { device: 'x' } : { object_type: 'dcim.site' };
        const r = await client.callTool({ name, arguments: args });
        expect(r.isError, name).toBe(true);
        expect((r.content as { text: string }[])[0]!.text, name).toMatch(new RegExp(`^NETBOX_UNREACHABLE: NetBox at http://127.0.0.1:${port} could not be reached`));
      }
      expect((await client.listTools()).tools.length).toBeGreaterThan(4);
    } finally {
      await client.close();
    }
  });
});

describe('tool errors: NETBOX_URL points at something that is not NetBox', () => {
  it('says to check NETBOX_URL, not the object type and id', async () => {
    // A web server that answers 404 to every path, as a wrong host or a path prefix missing from the URL does.
    const web = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><title>404 Not Found</title></html>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const { port } = web.address() as AddressInfo;
    const { createNetboxMcpServer } = await import('../src/server.ts');
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
    const server = createNetboxMcpServer({ netbox: { url: `http://127.0.0.1:${port}/wrong`, token: 'nbt_a.b', ...fastRetry } });
    const [a, b] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'not-netbox', version: '0' });
    await Promise.all([server.connect(b), client.connect(a)]);
    try {
      const r = await client.callTool({ name: 'netbox_get_objects', arguments: { object_type: 'dcim.site' } });
      const text = (r.content as { text: string }[])[0]!.text;
      expect(r.isError).toBe(true);
      expect(text).toMatch(/^NETBOX_NOT_FOUND: NetBox answered 404 for \/api\/status\/: 404 Not Found\nHint: /);
      expect(text).toContain(`NETBOX_URL (http://127.0.0.1:${port}/wrong)`);
      expect(text).not.toContain('object type and id');
    } finally {
      await client.close();
      await new Promise((resolve) => web.close(resolve));
    }
  });
});
