import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConfigSchema,
  configSummary,
  DEFAULT_MODEL,
  loadConfig,
} from '../../src/config/index.ts';
import { ENV_NAMES } from '../../src/config/env-schema.ts';
import { CLI_PROCESS_BYTES, defaultMaxLiveSessions } from '../../src/config/live-sessions.ts';
import { load, problems, SECRET, useTempDirs, V1_TOKEN, writeFile } from './support.ts';

const tempDir = useTempDirs();
const MULTI = { NETBOX_URL: 'https://netbox.example.com', SESSION_SECRET: SECRET };

describe('loadConfig: defaults', () => {
  it('starts in demo mode on 127.0.0.1:3000 with nothing set, model not configured', () => {
    const config = load({});
    expect(config).toEqual({
      mode: 'demo',
      host: '127.0.0.1',
      port: 3000,
      dataDir: '/nonexistent/chatbox/data',
      database: { kind: 'pglite', dir: '/nonexistent/chatbox/data/pglite' },
      netbox: { verifyTls: true, timeoutMs: 15_000 },
      model: {
        configured: false,
        reason: expect.stringMatching(/No AI model is configured: set ANTHROPIC_API_KEY/),
        name: DEFAULT_MODEL,
        provider: 'none',
        env: {},
      },
      mcp: null,
      corsOrigins: [],
      trustProxy: false,
      signInTtlMs: 7 * 24 * 60 * 60 * 1000,
      limits: {
        rateLimitPerMinute: 30,
        maxMessageChars: 16_000,
        maxLiveSessions: defaultMaxLiveSessions(),
        maxLiveSessionsPerUser: defaultMaxLiveSessions(),
        sessionIdleMs: 600_000,
        turnStallMs: 120_000,
      },
      logLevel: 'info',
      envFile: null,
      warnings: [config.model.reason],
    });
    expect(ConfigSchema.parse(config)).toEqual(config);
  });

  it('treats empty and blank values as unset', () => {
    expect(load({ HOST: '', PORT: '', NETBOX_URL: '', NETBOX_TOKEN: '  ', LOG_LEVEL: '' })).toMatchObject({
      mode: 'demo',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = load({
      ...MULTI,
      HOST: '0.0.0.0',
      PORT: '8080',
      DATA_DIR: '/var/lib/chatbox',
      DATABASE_URL: 'postgres://chatbox:pw@db:5432/chatbox',
      NETBOX_VERIFY_TLS: 'false',
      NETBOX_TIMEOUT_MS: '5_000',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_MODEL: 'claude-sonnet-4-6',
      CORS_ORIGINS: 'https://Chat.Example.com, http://localhost:5173/ ,https://chat.example.com',
      PUBLIC_URL: 'https://chat.example.com',
      TRUST_PROXY: '10.0.0.5',
      SIGN_IN_TTL_MS: '86400000',
      RATE_LIMIT_PER_MINUTE: '10',
      MAX_MESSAGE_CHARS: '4000',
      MAX_LIVE_SESSIONS: '2',
      MAX_LIVE_SESSIONS_PER_USER: '1',
      SESSION_IDLE_MS: '60000',
      TURN_STALL_MS: '30000',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config).toMatchObject({
      mode: 'multi-user',
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/var/lib/chatbox',
      database: { kind: 'postgres', url: 'postgres://chatbox:pw@db:5432/chatbox' },
      netbox: { url: 'https://netbox.example.com', verifyTls: false, timeoutMs: 5000 },
      model: { configured: true, provider: 'anthropic', name: 'claude-sonnet-4-6', env: { ANTHROPIC_API_KEY: 'sk-ant-test' } },
      sessionSecret: SECRET,
      corsOrigins: ['https://chat.example.com', 'http://localhost:5173'],
      publicUrl: 'https://chat.example.com',
      trustProxy: ['10.0.0.5'],
      signInTtlMs: 86_400_000,
      limits: { rateLimitPerMinute: 10, maxMessageChars: 4000, maxLiveSessions: 2, maxLiveSessionsPerUser: 1, sessionIdleMs: 60_000, turnStallMs: 30_000 },
      logLevel: 'debug',
    });
    expect(config.warnings).toEqual(['NETBOX_VERIFY_TLS is off: NetBox’s TLS certificate is not checked']);
  });

  it('sizes the live sessions to the machine, and gives each signed-in user a quarter of them', () => {
    const gib = 2 ** 30;
    // 16 GiB: three quarters, less 1 GiB for the server, in 210 MB processes.
    expect(defaultMaxLiveSessions({ total: 16 * gib })).toBe(Math.floor((12 * gib - gib) / CLI_PROCESS_BYTES));
    expect(defaultMaxLiveSessions({ total: 64 * gib, limit: 4 * gib })).toBe(Math.floor((3 * gib - gib) / CLI_PROCESS_BYTES));
    expect(defaultMaxLiveSessions({ total: gib })).toBe(1);
    expect(load({ ...MULTI, MAX_LIVE_SESSIONS: '8' }).limits).toMatchObject({ maxLiveSessions: 8, maxLiveSessionsPerUser: 2 });
    expect(load({ ...MULTI, MAX_LIVE_SESSIONS: '3' }).limits).toMatchObject({ maxLiveSessions: 3, maxLiveSessionsPerUser: 1 });
    // Without sign-in there is one user: a cap on them would cap the server.
    expect(load({ MAX_LIVE_SESSIONS: '8' }).limits).toMatchObject({ maxLiveSessions: 8, maxLiveSessionsPerUser: 8 });
  });

  it('resolves relative paths against the working folder', () => {
    expect(load({ DATA_DIR: 'state/chat' }, '/srv/app').dataDir).toBe('/srv/app/state/chat');
  });

  it('normalizes NETBOX_URL as the NetBox client does', () => {
    for (const url of ['https://netbox.example.com/', 'https://netbox.example.com/api/', 'https://netbox.example.com/api']) {
      expect(load({ ...MULTI, NETBOX_URL: url }).netbox.url).toBe('https://netbox.example.com');
    }
    expect(load({ ...MULTI, NETBOX_URL: 'https://example.com/netbox/api/' }).netbox.url).toBe('https://example.com/netbox');
  });
});

describe('loadConfig: modes', () => {
  it('demo without NETBOX_URL', () => {
    expect(load({}).mode).toBe('demo');
    expect(load({ HOST: '::1' }).mode).toBe('demo');
  });

  it('single-user with NETBOX_URL and NETBOX_TOKEN, token kept for the NetBox client', () => {
    const config = load({ NETBOX_URL: 'http://127.0.0.1:8000', NETBOX_TOKEN: V1_TOKEN });
    expect(config.mode).toBe('single-user');
    expect(config.netbox).toEqual({ url: 'http://127.0.0.1:8000', token: V1_TOKEN, verifyTls: true, timeoutMs: 15_000 });
    expect(load({ NETBOX_URL: 'http://127.0.0.1:8000', NETBOX_TOKEN: 'nbt_abc123.def456' }).netbox.token).toBe('nbt_abc123.def456');
    expect(load({ NETBOX_URL: 'http://127.0.0.1:8000', NETBOX_TOKEN: `Token ${V1_TOKEN}` }).netbox.token).toBe(`Token ${V1_TOKEN}`);
  });

  it('multi-user with NETBOX_URL alone, which needs SESSION_SECRET', () => {
    expect(load(MULTI)).toMatchObject({ mode: 'multi-user', sessionSecret: SECRET, netbox: { url: 'https://netbox.example.com' } });
    expect(problems({ NETBOX_URL: 'https://netbox.example.com' })).toEqual([
      'SESSION_SECRET is required in multi-user mode (NETBOX_URL without NETBOX_TOKEN, where users sign in): ' +
        'set it to at least 32 random characters, e.g. the output of `openssl rand -base64 48`',
    ]);
  });

  it('refuses NETBOX_TOKEN without NETBOX_URL rather than silently running the demo', () => {
    expect(problems({ NETBOX_TOKEN: V1_TOKEN })).toEqual([
      'NETBOX_TOKEN is set but NETBOX_URL is not: set NETBOX_URL to your NetBox (e.g. https://netbox.example.com), or remove NETBOX_TOKEN to run the demo',
    ]);
  });

  it('warns when users would send passwords to NetBox over plain http', () => {
    expect(load({ ...MULTI, NETBOX_URL: 'http://netbox.example.com' }).warnings).toContain(
      'NETBOX_URL is plain http: users’ passwords and tokens travel to NetBox unencrypted; use https',
    );
    expect(load({ ...MULTI, NETBOX_URL: 'http://127.0.0.1:8000' }).warnings).toEqual([expect.stringMatching(/No AI model/)]);
  });
});

describe('loadConfig: the loopback rule', () => {
  it('allows demo and single-user mode on loopback addresses only', () => {
    const single = { NETBOX_URL: 'https://netbox.example.com', NETBOX_TOKEN: V1_TOKEN };
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(load({ HOST: host }).mode, host).toBe('demo');
      expect(load({ ...single, HOST: host }).mode, host).toBe('single-user');
    }
  });

  it('refuses demo mode on a public address, saying why and what to set', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'chat.example.com', '::ffff:10.0.0.1']) {
      const [problem, ...rest] = problems({ HOST: host });
      expect(rest).toEqual([]);
      expect(problem).toBe(
        `HOST=${host} is not a loopback address, but demo mode (no NETBOX_URL) has no sign-in, so anyone who can reach the port could use it: ` +
          'set HOST=127.0.0.1, or set NETBOX_URL (without NETBOX_TOKEN) and SESSION_SECRET for multi-user mode with sign-in',
      );
    }
  });

  it('refuses single-user mode on a public address', () => {
    expect(problems({ HOST: '0.0.0.0', NETBOX_URL: 'https://netbox.example.com', NETBOX_TOKEN: V1_TOKEN })).toEqual([
      'HOST=0.0.0.0 is not a loopback address, but single-user mode (NETBOX_TOKEN set) has no sign-in, so anyone who can reach the port would use that token: ' +
        'set HOST=127.0.0.1, or remove NETBOX_TOKEN so that users sign in with their own NetBox account (multi-user mode, needs SESSION_SECRET)',
    ]);
  });

  it('allows multi-user mode anywhere, given the public address users open', () => {
    expect(load({ ...MULTI, HOST: '0.0.0.0', PUBLIC_URL: 'https://chat.example.com' }).mode).toBe('multi-user');
    expect(load({ ...MULTI, HOST: '::', PUBLIC_URL: 'https://chat.example.com' }).host).toBe('::');
    expect(load({ ...MULTI, HOST: '127.0.0.1' }).publicUrl).toBeUndefined();
  });
});

describe('loadConfig: PUBLIC_URL, TRUST_PROXY and the sign-in lifetime', () => {
  it('keeps the origin of PUBLIC_URL', () => {
    expect(load({ ...MULTI, PUBLIC_URL: 'https://Chat.Example.com/' }).publicUrl).toBe('https://chat.example.com');
    expect(load({ ...MULTI, PUBLIC_URL: 'https://chat.example.com:443' }).publicUrl).toBe('https://chat.example.com');
    expect(load({ ...MULTI, PUBLIC_URL: 'http://chat.example.com:8080' }).publicUrl).toBe('http://chat.example.com:8080');
  });

  it('needs PUBLIC_URL in multi-user mode beyond loopback, since the server answers to no other public name', () => {
    expect(problems({ ...MULTI, HOST: '0.0.0.0' })).toEqual([
      'PUBLIC_URL is required in multi-user mode when HOST=0.0.0.0 is not a loopback address: set it to the address users open the chat at, ' +
        'e.g. PUBLIC_URL=https://chat.example.com (the server answers only to that host name and to localhost)',
    ]);
  });

  it('refuses a public PUBLIC_URL in the modes without sign-in', () => {
    expect(problems({ PUBLIC_URL: 'https://chat.example.com' })).toEqual([
      'PUBLIC_URL=https://chat.example.com names a public host, but demo mode has no sign-in, so anyone who opens it would use the server’s NetBox token: ' +
        'remove PUBLIC_URL, or set NETBOX_URL without NETBOX_TOKEN and SESSION_SECRET for multi-user mode with sign-in',
    ]);
    expect(problems({ NETBOX_URL: 'https://netbox.example.com', NETBOX_TOKEN: V1_TOKEN, PUBLIC_URL: 'https://chat.example.com' })[0]).toMatch(/^PUBLIC_URL=.* single-user mode has no sign-in/);
    expect(load({ PUBLIC_URL: 'http://localhost:3000' }).publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['chat.example.com', /^PUBLIC_URL must be the address users open the chat at, e\.g\. https:\/\/chat\.example\.com \(got "chat\.example\.com"\)$/],
    ['ftp://chat.example.com', /^PUBLIC_URL must start with https:\/\/ or http:\/\//],
    ['https://chat.example.com/chat', /^PUBLIC_URL must be scheme, host and optional port only/],
    ['https://chat.example.com/?x=1', /^PUBLIC_URL must be scheme, host and optional port only/],
    ['https://admin:pw@chat.example.com', /^PUBLIC_URL must not contain a user name or password/],
  ])('refuses PUBLIC_URL=%s', (value, message) => {
    expect(problems({ ...MULTI, PUBLIC_URL: value })).toEqual([expect.stringMatching(message)]);
  });

  it('reads TRUST_PROXY in the forms Fastify takes', () => {
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(load({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1,fd00::/8, loopback' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses a hop count, which Fastify cannot check against the proxy’s address', () => {
    expect(problems({ TRUST_PROXY: '1' })).toEqual([expect.stringMatching(/^TRUST_PROXY must name the proxies' addresses or subnets .*not a hop count \(got "1"\)/)]);
  });

  it.each(['0', '99', 'proxy.example.com', '10.0.0.5/33', '10.0.0.0/8/8', ',', '300.1.1.1'])('refuses TRUST_PROXY=%s', (value) => {
    expect(problems({ TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY must /)]);
  });

  it('warns when TRUST_PROXY=true lets any client pick its own address, and when PUBLIC_URL is plain http', () => {
    const config = load({ ...MULTI, HOST: '0.0.0.0', PUBLIC_URL: 'http://chat.example.com', TRUST_PROXY: 'true' });
    expect(config.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^TRUST_PROXY=true believes X-Forwarded-For/), expect.stringMatching(/^PUBLIC_URL is plain http/)]),
    );
    expect(load({ ...MULTI, TRUST_PROXY: 'true' }).warnings.filter((w) => w.startsWith('TRUST_PROXY'))).toEqual([]);
  });

  it('reads the sign-in lifetime', () => {
    expect(load({ SIGN_IN_TTL_MS: '3600000' }).signInTtlMs).toBe(3_600_000);
    expect(problems({ SIGN_IN_TTL_MS: '10' })).toEqual([expect.stringMatching(/^SIGN_IN_TTL_MS must be a whole number of milliseconds from 1000/)]);
  });
});

describe('loadConfig: bad values', () => {
  const cases: [Record<string, string>, string][] = [
    [{ HOST: 'my host' }, 'HOST must be an address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (got "my host")'],
    [{ PORT: 'abc' }, 'PORT must be a port number from 0 to 65535, e.g. 3000 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535, e.g. 3000 (got "70000")'],
    [{ PORT: '-1' }, 'PORT must be a port number from 0 to 65535, e.g. 3000 (got "-1")'],
    [{ PORT: '3000.5' }, 'PORT must be a port number from 0 to 65535, e.g. 3000 (got "3000.5")'],
    [
      { DATABASE_URL: 'mysql://root:hunter2@db/chat' },
      'DATABASE_URL must be a PostgreSQL URL, e.g. postgres://chatbox:PASSWORD@localhost:5432/chatbox, or unset to use the built-in store in DATA_DIR (got a mysql: URL)',
    ],
    [
      { DATABASE_URL: 'hunter2' },
      'DATABASE_URL must be a PostgreSQL URL, e.g. postgres://chatbox:PASSWORD@localhost:5432/chatbox, or unset to use the built-in store in DATA_DIR (got something that is not a URL)',
    ],
    [{ NETBOX_URL: 'netbox.example.com' }, 'NETBOX_URL must be the http(s) URL of your NetBox, e.g. https://netbox.example.com, or unset for demo mode (got "netbox.example.com")'],
    [{ NETBOX_URL: 'ftp://netbox' }, 'NETBOX_URL must be the http(s) URL of your NetBox, e.g. https://netbox.example.com, or unset for demo mode (got "ftp://netbox")'],
    [
      { NETBOX_URL: 'https://nb', NETBOX_TOKEN: 'abc def' },
      'NETBOX_TOKEN must be a NetBox API token: 40 hex characters (v1) or nbt_<key>.<token> (v2), with no spaces (the value has a space in it)',
    ],
    [{ NETBOX_VERIFY_TLS: 'maybe' }, 'NETBOX_VERIFY_TLS must be true or false (got "maybe")'],
    [{ NETBOX_TIMEOUT_MS: '0' }, 'NETBOX_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, e.g. 15000 (got "0")'],
    [{ NETBOX_TIMEOUT_MS: '15s' }, 'NETBOX_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, e.g. 15000 (got "15s")'],
    [{ ANTHROPIC_API_KEY: 'sk-ant key' }, 'ANTHROPIC_API_KEY must be an Anthropic API key (sk-ant-…), with no spaces (the value has a space in it)'],
    [{ ANTHROPIC_AUTH_TOKEN: 'a b' }, 'ANTHROPIC_AUTH_TOKEN must be a bearer token for your model gateway, with no spaces (the value has a space in it)'],
    [
      { ANTHROPIC_BASE_URL: 'localhost:8080' },
      'ANTHROPIC_BASE_URL must be the http(s) URL of an Anthropic-compatible endpoint, e.g. https://llm-gateway.example.com (got "localhost:8080")',
    ],
    [{ ANTHROPIC_MODEL: 'claude sonnet' }, `ANTHROPIC_MODEL must be a model name or alias, e.g. ${DEFAULT_MODEL}, claude-sonnet-4-6 or sonnet (got "claude sonnet")`],
    [{ CLAUDE_CODE_USE_BEDROCK: 'please' }, 'CLAUDE_CODE_USE_BEDROCK must be 1 (use Amazon Bedrock) or 0 (got "please")'],
    [{ CLAUDE_CODE_USE_VERTEX: '2' }, 'CLAUDE_CODE_USE_VERTEX must be 1 (use Google Vertex AI) or 0 (got "2")'],
    [{ SESSION_SECRET: 'too-short' }, 'SESSION_SECRET must be at least 32 characters, e.g. the output of `openssl rand -base64 48` (got 9 characters)'],
    [
      { CORS_ORIGINS: '*' },
      'CORS_ORIGINS may not be "*": the chat uses cookies, so list each site that may call the API, e.g. https://chat.example.com',
    ],
    [
      { CORS_ORIGINS: 'https://ok.example.com,https://chat.example.com/app' },
      'CORS_ORIGINS entry "https://chat.example.com/app" is not an origin: write scheme, host and optional port, no path, e.g. https://chat.example.com,http://localhost:5173',
    ],
    [
      { CORS_ORIGINS: 'chat.example.com' },
      'CORS_ORIGINS entry "chat.example.com" is not an origin: write scheme, host and optional port, no path, e.g. https://chat.example.com,http://localhost:5173',
    ],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE must be a whole number of messages per minute per user, from 1 to 100000, e.g. 30 (got "0")'],
    [{ MAX_MESSAGE_CHARS: '20000' }, 'MAX_MESSAGE_CHARS must be a whole number of characters from 1 to 16000 (got "20000")'],
    [{ MAX_LIVE_SESSIONS: 'many' }, 'MAX_LIVE_SESSIONS must be a whole number from 1 to 1000 (each live session is a ~200 MB process), e.g. 8, or unset to fit the machine’s memory (got "many")'],
    [{ MAX_LIVE_SESSIONS: '4', MAX_LIVE_SESSIONS_PER_USER: '5' }, 'MAX_LIVE_SESSIONS_PER_USER=5 is more than MAX_LIVE_SESSIONS=4: lower it, or raise MAX_LIVE_SESSIONS'],
    [{ SESSION_IDLE_MS: '10' }, 'SESSION_IDLE_MS must be a whole number of milliseconds from 1000 to 86400000, e.g. 600000 (10 minutes) (got "10")'],
    [{ TURN_STALL_MS: '2m' }, 'TURN_STALL_MS must be a whole number of milliseconds from 1000 to 3600000, e.g. 120000 (2 minutes) (got "2m")'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")'],
  ];

  it.each(cases)('%j', (env, message) => {
    expect(problems(env)).toEqual([message]);
  });

  it('lists every bad variable at once, one line each, in a ConfigError', () => {
    let error: unknown;
    try {
      load({ PORT: 'x', LOG_LEVEL: 'loud', NETBOX_TIMEOUT_MS: '-5' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.code).toBe('CONFIG_INVALID');
    expect(configError.problems.map((line) => line.split(' ')[0])).toEqual(['PORT', 'NETBOX_TIMEOUT_MS', 'LOG_LEVEL']);
    expect(configError.message.split('\n')).toEqual([
      'The server cannot start: fix these 3 problems (in the environment or .env):',
      ...configError.problems.map((line) => `  - ${line}`),
    ]);
  });

  it('never repeats a secret in a message', () => {
    const secrets = {
      DATABASE_URL: 'mysql://root:Hunter2Secret@db/chat',
      NETBOX_URL: 'https://nb',
      NETBOX_TOKEN: 'nbt_key.Hunter2Secret and more',
      ANTHROPIC_API_KEY: 'sk-ant-Hunter2Secret x',
      ANTHROPIC_AUTH_TOKEN: 'Hunter2Secret x',
      SESSION_SECRET: 'Hunter2Secret',
    };
    const lines = problems(secrets);
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).not.toContain('Hunter2');
  });
});

describe('loadConfig: the .env file', () => {
  it('reads <cwd>/.env, with the environment winning and empty environment values ignored', () => {
    const dir = tempDir();
    writeFile(
      dir,
      '.env',
      ['# settings', 'PORT=4000', 'LOG_LEVEL=debug', 'ANTHROPIC_API_KEY="sk-ant-from-file"', 'export MAX_LIVE_SESSIONS=3', ''].join('\n'),
    );
    const config = loadConfig({ PORT: '5000', LOG_LEVEL: '' }, { cwd: dir });
    expect(config).toMatchObject({
      port: 5000,
      logLevel: 'debug',
      limits: { maxLiveSessions: 3 },
      model: { configured: true, env: { ANTHROPIC_API_KEY: 'sk-ant-from-file' } },
      envFile: `${dir}/.env`,
    });
  });

  it('is optional, and can be another file or none', () => {
    const dir = tempDir();
    expect(loadConfig({}, { cwd: dir }).envFile).toBeNull();
    writeFile(dir, 'prod.env', 'PORT=4100\n');
    writeFile(dir, '.env', 'PORT=4200\n');
    expect(loadConfig({}, { cwd: dir, envFile: 'prod.env' }).port).toBe(4100);
    expect(loadConfig({}, { cwd: dir, envFile: null }).port).toBe(3000);
  });

  it('reports bad values from the file like any other', () => {
    const dir = tempDir();
    writeFile(dir, '.env', 'PORT=http\n');
    expect(() => loadConfig({}, { cwd: dir })).toThrow('PORT must be a port number from 0 to 65535, e.g. 3000 (got "http")');
  });

  it('names a .env that cannot be read', () => {
    const dir = tempDir();
    writeFile(dir, '.env/placeholder', '');
    expect(() => loadConfig({}, { cwd: dir })).toThrow(`${dir}/.env cannot be read (it is a directory): make it a readable file of NAME=value lines, or remove it`);
  });
});

describe('configSummary', () => {
  it('leaves out every secret', () => {
    const config = load({
      ...MULTI,
      SESSION_SECRET: 'S'.repeat(40),
      DATABASE_URL: 'postgres://chatbox:DbPassw0rd@db:5432/chatbox?sslpassword=DbPassw0rd',
      ANTHROPIC_API_KEY: 'sk-ant-ApiKeyValue',
      NETBOX_URL: 'https://netbox.example.com',
    });
    const text = JSON.stringify(configSummary(config));
    for (const secret of ['SSSSSSSS', 'DbPassw0rd', 'ApiKeyValue']) expect(text).not.toContain(secret);
    expect(configSummary(config)).toMatchObject({ mode: 'multi-user', model: { configured: true, provider: 'anthropic' } });
    const single = load({ NETBOX_URL: 'https://netbox.example.com', NETBOX_TOKEN: V1_TOKEN });
    expect(JSON.stringify(configSummary(single))).not.toContain(V1_TOKEN);
  });
});

describe('server/env.example', () => {
  it('documents every variable the server reads', () => {
    const example = readFileSync(new URL('../../env.example', import.meta.url), 'utf8');
    expect(ENV_NAMES.filter((name) => !new RegExp(`^# ${name}=`, 'm').test(example))).toEqual([]);
  });
});
