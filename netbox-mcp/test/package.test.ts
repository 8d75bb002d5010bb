import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../netbox-sandbox/test/support/test-sandbox.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sandbox = useSandbox();
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** `npm pack` of the workspace, installed into an empty folder as a user of the package would. */
describe('netbox-mcp as an installed package', () => {
  let app: string;

  beforeAll(() => {
    const packs = mkdtempSync(join(tmpdir(), 'netbox-mcp-pack-'));
    app = mkdtempSync(join(tmpdir(), 'netbox-mcp-user-'));
    dirs.push(packs, app);
    execFileSync('npm', ['pack', '-w', 'netbox-mcp', '--pack-destination', packs, '--silent'], { cwd: ROOT, stdio: 'pipe' });
    const tarball = readdirSync(packs).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack wrote no tarball');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'uses-netbox-mcp', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--silent', join(packs, tarball)], { cwd: app, stdio: 'pipe' });
  }, 180_000);

  it('holds built JavaScript only: no TypeScript sources, tests or sandbox', () => {
    const files = execFileSync('find', ['node_modules/@netbox-chatbox/netbox-mcp', '-type', 'f'], { cwd: app, encoding: 'utf8' }).trim().split('\n');
    expect(files).toContain('node_modules/@netbox-chatbox/netbox-mcp/dist/cli.js');
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((file) => /\/test\/|sandbox/.test(file))).toEqual([]);
  });

  it('starts with `npx netbox-mcp` and answers tools/list and a tool call', async () => {
    const transport = new StdioClientTransport({
      command: 'npx',
      args: ['--no-install', 'netbox-mcp'],
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: app, NETBOX_URL: sandbox.current.url, NETBOX_TOKEN: sandbox.current.token },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'package-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('netbox_get_objects');
      const result = await client.callTool({ name: 'netbox_count_objects', arguments: { object_type: 'dcim.site' } });
      expect(result.isError ?? false).toBe(false);
      expect(JSON.stringify(result.content)).toMatch(/25 dcim\.site/);
    } finally {
      await client.close();
    }
  });
});
