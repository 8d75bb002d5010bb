import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from './config-error.ts';
import type { Config } from './config-schema.ts';
import { readEnvFile } from './env-file.ts';
import { ENV_NAMES, EnvSchema, EXPECTED, SECRET_NAMES, type Env, type EnvName } from './env-schema.ts';
import { defaultMaxLiveSessions, defaultPerUser } from './live-sessions.ts';
import { isLoopbackHost } from './loopback.ts';
import { loadMcpConfig } from './mcp-config.ts';
import { resolveModelAccess } from './model-access.ts';

export interface LoadConfigOptions {
  /** Where `.env` is looked for and relative paths (DATA_DIR, MCP_CONFIG) start. Default: process.cwd(). */
  readonly cwd?: string;
  /** The .env file to read, relative to cwd; null to read none. Default: `.env`. */
  readonly envFile?: string | null;
}

/**
 * The server's configuration from `env` (normally process.env) and `<cwd>/.env`; a variable set in `env` wins,
 * and an empty one counts as unset (container templates often leave them blank). Throws a ConfigError listing
 * every problem, one line each.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const envFile = options.envFile === null ? null : resolve(cwd, options.envFile ?? '.env');
  const fromFile = envFile === null ? {} : readEnvFile(envFile);
  const merged: Record<string, string> = { ...fromFile };
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value !== '') merged[name] = value;

  const raw: Partial<Record<EnvName, string>> = {};
  for (const name of ENV_NAMES) {
    const value = merged[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value;
  }
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeEnvIssues(parsed.error.issues, raw));

  const problems: string[] = [];
  const config = derive(parsed.data, merged, cwd, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, envFile: envFile !== null && Object.keys(fromFile).length > 0 ? envFile : null };
}

function derive(env: Env, all: Record<string, string>, cwd: string, problems: string[]): Config {
  const warnings: string[] = [];

  if (env.NETBOX_TOKEN && !env.NETBOX_URL) {
    problems.push('NETBOX_TOKEN is set but NETBOX_URL is not: set NETBOX_URL to your NetBox (e.g. https://netbox.example.com), or remove NETBOX_TOKEN to run the demo');
  }
  const mode = !env.NETBOX_URL ? 'demo' : env.NETBOX_TOKEN ? 'single-user' : 'multi-user';

  if (mode === 'multi-user' && !env.SESSION_SECRET) {
    problems.push(
      'SESSION_SECRET is required in multi-user mode (NETBOX_URL without NETBOX_TOKEN, where users sign in): ' +
        'set it to at least 32 random characters, e.g. the output of `openssl rand -base64 48`',
    );
  }
  if (mode !== 'multi-user' && !isLoopbackHost(env.HOST)) {
    problems.push(
      mode === 'demo'
        ? `HOST=${env.HOST} is not a loopback address, but demo mode (no NETBOX_URL) has no sign-in, so anyone who can reach the port could use it: ` +
            'set HOST=127.0.0.1, or set NETBOX_URL (without NETBOX_TOKEN) and SESSION_SECRET for multi-user mode with sign-in'
        : `HOST=${env.HOST} is not a loopback address, but single-user mode (NETBOX_TOKEN set) has no sign-in, so anyone who can reach the port would use that token: ` +
            'set HOST=127.0.0.1, or remove NETBOX_TOKEN so that users sign in with their own NetBox account (multi-user mode, needs SESSION_SECRET)',
    );
  }

  problems.push(...publicUrlProblems(env, mode));
  warnings.push(...proxyWarnings(env));

  const netboxUrl = env.NETBOX_URL === undefined ? undefined : normalizeNetboxUrl(env.NETBOX_URL);
  if (!env.NETBOX_VERIFY_TLS) warnings.push('NETBOX_VERIFY_TLS is off: NetBox’s TLS certificate is not checked');
  if (mode === 'multi-user' && netboxUrl?.startsWith('http:') && !isLoopbackHost(new URL(netboxUrl).hostname)) {
    warnings.push('NETBOX_URL is plain http: users’ passwords and tokens travel to NetBox unencrypted; use https');
  }

  const model = resolveModelAccess(env, all);
  problems.push(...model.problems);
  if (!model.configured && model.reason) warnings.push(model.reason);

  let mcp: Config['mcp'] = null;
  if (env.MCP_CONFIG !== undefined) {
    const loaded = loadMcpConfig(resolve(cwd, env.MCP_CONFIG), all);
    if (loaded.config) mcp = loaded.config;
    else problems.push(...loaded.problems);
  }

  const maxLiveSessions = env.MAX_LIVE_SESSIONS ?? defaultMaxLiveSessions();
  const perUser = env.MAX_LIVE_SESSIONS_PER_USER ?? defaultPerUser(maxLiveSessions, mode === 'multi-user');
  if (perUser > maxLiveSessions) {
    problems.push(`MAX_LIVE_SESSIONS_PER_USER=${perUser} is more than MAX_LIVE_SESSIONS=${maxLiveSessions}: lower it, or raise MAX_LIVE_SESSIONS`);
  }

  const dataDir = resolve(cwd, env.DATA_DIR);
  return {
    mode,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    database: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dir: join(dataDir, 'pglite') },
    netbox: {
      ...(netboxUrl === undefined ? {} : { url: netboxUrl }),
      ...(env.NETBOX_TOKEN === undefined ? {} : { token: env.NETBOX_TOKEN }),
      verifyTls: env.NETBOX_VERIFY_TLS,
      timeoutMs: env.NETBOX_TIMEOUT_MS,
    },
    model: {
      configured: model.configured,
      ...(model.reason === undefined ? {} : { reason: model.reason }),
      name: env.ANTHROPIC_MODEL,
      provider: model.provider,
      env: model.env,
    },
    mcp,
    ...(env.SESSION_SECRET === undefined ? {} : { sessionSecret: env.SESSION_SECRET }),
    corsOrigins: env.CORS_ORIGINS,
    ...(env.PUBLIC_URL === undefined ? {} : { publicUrl: env.PUBLIC_URL }),
    trustProxy: env.TRUST_PROXY,
    signInTtlMs: env.SIGN_IN_TTL_MS,
    limits: {
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      maxMessageChars: env.MAX_MESSAGE_CHARS,
      maxLiveSessions,
      maxLiveSessionsPerUser: Math.min(perUser, maxLiveSessions),
      sessionIdleMs: env.SESSION_IDLE_MS,
      turnStallMs: env.TURN_STALL_MS,
    },
    logLevel: env.LOG_LEVEL,
    envFile: null,
    warnings,
  };
}

/**
 * The server answers only to loopback names and PUBLIC_URL's host (see host-allow-list.ts). Multi-user mode
 * listening beyond loopback needs PUBLIC_URL, or nobody could reach it; the modes without sign-in may not get a
 * public name at all, which would hand their NetBox token to whoever opens it.
 */
function publicUrlProblems(env: Env, mode: Config['mode']): string[] {
  const publicHost = env.PUBLIC_URL === undefined ? undefined : new URL(env.PUBLIC_URL).hostname;
  if (mode === 'multi-user') {
    if (publicHost === undefined && !isLoopbackHost(env.HOST)) {
      return [
        `PUBLIC_URL is required in multi-user mode when HOST=${env.HOST} is not a loopback address: set it to the address users open the chat at, ` +
          'e.g. PUBLIC_URL=https://chat.example.com (the server answers only to that host name and to localhost)',
      ];
    }
    return [];
  }
  if (publicHost !== undefined && !isLoopbackHost(publicHost)) {
    return [
      `PUBLIC_URL=${env.PUBLIC_URL} names a public host, but ${mode} mode has no sign-in, so anyone who opens it would use the server’s NetBox token: ` +
        'remove PUBLIC_URL, or set NETBOX_URL without NETBOX_TOKEN and SESSION_SECRET for multi-user mode with sign-in',
    ];
  }
  return [];
}

function proxyWarnings(env: Env): string[] {
  const warnings: string[] = [];
  if (env.TRUST_PROXY === true && !isLoopbackHost(env.HOST)) {
    warnings.push(
      'TRUST_PROXY=true believes X-Forwarded-For and X-Forwarded-Proto from anyone who can reach the port, so clients can choose their own address for the sign-in limits: ' +
        'set TRUST_PROXY to the proxy’s address or subnet (e.g. 10.0.0.5)',
    );
  }
  if (env.PUBLIC_URL?.startsWith('http:') && !isLoopbackHost(new URL(env.PUBLIC_URL).hostname)) {
    warnings.push('PUBLIC_URL is plain http: passwords and session cookies travel unencrypted; put the chat behind TLS and use https://');
  }
  return warnings;
}

/** As the NetBox client does: no trailing slash, and no `/api` (users often paste the API root). */
function normalizeNetboxUrl(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return `${parsed.origin}${path}`;
}

/** One line per variable: "NAME must be <expected> (got "value")", never showing a secret's value. */
function describeEnvIssues(issues: readonly z.core.$ZodIssue[], raw: Partial<Record<EnvName, string>>): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const name = String(issue.path[0]) as EnvName;
    if (issue.code === 'custom') {
      lines.push(issue.message);
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    const value = raw[name] ?? '';
    const got = SECRET_NAMES.has(name) ? secretHint(name, value) : ` (got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)})`;
    lines.push(`${name} must be ${EXPECTED[name]}${got}`);
  }
  return lines;
}

/** Enough to find the mistake (its length, a space in it) without the secret itself. */
function secretHint(name: EnvName, value: string): string {
  if (name === 'DATABASE_URL') {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
    return scheme ? ` (got a ${scheme}: URL)` : ' (got something that is not a URL)';
  }
  if (/\s/.test(value.trim())) return ' (the value has a space in it)';
  return ` (got ${value.length} characters)`;
}
