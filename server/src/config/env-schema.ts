import { MAX_MESSAGE_CHARS } from '@netbox-chatbox/protocol';
import { z } from 'zod';
import { parsePublicUrl, parseTrustProxy } from './proxy-settings.ts';

/**
 * Every variable the server reads, as it arrives (a string, or absent) and what it becomes. Defaults live here,
 * in one place; `server/env.example` documents the same list. Cross-variable rules (modes, loopback) are in
 * load-config.ts.
 */

export const DEFAULT_MODEL = 'claude-sonnet-4-5';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LogLevelSchema = z.enum(LOG_LEVELS);
export type LogLevel = z.infer<typeof LogLevelSchema>;

/** A whole number from min to max; `_` may group digits (120_000). */
function wholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d[\d_]*$/)
    .transform((text) => Number(text.replaceAll('_', '')))
    .pipe(z.number().int().min(min).max(max));
}

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']))
  .transform((value) => value === 'true' || value === '1' || value === 'yes' || value === 'on');

const httpUrl = z.url({ protocol: /^https?$/ });

/** One token, with or without NetBox's scheme word; the scheme is picked from its form when absent. */
const secretWord = z.string().trim().regex(/^(?:(?:Token|Bearer) )?\S+$/);

/** An origin: scheme, host and optional port, no path. `*` is refused: cookies must not go to every site. */
const corsOrigins = z.string().transform((text, ctx) => {
  const origins: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      const bare = `${url.protocol}//${url.host}`;
      if ((url.protocol === 'http:' || url.protocol === 'https:') && entry.replace(/\/$/, '').toLowerCase() === bare.toLowerCase()) {
        origin = url.origin;
      }
    } catch {
      // Reported below.
    }
    if (origin === undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          entry === '*'
            ? 'CORS_ORIGINS may not be "*": the chat uses cookies, so list each site that may call the API, e.g. https://chat.example.com'
            : `CORS_ORIGINS entry ${JSON.stringify(entry)} is not an origin: write scheme, host and optional port, no path, e.g. https://chat.example.com,http://localhost:5173`,
      });
    } else if (!origins.includes(origin)) {
      origins.push(origin);
    }
  }
  return origins;
});

/** The address users open: scheme, host and optional port, no path. */
const publicUrl = z.string().transform((text, ctx) => {
  const parsed = parsePublicUrl(text.trim());
  if (typeof parsed === 'string') return parsed;
  ctx.addIssue({ code: 'custom', message: `PUBLIC_URL ${parsed.problem}` });
  return z.NEVER;
});

/** As Fastify's trustProxy takes it: true/false, or the proxies' addresses and subnets. */
const trustProxy = z.string().transform((text, ctx) => {
  const parsed = parseTrustProxy(text);
  if (!('problem' in parsed)) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `TRUST_PROXY ${parsed.problem}` });
  return z.NEVER;
});

export const DEFAULT_SIGN_IN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const EnvSchema = z.object({
  HOST: z
    .string()
    .trim()
    .transform((host) => host.replace(/^\[(.*)\]$/, '$1'))
    .pipe(z.string().regex(/^[A-Za-z0-9._:%-]+$/))
    .default('127.0.0.1'),
  PORT: wholeNumber(0, 65_535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(?:ql)?$/ }).optional(),
  NETBOX_URL: httpUrl.optional(),
  NETBOX_TOKEN: secretWord.optional(),
  NETBOX_VERIFY_TLS: flag.default(true),
  NETBOX_TIMEOUT_MS: wholeNumber(100, 600_000).default(15_000),
  ANTHROPIC_API_KEY: secretWord.optional(),
  ANTHROPIC_AUTH_TOKEN: secretWord.optional(),
  ANTHROPIC_BASE_URL: httpUrl.optional(),
  ANTHROPIC_MODEL: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/[\]-]{0,199}$/)
    .default(DEFAULT_MODEL),
  CLAUDE_CODE_USE_BEDROCK: flag.default(false),
  CLAUDE_CODE_USE_VERTEX: flag.default(false),
  MCP_CONFIG: z.string().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  CORS_ORIGINS: corsOrigins.default([]),
  PUBLIC_URL: publicUrl.optional(),
  TRUST_PROXY: trustProxy.default(false),
  SIGN_IN_TTL_MS: wholeNumber(1000, 90 * 24 * 60 * 60 * 1000).default(DEFAULT_SIGN_IN_TTL_MS),
  RATE_LIMIT_PER_MINUTE: wholeNumber(1, 100_000).default(30),
  MAX_MESSAGE_CHARS: wholeNumber(1, MAX_MESSAGE_CHARS).default(MAX_MESSAGE_CHARS),
  MAX_LIVE_SESSIONS: wholeNumber(1, 1000).optional(),
  MAX_LIVE_SESSIONS_PER_USER: wholeNumber(1, 1000).optional(),
  SESSION_IDLE_MS: wholeNumber(1000, 86_400_000).default(600_000),
  TURN_STALL_MS: wholeNumber(1000, 3_600_000).default(120_000),
  LOG_LEVEL: z.string().trim().toLowerCase().pipe(LogLevelSchema).default('info'),
});
export type EnvName = keyof typeof EnvSchema.shape;
export type Env = z.output<typeof EnvSchema>;

export const ENV_NAMES = Object.keys(EnvSchema.shape) as EnvName[];

/** Values never repeated in an error message. */
export const SECRET_NAMES: ReadonlySet<EnvName> = new Set<EnvName>([
  'DATABASE_URL',
  'NETBOX_TOKEN',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'SESSION_SECRET',
]);

/** Completes "NAME must be …": what is expected, with an example, so the fix is in the message. */
export const EXPECTED: Readonly<Record<EnvName, string>> = {
  HOST: 'an address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)',
  PORT: 'a port number from 0 to 65535, e.g. 3000',
  DATA_DIR: 'a directory path, e.g. ./data',
  DATABASE_URL:
    'a PostgreSQL URL, e.g. postgres://chatbox:PASSWORD@localhost:5432/chatbox, or unset to use the built-in store in DATA_DIR',
  NETBOX_URL: 'the http(s) URL of your NetBox, e.g. https://netbox.example.com, or unset for demo mode',
  NETBOX_TOKEN: 'a NetBox API token: 40 hex characters (v1) or nbt_<key>.<token> (v2), with no spaces',
  NETBOX_VERIFY_TLS: 'true or false',
  NETBOX_TIMEOUT_MS: 'a whole number of milliseconds from 100 to 600000, e.g. 15000',
  ANTHROPIC_API_KEY: 'an Anthropic API key (sk-ant-…), with no spaces',
  ANTHROPIC_AUTH_TOKEN: 'a bearer token for your model gateway, with no spaces',
  ANTHROPIC_BASE_URL: 'the http(s) URL of an Anthropic-compatible endpoint, e.g. https://llm-gateway.example.com',
  ANTHROPIC_MODEL: `a model name or alias, e.g. ${DEFAULT_MODEL}, claude-sonnet-4-6 or sonnet`,
  CLAUDE_CODE_USE_BEDROCK: '1 (use Amazon Bedrock) or 0',
  CLAUDE_CODE_USE_VERTEX: '1 (use Google Vertex AI) or 0',
  MCP_CONFIG: 'the path of an .mcp.json-style file',
  SESSION_SECRET: 'at least 32 characters, e.g. the output of `openssl rand -base64 48`',
  CORS_ORIGINS: 'a comma-separated list of origins, e.g. https://chat.example.com,http://localhost:5173',
  PUBLIC_URL: 'the address users open the chat at: scheme, host and optional port, e.g. https://chat.example.com',
  TRUST_PROXY: 'true, false, or the proxies’ addresses and subnets (e.g. 10.0.0.5,10.0.1.0/24)',
  SIGN_IN_TTL_MS: 'a whole number of milliseconds from 1000 to 7776000000 (90 days), e.g. 604800000 (7 days)',
  RATE_LIMIT_PER_MINUTE: 'a whole number of messages per minute per user, from 1 to 100000, e.g. 30',
  MAX_MESSAGE_CHARS: `a whole number of characters from 1 to ${MAX_MESSAGE_CHARS}`,
  MAX_LIVE_SESSIONS: 'a whole number from 1 to 1000 (each live session is a ~200 MB process), e.g. 8, or unset to fit the machine’s memory',
  MAX_LIVE_SESSIONS_PER_USER: 'a whole number from 1 to 1000, at most MAX_LIVE_SESSIONS, e.g. 2, or unset for a quarter of MAX_LIVE_SESSIONS',
  SESSION_IDLE_MS: 'a whole number of milliseconds from 1000 to 86400000, e.g. 600000 (10 minutes)',
  TURN_STALL_MS: 'a whole number of milliseconds from 1000 to 3600000, e.g. 120000 (2 minutes)',
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')}`,
};
