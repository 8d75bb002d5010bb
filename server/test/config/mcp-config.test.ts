import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadMcpConfig } from '../../src/config/index.ts';
import { useTempDirs, writeFile } from './support.ts';

const tempDir = useTempDirs();

const GOOD = {
  mcpServers: {
    // The seed plan's server, as its .mcp.json has it, renamed: "netbox" is ours.
    'netbox-python': {
      type: 'stdio',
      command: 'uv',
      args: ['--directory', '/opt/netbox-mcp-server', 'run', 'server.py'],
      env: { NETBOX_URL: '${NETBOX_URL}', NETBOX_TOKEN: '${NETBOX_TOKEN}' },
    },
    // Claude Code's .mcp.json may leave out a stdio server's type.
    plain_tool: { command: '/usr/local/bin/plain-mcp' },
    inventory: {
      type: 'http',
      url: 'https://inventory.example.com/mcp',
      headers: { Authorization: 'Bearer ${INVENTORY_TOKEN}', 'X-Team': '${TEAM:-noc}' },
    },
  },
  allowedTools: [
    'mcp__netbox-python__netbox_get_objects',
    'mcp__netbox-python__netbox_get_changelogs',
    'mcp__plain_tool__lookup',
    'mcp__inventory__find_asset',
    'mcp__inventory__find_asset',
  ],
};

const ENV = { NETBOX_URL: 'https://netbox.example.com', NETBOX_TOKEN: 'nbt_k.secret', INVENTORY_TOKEN: 'inv-secret' };

function fileWith(content: unknown): string {
  return writeFile(tempDir(), 'mcp.json', typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

function problemsOf(content: unknown, env: Record<string, string> = ENV): string[] {
  const file = fileWith(content);
  const result = loadMcpConfig(file, env);
  expect(result.config).toBeUndefined();
  return result.problems.map((line) => line.replace(file, 'FILE'));
}

describe('MCP_CONFIG', () => {
  it('reads a good file: stdio and http servers, ${VAR} expanded, tools listed once', () => {
    const file = fileWith(GOOD);
    expect(loadMcpConfig(file, ENV)).toEqual({
      problems: [],
      config: {
        file,
        servers: {
          'netbox-python': {
            type: 'stdio',
            command: 'uv',
            args: ['--directory', '/opt/netbox-mcp-server', 'run', 'server.py'],
            env: { NETBOX_URL: 'https://netbox.example.com', NETBOX_TOKEN: 'nbt_k.secret' },
          },
          plain_tool: { type: 'stdio', command: '/usr/local/bin/plain-mcp', args: [], env: {} },
          inventory: {
            type: 'http',
            url: 'https://inventory.example.com/mcp',
            headers: { Authorization: 'Bearer inv-secret', 'X-Team': 'noc' },
          },
        },
        allowedTools: [
          'mcp__netbox-python__netbox_get_objects',
          'mcp__netbox-python__netbox_get_changelogs',
          'mcp__plain_tool__lookup',
          'mcp__inventory__find_asset',
        ],
      },
    });
  });

  it('is loaded by loadConfig from a path relative to the working folder, with .env variables for ${VAR}', () => {
    const dir = tempDir();
    writeFile(dir, 'conf/mcp.json', JSON.stringify(GOOD));
    writeFile(dir, '.env', 'INVENTORY_TOKEN=from-dotenv\nNETBOX_TOKEN=nbt_k.dotenv\n');
    const config = loadConfig({ MCP_CONFIG: 'conf/mcp.json', NETBOX_URL: 'https://nb.example.com', NETBOX_TOKEN: 'nbt_k.env' }, { cwd: dir });
    expect(config.mcp?.file).toBe(`${dir}/conf/mcp.json`);
    expect(config.mcp?.servers.inventory).toMatchObject({ headers: { Authorization: 'Bearer from-dotenv' } });
    // The environment wins over .env here too.
    expect(config.mcp?.servers['netbox-python']).toMatchObject({ env: { NETBOX_TOKEN: 'nbt_k.env' } });
  });

  it('accepts a file with no servers', () => {
    expect(loadMcpConfig(fileWith({ mcpServers: {}, allowedTools: [] }), {}).config?.servers).toEqual({});
  });

  it('names a missing file, a folder and an unreadable file', () => {
    const dir = tempDir();
    expect(() => loadConfig({ MCP_CONFIG: 'missing.json' }, { cwd: dir, envFile: null })).toThrow(
      `MCP_CONFIG points to ${dir}/missing.json, which does not exist: fix the path or unset MCP_CONFIG`,
    );
    expect(loadMcpConfig(dir, {}).problems).toEqual([
      `MCP_CONFIG file ${dir} cannot be read (it is a directory): point MCP_CONFIG at a readable JSON file, or unset it`,
    ]);
    if (process.getuid?.() !== 0) {
      const locked = fileWith(GOOD);
      chmodSync(locked, 0o000);
      expect(loadMcpConfig(locked, ENV).problems[0]).toMatch(/cannot be read \(permission denied\)/);
    }
  });

  it('says where the JSON is broken without quoting it', () => {
    expect(problemsOf('{\n  "mcpServers": {\n    "x": { "command": "secret-cmd", }\n  }\n}')).toEqual([
      'MCP_CONFIG file FILE is not valid JSON (line 3, column 37): fix the syntax (a JSON object with "mcpServers" and "allowedTools")',
    ]);
    expect(problemsOf('  \n')).toEqual([
      'MCP_CONFIG file FILE is not valid JSON (it ends too early): fix the syntax (a JSON object with "mcpServers" and "allowedTools")',
    ]);
    expect(problemsOf('{"mcpServers": {"x": {"env": {"T": "hunter2"')[0]).toMatch(/not valid JSON \(line 1, column \d+\)/);
    const odd = problemsOf('{"mcpServers": hunter2}');
    expect(odd[0]).toMatch(/^MCP_CONFIG file FILE is not valid JSON/);
    expect(odd[0]).not.toContain('hunter2');
  });

  it('checks the top level', () => {
    expect(problemsOf([])).toEqual(['MCP_CONFIG file FILE: must be a JSON object with "mcpServers" and "allowedTools"']);
    // The seed's .mcp.json has no allow-list.
    expect(problemsOf({ mcpServers: {} })).toEqual([
      'MCP_CONFIG file FILE: "allowedTools" must be a list of the tool names the agent may use, e.g. ["mcp__inventory__lookup"]',
    ]);
    expect(problemsOf({ mcpServers: [], allowedTools: [] })).toEqual([
      'MCP_CONFIG file FILE: "mcpServers" must be an object of servers by name, e.g. {"inventory": {"type": "http", "url": "https://…"}}',
    ]);
    expect(problemsOf({ mcpServers: {}, allowedTools: [], allowedtools: [] })).toEqual([
      'MCP_CONFIG file FILE: unknown top-level key "allowedtools": only "mcpServers" and "allowedTools" are read',
    ]);
    expect(problemsOf({ mcpServers: {}, allowedTools: [3] })).toEqual(['MCP_CONFIG file FILE: allowedTools.0: must be a string']);
  });

  it('checks each server', () => {
    const only = (server: unknown, name = 'inv') => problemsOf({ mcpServers: { [name]: server }, allowedTools: [`mcp__${name}__x`] });
    expect(only({ type: 'sse', url: 'https://x' })).toEqual(['MCP_CONFIG file FILE: mcpServers.inv.type must be "stdio" or "http"']);
    expect(only({ type: 'stdio' })).toEqual([
      'MCP_CONFIG file FILE: mcpServers.inv.command must be the program to run, e.g. "uv" or "/usr/local/bin/my-mcp"',
    ]);
    expect(only({ command: '' })).toEqual(['MCP_CONFIG file FILE: mcpServers.inv.command must not be empty']);
    expect(only({ command: 'uv', args: 'run server.py' })).toEqual(['MCP_CONFIG file FILE: mcpServers.inv.args must be a list of strings']);
    expect(only({ command: 'uv', env: { PORT: 8000 } })).toEqual(['MCP_CONFIG file FILE: mcpServers.inv.env.PORT must be a string']);
    expect(only({ command: 'uv', arg: ['x'] })).toEqual([
      'MCP_CONFIG file FILE: mcpServers.inv has unknown key "arg": a stdio server takes command, args, env; an http server takes url, headers',
    ]);
    expect(only({ type: 'http', url: 'inventory.local/mcp' })).toEqual([
      'MCP_CONFIG file FILE: mcpServers.inv.url must be an http(s) URL, e.g. https://mcp.example.com/mcp',
    ]);
    expect(only({ type: 'http' })).toEqual(['MCP_CONFIG file FILE: mcpServers.inv.url must be an http(s) URL, e.g. https://mcp.example.com/mcp']);
    expect(only('uv run server.py')).toEqual([
      'MCP_CONFIG file FILE: mcpServers.inv must be an object, e.g. {"type": "stdio", "command": "uv", "args": […]}',
    ]);
  });

  it('keeps the name "netbox" for the built-in tools and checks names', () => {
    expect(problemsOf({ mcpServers: { netbox: { command: 'uv' } }, allowedTools: [] })).toEqual([
      'MCP_CONFIG file FILE: server name "netbox" is reserved for the built-in NetBox tools: rename it (e.g. "netbox-python") and its tools in allowedTools to mcp__netbox-python__…',
    ]);
    expect(problemsOf({ mcpServers: { 'my server': { command: 'x' }, a__b: { command: 'x' } }, allowedTools: [] })).toEqual([
      'MCP_CONFIG file FILE: server name "my server" must be 1-64 letters, digits, "-" or single "_": rename it',
      'MCP_CONFIG file FILE: server name "a__b" must be 1-64 letters, digits, "-" or single "_": rename it',
    ]);
  });

  it('checks the allow-list against the servers', () => {
    const servers = { inv: { type: 'http', url: 'https://inv.example.com/mcp' } };
    expect(problemsOf({ mcpServers: servers, allowedTools: ['mcp__inv__*'] })).toEqual([
      'MCP_CONFIG file FILE: allowedTools entry "mcp__inv__*" has a wildcard: list each tool by its full name, so a tool added to a server later is not allowed silently',
      'MCP_CONFIG file FILE: server "inv" has no tool in allowedTools, so the agent could not use it: add its tools (mcp__inv__<tool>) or remove the server',
    ]);
    expect(problemsOf({ mcpServers: servers, allowedTools: ['mcp__inv__find', 'lookup', 'Bash', 'mcp__other__x', 'mcp__netbox__netbox_get_objects'] })).toEqual([
      'MCP_CONFIG file FILE: allowedTools entry "lookup" is not a tool name: write mcp__<server>__<tool>, e.g. mcp__inventory__lookup',
      'MCP_CONFIG file FILE: allowedTools entry "Bash" is not a tool name: write mcp__<server>__<tool>, e.g. mcp__inventory__lookup',
      'MCP_CONFIG file FILE: allowedTools entry "mcp__other__x" names server "other", which is not in mcpServers: add the server or fix the name',
      'MCP_CONFIG file FILE: allowedTools entry "mcp__netbox__netbox_get_objects" names a built-in NetBox tool, which is always allowed: remove it',
    ]);
  });

  it('names a ${VAR} that is not set, without quoting the values around it', () => {
    const lines = problemsOf(GOOD, { NETBOX_URL: 'https://nb' });
    expect(lines).toEqual([
      'MCP_CONFIG file FILE: mcpServers.netbox-python.env.NETBOX_TOKEN uses ${NETBOX_TOKEN}, which is not set: set NETBOX_TOKEN in the environment or .env, or write ${NETBOX_TOKEN:-default}',
      'MCP_CONFIG file FILE: mcpServers.inventory.headers.Authorization uses ${INVENTORY_TOKEN}, which is not set: set INVENTORY_TOKEN in the environment or .env, or write ${INVENTORY_TOKEN:-default}',
    ]);
  });

  it('stops the start through loadConfig with every problem listed', () => {
    const dir = tempDir();
    writeFile(dir, 'mcp.json', JSON.stringify({ mcpServers: { netbox: { command: 'uv' } }, allowedTools: ['x'] }));
    let message = '';
    try {
      loadConfig({ MCP_CONFIG: 'mcp.json' }, { cwd: dir, envFile: null });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'The server cannot start: fix these 2 problems (in the environment or .env):',
      `  - MCP_CONFIG file ${dir}/mcp.json: server name "netbox" is reserved for the built-in NetBox tools: rename it (e.g. "netbox-python") and its tools in allowedTools to mcp__netbox-python__…`,
      `  - MCP_CONFIG file ${dir}/mcp.json: allowedTools entry "x" is not a tool name: write mcp__<server>__<tool>, e.g. mcp__inventory__lookup`,
    ]);
  });
});
