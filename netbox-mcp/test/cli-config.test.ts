import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isLoopback, parseCliConfig, type CliConfig, type CliConfigResult } from '../src/cli-config.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NETBOX = { NETBOX_URL: 'https://netbox.example.com', NETBOX_TOKEN: '0123456789abcdef0123456789abcdef01234567' };

function configOf(result: CliConfigResult): CliConfig {
  if (result.kind !== 'config') throw new Error(`expected a config, got ${JSON.stringify(result)}`);
  return result.config;
}

function errorOf(result: CliConfigResult): string {
  if (result.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.message;
}

describe('parseCliConfig', () => {
  it('applies the documented defaults', () => {
    const result = parseCliConfig([], NETBOX);
    expect(result).toEqual({
      kind: 'config',
      config: {
        netbox: { url: NETBOX.NETBOX_URL, token: NETBOX.NETBOX_TOKEN, timeoutMs: 15_000, deadlineMs: 20_000, verifyTls: true },
        transport: 'stdio',
        host: '127.0.0.1',
        port: 8000,
        httpToken: undefined,
        maxResultChars: undefined,
        logLevel: 'info',
      },
      warnings: [],
    });
  });

  it('reads every setting from the environment', () => {
    const config = configOf(
      parseCliConfig([], {
        ...NETBOX,
        NETBOX_TIMEOUT_MS: '5000',
        NETBOX_DEADLINE_MS: '9000',
        NETBOX_VERIFY_TLS: 'false',
        NETBOX_MCP_TRANSPORT: 'http',
        NETBOX_MCP_HOST: '::1',
        NETBOX_MCP_PORT: '9000',
        NETBOX_MCP_HTTP_TOKEN: 'a-long-enough-http-token',
        NETBOX_MCP_MAX_RESULT_CHARS: '8000',
        LOG_LEVEL: 'debug',
      }),
    );
    expect(config).toMatchObject({
      netbox: { timeoutMs: 5000, deadlineMs: 9000, verifyTls: false },
      transport: 'http',
      host: '::1',
      port: 9000,
      httpToken: 'a-long-enough-http-token',
      maxResultChars: 8000,
      logLevel: 'debug',
    });
  });

  it('lets flags override the environment', () => {
    const env = { ...NETBOX, NETBOX_MCP_PORT: '9000', LOG_LEVEL: 'debug', NETBOX_VERIFY_TLS: 'true' };
    const argv = [
      ...['--netbox-url', 'http://127.0.0.1:8001/netbox', '--netbox-token', 'nbt_abc.def', '--port', '0'],
      ...['--log-level', 'warn', '--no-verify-tls', '--timeout-ms', '100', '--deadline-ms', '250', '--max-result-chars', '500'],
      ...['--transport', 'http', '--host', 'localhost', '--http-token', 'another-long-http-token'],
    ];
    expect(configOf(parseCliConfig(argv, env))).toEqual({
      netbox: { url: 'http://127.0.0.1:8001/netbox', token: 'nbt_abc.def', timeoutMs: 100, deadlineMs: 250, verifyTls: false },
      transport: 'http',
      host: 'localhost',
      port: 0,
      httpToken: 'another-long-http-token',
      maxResultChars: 500,
      logLevel: 'warn',
    });
  });

  it('treats empty variables as unset', () => {
    const config = configOf(parseCliConfig([], { ...NETBOX, NETBOX_MCP_PORT: '', LOG_LEVEL: '', NETBOX_TOKEN: '' }));
    expect(config).toMatchObject({ port: 8000, logLevel: 'info', netbox: { token: undefined } });
  });

  it('warns without a NetBox token or with TLS checks off', () => {
    const result = parseCliConfig(['--no-verify-tls'], { NETBOX_URL: NETBOX.NETBOX_URL });
    expect(result.kind === 'config' && result.warnings).toEqual([
      expect.stringContaining('NETBOX_TOKEN is not set'),
      expect.stringContaining('TLS certificate verification'),
    ]);
  });

  it('says how to set a missing NETBOX_URL', () => {
    expect(errorOf(parseCliConfig([], {}))).toBe(
      'NETBOX_URL is required: set it (or --netbox-url) to your NetBox base URL, e.g. https://netbox.example.com',
    );
  });

  it.each([
    [{ NETBOX_URL: 'netbox.example.com' }, [], 'NETBOX_URL must be your NetBox base URL'],
    [{ NETBOX_URL: 'ftp://netbox.example.com' }, [], 'NETBOX_URL must be'],
    [{}, ['--netbox-url', 'nope'], '--netbox-url must be'],
    [NETBOX, ['--port', '65536'], '--port must be a port number from 0 to 65535'],
    [{ ...NETBOX, NETBOX_MCP_PORT: 'eighty' }, [], 'NETBOX_MCP_PORT must be a port number'],
    [{ ...NETBOX, NETBOX_TIMEOUT_MS: '-1' }, [], 'NETBOX_TIMEOUT_MS must be a positive whole number'],
    [NETBOX, ['--timeout-ms', '1.5'], '--timeout-ms must be a positive whole number'],
    [{ ...NETBOX, NETBOX_DEADLINE_MS: '0' }, [], 'NETBOX_DEADLINE_MS must be a positive whole number'],
    [{ ...NETBOX, NETBOX_VERIFY_TLS: 'maybe' }, [], 'NETBOX_VERIFY_TLS must be true or false'],
    [NETBOX, ['--transport', 'sse'], '--transport must be stdio or http'],
    [{ ...NETBOX, LOG_LEVEL: 'loud' }, [], 'LOG_LEVEL must be one of fatal, error'],
    [NETBOX, ['--max-result-chars', '0'], '--max-result-chars must be a positive whole number'],
    [NETBOX, ['--http-token', 'short'], '--http-token must be at least 16 characters'],
    [NETBOX, ['--bogus'], 'unknown option --bogus'],
    [NETBOX, ['--port'], '--port needs a value'],
    [NETBOX, ['--no-verify-tls=yes'], '--no-verify-tls takes no value'],
    [NETBOX, ['stray'], 'unexpected argument stray'],
  ] as const)('rejects %j %j with one line naming the setting', (env, argv, expected) => {
    const message = errorOf(parseCliConfig(argv, env));
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('never echoes a bad token back', () => {
    expect(errorOf(parseCliConfig(['--http-token', 'tiny-secret'], NETBOX))).not.toContain('tiny-secret');
  });

  it('refuses HTTP off loopback without a bearer token, and says why', () => {
    const message = errorOf(parseCliConfig(['--transport', 'http', '--host', '0.0.0.0'], NETBOX));
    expect(message).toContain('--host 0.0.0.0 is not a loopback address');
    expect(message).toContain('NETBOX_MCP_HTTP_TOKEN');
    const withToken = parseCliConfig(['--transport', 'http', '--host', '0.0.0.0', '--http-token', 'x'.repeat(32)], NETBOX);
    expect(configOf(withToken).host).toBe('0.0.0.0');
    // stdio never listens, so the host does not matter there.
    expect(configOf(parseCliConfig(['--host', '0.0.0.0'], NETBOX)).transport).toBe('stdio');
  });

  it('answers --help', () => {
    const result = parseCliConfig(['--help'], {});
    expect(result.kind === 'help' && result.text).toContain('NETBOX_MCP_HTTP_TOKEN');
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['netbox-mcp.internal', false],
  ])('isLoopback(%s) is %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('the netbox-mcp binary with a bad setting', () => {
  const run = (argv: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [CLI, ...argv], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('exits with 2 and one line naming NETBOX_URL when it is missing', () => {
    const result = run([], {});
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'netbox-mcp: NETBOX_URL is required: set it (or --netbox-url) to your NetBox base URL, e.g. https://netbox.example.com\n',
    );
  });

  it('exits with 2 and one line naming a bad flag', () => {
    const result = run(['--port', 'abc'], NETBOX);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual(['netbox-mcp: --port must be a port number from 0 to 65535, e.g. 8000 (got "abc")']);
  });

  it('prints help and exits with 0', () => {
    const result = run(['--help'], {});
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: netbox-mcp');
  });
});
