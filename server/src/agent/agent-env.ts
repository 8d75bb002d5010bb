/**
 * The CLI's environment, built from an explicit whitelist (BRIEF §3): the process's own environment holds the
 * store URL, session secrets and NetBox tokens, none of which the CLI may see.
 */
export interface AgentEnvInput {
  /** Where model settings are read from; usually `process.env`. Only the names below are taken from it. */
  readonly source: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly configDir: string;
  /** `CLAUDE_CODE_MAX_RETRIES`: the CLI's own retries of a failed model call. */
  readonly maxRetries?: number;
  /** `API_TIMEOUT_MS`: how long the CLI waits for a model response's headers. */
  readonly requestTimeoutMs?: number;
}

/** Model access, passed when set. */
export const MODEL_ENV = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_CUSTOM_HEADERS',
] as const;

/** A corporate proxy or CA is part of reaching the model, so it goes along when set. */
export const NETWORK_ENV = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy', 'NODE_EXTRA_CA_CERTS'] as const;

/** Cloud providers: their switch, and only while it is on, their own variables. */
const PROVIDERS = [
  {
    flag: 'CLAUDE_CODE_USE_BEDROCK',
    names: ['ANTHROPIC_BEDROCK_BASE_URL', 'CLAUDE_CODE_SKIP_BEDROCK_AUTH'],
    prefixes: ['AWS_'],
  },
  {
    flag: 'CLAUDE_CODE_USE_VERTEX',
    names: ['ANTHROPIC_VERTEX_PROJECT_ID', 'ANTHROPIC_VERTEX_BASE_URL', 'CLAUDE_CODE_SKIP_VERTEX_AUTH'],
    prefixes: ['GOOGLE_', 'CLOUD_ML_', 'VERTEX_REGION_'],
  },
] as const;

export const CLIENT_APP = 'netbox-chatbox/0.1.0';

export function buildAgentEnv(input: AgentEnvInput): Record<string, string> {
  const { source } = input;
  const env: Record<string, string> = {};
  const take = (name: string): void => {
    const value = source[name];
    if (value !== undefined && value !== '') env[name] = value;
  };
  take('PATH');
  for (const name of MODEL_ENV) take(name);
  for (const name of NETWORK_ENV) take(name);
  for (const provider of PROVIDERS) {
    if (!isOn(source[provider.flag])) continue;
    take(provider.flag);
    for (const name of provider.names) take(name);
    for (const name of Object.keys(source)) {
      if (provider.prefixes.some((prefix) => name.startsWith(prefix))) take(name);
    }
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  env.HOME = input.homeDir;
  env.CLAUDE_CONFIG_DIR = input.configDir;
  // No update checks, telemetry, error reports or title generation: only the model calls a turn needs.
  env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC = '1';
  // Ten NetBox tools fit in every request; deferring them behind a search tool would cost a model round trip.
  env.ENABLE_TOOL_SEARCH = 'false';
  env.CLAUDE_AGENT_SDK_CLIENT_APP = CLIENT_APP;
  if (input.maxRetries !== undefined) env.CLAUDE_CODE_MAX_RETRIES = String(input.maxRetries);
  if (input.requestTimeoutMs !== undefined) env.API_TIMEOUT_MS = String(input.requestTimeoutMs);
  return env;
}

function isOn(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

/** Values in the CLI's env that must never be logged: anything that looks like a credential. */
export function secretValues(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|HEADERS/i.test(name) && value.length >= 4)
    .map(([, value]) => value);
}
