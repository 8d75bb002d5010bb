import type { Env } from './env-schema.ts';

export const MODEL_PROVIDERS = ['anthropic', 'gateway', 'bedrock', 'vertex', 'none'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

export interface ModelAccess {
  readonly configured: boolean;
  /** When not configured: why, in words a user of the chat can pass to an administrator. */
  readonly reason?: string;
  readonly provider: ModelProvider;
  /**
   * What the Claude Code CLI needs in its environment to reach the model, taken from the environment and .env:
   * the key or token, the base URL, the cloud flag and that cloud's variables, and proxy settings. The agent adds
   * these to its env whitelist; nothing else of the server's environment should reach the CLI.
   */
  readonly env: Record<string, string>;
  readonly problems: string[];
}

export const MODEL_NOT_CONFIGURED_REASON =
  'No AI model is configured: set ANTHROPIC_API_KEY (or ANTHROPIC_BASE_URL for an Anthropic-compatible gateway, ' +
  'or CLAUDE_CODE_USE_BEDROCK=1 / CLAUDE_CODE_USE_VERTEX=1 with that cloud’s credentials) and restart the server.';

/** Proxy and CA settings the CLI honours when it calls the model from behind a corporate proxy. */
const NETWORK_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy', 'NODE_EXTRA_CA_CERTS'];

/** What Claude Code reads for each cloud (names from its documentation), by exact name or by prefix. */
const CLOUD_VARIABLES = {
  bedrock: { exact: ['CLAUDE_CODE_SKIP_BEDROCK_AUTH'], prefixes: ['AWS_', 'ANTHROPIC_BEDROCK_'] },
  vertex: {
    exact: ['CLOUD_ML_REGION', 'GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'CLAUDE_CODE_SKIP_VERTEX_AUTH'],
    prefixes: ['ANTHROPIC_VERTEX_', 'VERTEX_REGION_'],
  },
} as const;

/**
 * Which way the CLI reaches a model, if any. No way at all is not an error: the server starts and says so in
 * `/ready` and the protocol. A cloud flag without that cloud's required variables is an error, because every
 * message would fail later with a less clear one.
 */
export function resolveModelAccess(env: Env, all: Readonly<Record<string, string | undefined>>): ModelAccess {
  const problems: string[] = [];
  const out: Record<string, string> = {};
  const copy = (name: string) => {
    const value = all[name];
    if (value !== undefined && value !== '') out[name] = value;
  };
  for (const name of NETWORK_VARIABLES) copy(name);
  if (env.ANTHROPIC_API_KEY) out.ANTHROPIC_API_KEY = env.ANTHROPIC_API_KEY;
  if (env.ANTHROPIC_AUTH_TOKEN) out.ANTHROPIC_AUTH_TOKEN = env.ANTHROPIC_AUTH_TOKEN;
  if (env.ANTHROPIC_BASE_URL) out.ANTHROPIC_BASE_URL = env.ANTHROPIC_BASE_URL;

  if (env.CLAUDE_CODE_USE_BEDROCK && env.CLAUDE_CODE_USE_VERTEX) {
    problems.push('CLAUDE_CODE_USE_BEDROCK and CLAUDE_CODE_USE_VERTEX are both on: set only the one for the cloud you use');
  }
  for (const cloud of ['bedrock', 'vertex'] as const) {
    const on = cloud === 'bedrock' ? env.CLAUDE_CODE_USE_BEDROCK : env.CLAUDE_CODE_USE_VERTEX;
    if (!on) continue;
    out[cloud === 'bedrock' ? 'CLAUDE_CODE_USE_BEDROCK' : 'CLAUDE_CODE_USE_VERTEX'] = '1';
    const { exact, prefixes } = CLOUD_VARIABLES[cloud];
    for (const name of Object.keys(all)) {
      if ((exact as readonly string[]).includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) copy(name);
    }
  }
  if (env.CLAUDE_CODE_USE_BEDROCK && !out.AWS_REGION && !out.AWS_DEFAULT_REGION) {
    problems.push('CLAUDE_CODE_USE_BEDROCK is on but AWS_REGION is not set: set it to the Bedrock region, e.g. AWS_REGION=us-east-1');
  }
  if (env.CLAUDE_CODE_USE_VERTEX) {
    if (!out.CLOUD_ML_REGION) {
      problems.push('CLAUDE_CODE_USE_VERTEX is on but CLOUD_ML_REGION is not set: set it to the Vertex AI region, e.g. CLOUD_ML_REGION=us-east5');
    }
    if (!out.ANTHROPIC_VERTEX_PROJECT_ID) {
      problems.push('CLAUDE_CODE_USE_VERTEX is on but ANTHROPIC_VERTEX_PROJECT_ID is not set: set it to your Google Cloud project id');
    }
  }

  const provider: ModelProvider = env.CLAUDE_CODE_USE_BEDROCK
    ? 'bedrock'
    : env.CLAUDE_CODE_USE_VERTEX
      ? 'vertex'
      : env.ANTHROPIC_BASE_URL
        ? 'gateway'
        : env.ANTHROPIC_API_KEY || env.ANTHROPIC_AUTH_TOKEN
          ? 'anthropic'
          : 'none';
  if (provider === 'none') return { configured: false, reason: MODEL_NOT_CONFIGURED_REASON, provider, env: out, problems };
  return { configured: true, provider, env: out, problems };
}
