import { ModeSchema } from '@netbox-chatbox/protocol';
import { z } from 'zod';
import { LogLevelSchema } from './env-schema.ts';
import { McpConfigSchema } from './mcp-config.ts';
import { MODEL_PROVIDERS } from './model-access.ts';

/** The validated configuration the rest of the server reads. Paths are absolute; secrets are in it, so never log it whole (see configSummary). */
export const ConfigSchema = z.object({
  /** demo: no NETBOX_URL, the sandbox in-process. single-user: NETBOX_URL + NETBOX_TOKEN. multi-user: sign-in. */
  mode: ModeSchema,
  host: z.string(),
  port: z.number().int().min(0).max(65_535),
  dataDir: z.string(),
  database: z.discriminatedUnion('kind', [
    /** PGlite's own directory, inside dataDir. */
    z.object({ kind: z.literal('pglite'), dir: z.string() }),
    z.object({ kind: z.literal('postgres'), url: z.string() }),
  ]),
  netbox: z.object({
    /** Base URL without a trailing `/` or `/api`; absent in demo mode, where the sandbox's address is known only once it listens. */
    url: z.string().optional(),
    /** The service token of single-user mode. */
    token: z.string().optional(),
    verifyTls: z.boolean(),
    timeoutMs: z.number().int().positive(),
  }),
  model: z.object({
    configured: z.boolean(),
    reason: z.string().optional(),
    /** Passed as the SDK's `model` option. */
    name: z.string(),
    provider: z.enum(MODEL_PROVIDERS),
    /** For the CLI's environment whitelist: see resolveModelAccess. Holds secrets. */
    env: z.record(z.string(), z.string()),
  }),
  /** Extra MCP servers and their allowed tools, or null without MCP_CONFIG. */
  mcp: McpConfigSchema.nullable(),
  /** Required in multi-user mode: encrypts stored NetBox tokens and signs cookies. */
  sessionSecret: z.string().optional(),
  corsOrigins: z.array(z.string()),
  /** The origin users open (PUBLIC_URL): its host is the one public name the server answers to. */
  publicUrl: z.string().optional(),
  /** Fastify's trustProxy: which hops' X-Forwarded-* headers to believe. */
  trustProxy: z.union([z.boolean(), z.array(z.string())]),
  /** How long a sign-in lasts; a NetBox token provisioned at sign-in expires shortly after (credential-retirement.ts). */
  signInTtlMs: z.number().int().positive(),
  limits: z.object({
    rateLimitPerMinute: z.number().int().positive(),
    maxMessageChars: z.number().int().positive(),
    maxLiveSessions: z.number().int().positive(),
    /** Live sessions one user may hold at once; their further turns wait their turn. */
    maxLiveSessionsPerUser: z.number().int().positive(),
    sessionIdleMs: z.number().int().positive(),
    turnStallMs: z.number().int().positive(),
  }),
  logLevel: LogLevelSchema,
  /** The .env file that was read, if there was one. */
  envFile: z.string().nullable(),
  /** Allowed but worth a line in the start-up log. */
  warnings: z.array(z.string()),
});
export type Config = z.infer<typeof ConfigSchema>;
