import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export type Transport = 'stdio' | 'http';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface CliConfig {
  readonly netbox: {
    readonly url: string;
    readonly token: string | undefined;
    readonly timeoutMs: number;
    readonly deadlineMs: number;
    readonly verifyTls: boolean;
  };
  readonly transport: Transport;
  readonly host: string;
  readonly port: number;
  readonly httpToken: string | undefined;
  readonly maxResultChars: number | undefined;
  readonly logLevel: LogLevel;
}

export type CliConfigResult =
  | { readonly kind: 'config'; readonly config: CliConfig; readonly warnings: readonly string[] }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string };

/** One setting: where it comes from, what it must look like, and the fix we suggest when it does not. */
interface Setting<T> {
  readonly env: string;
  readonly flag: string;
  readonly schema: z.ZodType<T>;
  /** Completes "<name> must be …". */
  readonly expected: string;
}

const positiveInt = z.coerce.number().int().positive();
const flexibleBoolean = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const SETTINGS = {
  url: {
    env: 'NETBOX_URL',
    flag: '--netbox-url',
    schema: z.url({ protocol: /^https?$/ }),
    expected: 'your NetBox base URL, e.g. https://netbox.example.com',
  },
  token: { env: 'NETBOX_TOKEN', flag: '--netbox-token', schema: z.string(), expected: 'a NetBox API token' },
  timeoutMs: {
    env: 'NETBOX_TIMEOUT_MS',
    flag: '--timeout-ms',
    schema: positiveInt,
    expected: 'a positive whole number of milliseconds, e.g. 15000',
  },
  deadlineMs: {
    env: 'NETBOX_DEADLINE_MS',
    flag: '--deadline-ms',
    schema: positiveInt,
    expected: 'a positive whole number of milliseconds, e.g. 20000',
  },
  verifyTls: { env: 'NETBOX_VERIFY_TLS', flag: '--no-verify-tls', schema: flexibleBoolean, expected: 'true or false' },
  transport: {
    env: 'NETBOX_MCP_TRANSPORT',
    flag: '--transport',
    schema: z.enum(['stdio', 'http']),
    expected: 'stdio or http',
  },
  host: {
    env: 'NETBOX_MCP_HOST',
    flag: '--host',
    schema: z.string().regex(/^[\w.:-]+$/),
    expected: 'an address to bind, e.g. 127.0.0.1',
  },
  port: {
    env: 'NETBOX_MCP_PORT',
    flag: '--port',
    schema: z.coerce.number().int().min(0).max(65_535),
    expected: 'a port number from 0 to 65535, e.g. 8000',
  },
  httpToken: {
    env: 'NETBOX_MCP_HTTP_TOKEN',
    flag: '--http-token',
    // Short secrets are guessable over the network; the check is timing-safe but not rate-limited.
    schema: z.string().min(16),
    expected: 'at least 16 characters, e.g. the output of `openssl rand -hex 32`',
  },
  maxResultChars: {
    env: 'NETBOX_MCP_MAX_RESULT_CHARS',
    flag: '--max-result-chars',
    schema: positiveInt,
    expected: 'a positive whole number of characters, e.g. 24000',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: '--log-level',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    expected: 'one of fatal, error, warn, info, debug, trace, silent',
  },
} satisfies Record<string, Setting<unknown>>;

const OPTIONS = {
  'netbox-url': { type: 'string' },
  'netbox-token': { type: 'string' },
  transport: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'http-token': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'deadline-ms': { type: 'string' },
  // parseArgs on Node 20 has no `allowNegative`, so the negated flag is its own boolean option.
  'no-verify-tls': { type: 'boolean' },
  'max-result-chars': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const HELP_TEXT = `netbox-mcp: a read-only NetBox MCP server

Usage: netbox-mcp [options]

Options (each overrides its environment variable):
  --netbox-url URL          NETBOX_URL             NetBox base URL (required)
  --netbox-token TOKEN      NETBOX_TOKEN           NetBox API token (prefer the variable: flags show in ps)
  --timeout-ms MS           NETBOX_TIMEOUT_MS      timeout of each attempt of a NetBox request (15000)
  --deadline-ms MS          NETBOX_DEADLINE_MS     whole budget of one NetBox request, retries included (20000)
  --no-verify-tls           NETBOX_VERIFY_TLS      skip TLS certificate checks (verified by default)
  --transport stdio|http    NETBOX_MCP_TRANSPORT   MCP transport (stdio)
  --host ADDRESS            NETBOX_MCP_HOST        HTTP bind address (127.0.0.1)
  --port PORT               NETBOX_MCP_PORT        HTTP port (8000)
  --http-token TOKEN        NETBOX_MCP_HTTP_TOKEN  bearer token HTTP clients must send
  --max-result-chars N      NETBOX_MCP_MAX_RESULT_CHARS  cap on one tool result's text
  --log-level LEVEL         LOG_LEVEL              fatal|error|warn|info|debug|trace|silent (info)
  -h, --help                show this help
`;

/**
 * Flags and environment into a validated config. Pure, so tests need no process; the caller prints the
 * message and exits with 2 on an error.
 */
export function parseCliConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliConfigResult {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    return { kind: 'error', message: argumentErrorMessage(error) };
  }
  if (flags.help) return { kind: 'help', text: HELP_TEXT };

  const errors: string[] = [];
  const read = <T>(setting: Setting<T>, flagValue: string | undefined, fallback: T): T => {
    const fromFlag = flagValue !== undefined;
    // An empty variable counts as unset: container and CI templates often leave them blank.
    const raw = fromFlag ? flagValue : env[setting.env] === '' ? undefined : env[setting.env];
    if (raw === undefined) return fallback;
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const name = fromFlag ? setting.flag : setting.env;
    errors.push(`${name} must be ${setting.expected} (got ${JSON.stringify(redactIfSecret(setting, raw))})`);
    return fallback;
  };

  const url = read(SETTINGS.url, flags['netbox-url'], undefined);
  const token = read(SETTINGS.token, flags['netbox-token'], undefined);
  const timeoutMs = read(SETTINGS.timeoutMs, flags['timeout-ms'], 15_000);
  const deadlineMs = read(SETTINGS.deadlineMs, flags['deadline-ms'], 20_000);
  const verifyTls = flags['no-verify-tls'] ? false : read(SETTINGS.verifyTls, undefined, true);
  const transport = read(SETTINGS.transport, flags.transport, 'stdio');
  const host = read(SETTINGS.host, flags.host, '127.0.0.1');
  const port = read(SETTINGS.port, flags.port, 8000);
  const httpToken = read(SETTINGS.httpToken, flags['http-token'], undefined);
  const maxResultChars = read(SETTINGS.maxResultChars, flags['max-result-chars'], undefined);
  const logLevel = read(SETTINGS.logLevel, flags['log-level'], 'info');

  if (errors[0] !== undefined) return { kind: 'error', message: errors[0] };
  if (url === undefined) {
    return {
      kind: 'error',
      message: `NETBOX_URL is required: set it (or --netbox-url) to your NetBox base URL, e.g. https://netbox.example.com`,
    };
  }
  if (transport === 'http' && !httpToken && !isLoopback(host)) {
    return {
      kind: 'error',
      message:
        `--host ${host} is not a loopback address, so anyone who can reach it could use your NetBox token: ` +
        `set NETBOX_MCP_HTTP_TOKEN (or --http-token) to require a bearer token, or bind to 127.0.0.1`,
    };
  }

  const warnings: string[] = [];
  if (!token) warnings.push('NETBOX_TOKEN is not set: requests go to NetBox anonymously and most will be refused');
  if (!verifyTls) warnings.push('TLS certificate verification of NetBox is off');
  return {
    kind: 'config',
    config: { netbox: { url, token, timeoutMs, deadlineMs, verifyTls }, transport, host, port, httpToken, maxResultChars, logLevel },
    warnings,
  };
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can connect to. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}

function redactIfSecret(setting: Setting<unknown>, raw: string): string {
  return setting === SETTINGS.token || setting === SETTINGS.httpToken ? '…' : raw;
}

/** parseArgs's own messages are long and suggest `--` quoting; ours name the option and the way out. */
function argumentErrorMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}: run with --help to see the options`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message?.includes('does not take an argument')
        ? `${option ?? 'a switch'} takes no value: drop the =…; run with --help`
        : `${option ?? 'an option'} needs a value, e.g. ${option ?? '--port'} VALUE: run with --help`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(message ?? '')?.[1] ?? ''}: every setting is a --flag; run with --help`;
    default:
      return `${message ?? String(error)}: run with --help`;
  }
}
