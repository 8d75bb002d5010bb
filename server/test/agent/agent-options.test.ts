import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CanUseTool, PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  buildAgentEnv,
  buildAgentOptions,
  NETBOX_TOOL_NAMES,
  SessionPool,
  SYSTEM_PROMPT,
} from '../../src/agent/index.ts';
import { API_KEY, useAgentHarness } from './support/agent-harness.ts';
import { cliProcesses } from './support/processes.ts';

const harness = useAgentHarness();
const pool = new SessionPool({ maxLive: 4 });
afterAll(() => pool.close());

const CANARY = 'CHATBOX_TEST_CANARY';
afterEach(() => {
  delete process.env[CANARY];
});

const ask = async (gate: CanUseTool, name: string): Promise<PermissionResult | null> =>
  gate(name, { x: 1 }, { signal: new AbortController().signal, toolUseID: 'toolu_1', suggestions: [] } as never);

describe('the CLI environment', () => {
  it('takes only whitelisted variables from the source env', () => {
    const env = buildAgentEnv({
      source: {
        PATH: '/bin',
        ANTHROPIC_API_KEY: 'k',
        ANTHROPIC_BASE_URL: 'http://gw',
        ANTHROPIC_MODEL: 'm',
        DATABASE_URL: 'postgres://secret',
        NETBOX_TOKEN: 'nbt',
        SESSION_SECRET: 's',
        AWS_SECRET_ACCESS_KEY: 'aws',
        GOOGLE_APPLICATION_CREDENTIALS: '/g.json',
        HTTPS_PROXY: 'http://proxy:3128',
        HOME: '/root',
        ANTHROPIC_AUTH_TOKEN: '',
      },
      homeDir: '/data/agent/home',
      configDir: '/data/agent/home/.claude',
      maxRetries: 3,
    });
    expect(env).toEqual({
      PATH: '/bin',
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: 'http://gw',
      ANTHROPIC_MODEL: 'm',
      HTTPS_PROXY: 'http://proxy:3128',
      HOME: '/data/agent/home',
      CLAUDE_CONFIG_DIR: '/data/agent/home/.claude',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      ENABLE_TOOL_SEARCH: 'false',
      CLAUDE_AGENT_SDK_CLIENT_APP: 'netbox-chatbox/0.1.0',
      CLAUDE_CODE_MAX_RETRIES: '3',
    });
  });

  it('passes a cloud provider\'s variables only while its switch is on', () => {
    const source = {
      PATH: '/bin',
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'eu-west-1',
      AWS_SECRET_ACCESS_KEY: 'aws',
      CLAUDE_CODE_USE_VERTEX: '0',
      CLOUD_ML_REGION: 'us-east5',
      GOOGLE_APPLICATION_CREDENTIALS: '/g.json',
      ANTHROPIC_VERTEX_PROJECT_ID: 'p',
    };
    const env = buildAgentEnv({ source, homeDir: '/h', configDir: '/c' });
    expect(env).toMatchObject({ CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'eu-west-1', AWS_SECRET_ACCESS_KEY: 'aws' });
    for (const name of ['CLAUDE_CODE_USE_VERTEX', 'CLOUD_ML_REGION', 'GOOGLE_APPLICATION_CREDENTIALS', 'ANTHROPIC_VERTEX_PROJECT_ID']) expect(env).not.toHaveProperty(name);
    const vertex = buildAgentEnv({ source: { ...source, CLAUDE_CODE_USE_BEDROCK: 'false', CLAUDE_CODE_USE_VERTEX: 'true' }, homeDir: '/h', configDir: '/c' });
    expect(vertex).toMatchObject({ CLAUDE_CODE_USE_VERTEX: 'true', CLOUD_ML_REGION: 'us-east5', GOOGLE_APPLICATION_CREDENTIALS: '/g.json', ANTHROPIC_VERTEX_PROJECT_ID: 'p' });
    expect(vertex).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
  });

  it('is what the live CLI process really has: no other variable of ours reaches it', async () => {
    process.env[CANARY] = 'canary-value';
    const sourceEnv = { ...process.env, ANTHROPIC_BASE_URL: harness.model.url, ANTHROPIC_API_KEY: API_KEY };
    const ours = new Set(Object.keys(harness.options(undefined, { sourceEnv }).env ?? {}));
    const before = new Set(cliProcesses().map((p) => p.pid));
    const { session, log } = harness.session(pool, { overrides: { sourceEnv } });
    await log.ended(session.send('hello there'));
    const cli = cliProcesses().find((p) => !before.has(p.pid));
    if (!cli) throw new Error('no CLI process found');
    // The SDK adds these for its own child (SDK 0.3.337); nothing else may be there that we did not put there.
    const sdkOwn = ['BUN_ENABLE_CRASH_REPORTING', 'CLAUDE_CODE_ENTRYPOINT', 'CLAUDE_AGENT_SDK_VERSION', 'CLAUDE_CODE_SDK_READS_SESSION_STATE'];
    expect(Object.keys(cli.env).filter((name) => !ours.has(name)).sort()).toEqual(sdkOwn.sort());
    expect(cli.env).not.toHaveProperty(CANARY);
    expect(Object.values(cli.env)).not.toContain('canary-value');
    expect(cli.env).toMatchObject({
      ANTHROPIC_API_KEY: API_KEY,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      HOME: join(harness.dataDir, 'agent', 'home'),
      CLAUDE_CONFIG_DIR: join(harness.dataDir, 'agent', 'home', '.claude'),
    });
    await session.close();
  });
});

describe('the lock-down', () => {
  it('builds the options BRIEF §3 asks for', () => {
    const options = buildAgentOptions({
      dataDir: harness.dataDir,
      sourceEnv: { PATH: '/bin', ANTHROPIC_API_KEY: 'k' },
      model: 'claude-test-1',
      netbox: { url: harness.sandbox.url, token: harness.sandbox.token },
    });
    expect(options).toMatchObject({
      tools: [],
      settingSources: [],
      strictMcpConfig: true,
      includePartialMessages: true,
      verbatimPrompts: true,
      permissionMode: 'default',
      model: 'claude-test-1',
      cwd: join(harness.dataDir, 'agent', 'workdir'),
      systemPrompt: SYSTEM_PROMPT,
      mcpServersDelivery: 'initialize',
    });
    // canUseTool is the only gate: tools in allowedTools would bypass it.
    expect(options.allowedTools).toBeUndefined();
    expect(options.canUseTool).toBeTypeOf('function');
    expect(Object.keys(options.mcpServers ?? {})).toEqual(['netbox']);
    expect(options.mcpServers?.netbox).toMatchObject({ type: 'sdk', name: 'netbox' });
    expect(readdirSync(options.cwd as string)).toEqual([]);
    expect(Buffer.byteLength(SYSTEM_PROMPT)).toBeLessThan(2_500);
  });

  it('lets canUseTool allow the NetBox tools and the admin allow-list, and deny everything else', async () => {
    const options = buildAgentOptions({
      dataDir: harness.dataDir,
      sourceEnv: {},
      netbox: { url: harness.sandbox.url, token: harness.sandbox.token },
      extraMcp: { servers: { docs: { type: 'http', url: 'http://127.0.0.1:9/mcp' } }, allowedTools: ['mcp__docs__search'] },
    });
    const gate = options.canUseTool as CanUseTool;
    for (const name of [...NETBOX_TOOL_NAMES, 'mcp__docs__search']) expect(await ask(gate, name)).toEqual({ behavior: 'allow', updatedInput: { x: 1 } });
    for (const name of ['mcp__docs__delete', 'mcp__netbox__netbox_write', 'Bash', 'Read', 'WebFetch', 'Write', 'mcp__other__x']) {
      expect(await ask(gate, name)).toMatchObject({ behavior: 'deny' });
    }
    expect(Object.keys(options.mcpServers ?? {})).toEqual(['docs', 'netbox']);
  });

  it('refuses an admin config that would shadow the NetBox server or allow a tool of no configured server', () => {
    const base = { dataDir: harness.dataDir, sourceEnv: {}, netbox: { url: harness.sandbox.url, token: 't' } };
    expect(() => buildAgentOptions({ ...base, extraMcp: { servers: { netbox: { type: 'http', url: 'http://x' } }, allowedTools: [] } })).toThrow(/reserved/);
    expect(() => buildAgentOptions({ ...base, extraMcp: { servers: {}, allowedTools: ['mcp__ghost__tool'] } })).toThrow(/mcp__ghost__tool/);
    expect(() => buildAgentOptions({ ...base, extraMcp: { servers: {}, allowedTools: ['Bash'] } })).toThrow(/Bash/);
  });

  it('allows exactly the tools our NetBox MCP server serves, as the CLI lists them to the model', async () => {
    const { session, log } = harness.session(pool);
    await log.ended(session.send('hello there'));
    const body = harness.model.messageRequests()[0] as { tools: { name: string }[]; system: { text: string }[] };
    const listed = body.tools.map((t) => t.name).filter((name) => name.startsWith('mcp__netbox__'));
    expect(listed.sort()).toEqual([...NETBOX_TOOL_NAMES].sort());
    // Our prompt, not the Claude Code preset.
    expect(body.system.map((s) => s.text).join('\n')).toContain('You are NetBox Assistant');
    expect(JSON.stringify(body.system).length).toBeLessThan(4_000);
    await session.close();
  });
});
