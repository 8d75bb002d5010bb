import { createHash } from 'node:crypto';
import type { Options } from '@anthropic-ai/claude-agent-sdk';
import type { AroundToolCall } from '@netbox-chatbox/netbox-mcp';
import type { Logger } from 'pino';
import { AgentSession, buildAgentOptions, type AgentEventSink, type ExtraMcp, type SessionPool } from '../agent/index.ts';
import type { Identity } from '../auth/identity.ts';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/index.ts';

export interface AgentFactoryDeps {
  readonly config: Config;
  readonly store: Store;
  readonly pool: SessionPool;
  readonly logger: Logger;
  /** Start a spare CLI per user ahead of their first question (BRIEF §3 warm-up). Default true. */
  readonly warmUp?: boolean;
  /** Around each NetBox tool call: the turn's tracing span. */
  readonly aroundToolCall?: AroundToolCall;
}

/**
 * The chat layer's one door into the agent layer: SDK options for a user (their NetBox token, the admin's extra
 * MCP servers, our store as the SDK's session store) and agent sessions built from them.
 */
export class AgentFactory {
  private readonly extraMcp: ExtraMcp | undefined;
  private readonly sourceEnv: Record<string, string | undefined>;

  private readonly deps: AgentFactoryDeps;

  constructor(deps: AgentFactoryDeps) {
    this.deps = deps;
    const mcp = deps.config.mcp;
    this.extraMcp = mcp ? { servers: mcp.servers, allowedTools: mcp.allowedTools } : undefined;
    // Only what the model needs; agent-env.ts whitelists again.
    this.sourceEnv = { PATH: process.env.PATH, ...deps.config.model.env };
  }

  options(identity: Identity, resume: string | undefined): Options {
    const { config, store, logger } = this.deps;
    return buildAgentOptions({
      dataDir: config.dataDir,
      user: identity.userId,
      sourceEnv: this.sourceEnv,
      model: config.model.name,
      netbox: { url: identity.netbox.url, token: identity.netbox.token, timeoutMs: config.netbox.timeoutMs, verifyTls: config.netbox.verifyTls },
      ...(this.extraMcp ? { extraMcp: this.extraMcp } : {}),
      sessionStore: store.sdkSessions,
      ...(resume ? { resume } : {}),
      logger: logger.child({ component: 'agent' }),
      ...(this.deps.aroundToolCall ? { aroundToolCall: this.deps.aroundToolCall } : {}),
    });
  }

  /** Spares are per user and token: a spare's NetBox server is bound to the token it was started with. */
  spareKey(identity: Identity): string {
    return `${identity.userId}:${tokenTag(identity.netbox.token)}`;
  }

  create(identity: Identity, settings: { resumeSessionId?: string; onEvent: AgentEventSink }): AgentSession {
    const { config, pool, logger } = this.deps;
    return new AgentSession({
      pool,
      makeOptions: (resume) => this.options(identity, resume),
      spareKey: this.spareKey(identity),
      owner: identity.userId,
      ...(settings.resumeSessionId ? { resumeSessionId: settings.resumeSessionId } : {}),
      onEvent: settings.onEvent,
      idleMs: config.limits.sessionIdleMs,
      stallMs: config.limits.turnStallMs,
      logger: logger.child({ component: 'agent-session' }),
    });
  }

  /** Starts a spare for the user if there is room; never waits for it. */
  prewarm(identity: Identity): void {
    const { config, pool, logger } = this.deps;
    if (!config.model.configured || this.deps.warmUp === false) return;
    const key = this.spareKey(identity);
    if (pool.hasSpare(key)) return;
    pool.prewarm(key, () => this.options(identity, undefined)).catch((error: unknown) => {
      logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'warm-up failed');
    });
  }

  /** After sign-out: the spare holds a token that no longer works. */
  discardSpare(identity: Identity): void {
    this.deps.pool.discardSpare(this.spareKey(identity));
  }
}

/** A short fingerprint of a token, to tell two tokens apart without keeping either in a map key. */
export function tokenTag(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
