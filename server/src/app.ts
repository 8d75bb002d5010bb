import { MAX_FRAME_BYTES, PROTOCOL_VERSION, type ConnectedEvent, type Mode } from '@netbox-chatbox/protocol';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@netbox-chatbox/netbox-sandbox';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { SessionPool } from './agent/index.ts';
import { registerAuthRoutes } from './auth/auth-routes.ts';
import { startCredentialReaper } from './auth/credential-retirement.ts';
import type { Identity, IdentityResolver } from './auth/identity.ts';
import { createLocalIdentity } from './auth/local-identity.ts';
import { pageOrigins } from './auth/origin.ts';
import { NetboxAuth } from './auth/netbox-auth.ts';
import { NetboxTokenWatch } from './auth/netbox-token-watch.ts';
import { createSessionIdentity } from './auth/session-identity.ts';
import { AgentFactory, tokenTag } from './chat/agent-factory.ts';
import { ChatService } from './chat/chat-service.ts';
import type { OutageLimits } from './chat/event-writer.ts';
import type { LeaseTiming } from './chat/lease-timing.ts';
import { startHousekeeping } from './chat/housekeeping.ts';
import { MessageRateLimiter } from './chat/rate-limiter.ts';
import { configSummary, type Config } from './config/index.ts';
import { registerChatRoute } from './http/chat-route.ts';
import { registerConversationRoutes } from './http/conversation-routes.ts';
import { createFastify } from './http/create-fastify.ts';
import { registerHealthRoutes } from './http/health-routes.ts';
import { registerStartersRoute } from './http/starters-route.ts';
import { createLogger } from './http/logger.ts';
import { registerOpenapiRoute } from './http/openapi.ts';
import { loadWebBuild, registerStaticWeb } from './http/static-web.ts';
import { requireIdentity } from './http/require-identity.ts';
import { prepareDataDir } from './store/data-dir.ts';
import { openStore, type Store } from './store/index.ts';
import { registerChatSocket } from './ws/chat-socket.ts';
import { SocketRegistry } from './ws/socket-registry.ts';

export const SERVER_VERSION = '0.1.0';

/** The users-table key of demo mode's NetBox: stable, though the sandbox listens on a new port each start. */
const DEMO_NETBOX_KEY = 'demo:sandbox';

export interface StartAppOptions {
  readonly config: Config;
  /** Default: pino at the configured level, secrets redacted, to stdout. */
  readonly logger?: Logger;
  /** Demo mode's sandbox settings (tests pass a prepared data set). */
  readonly sandbox?: SandboxOptions;
  /** Start spare CLI processes ahead of first questions. Default true. */
  readonly warmUp?: boolean;
  /** WebSocket heartbeat interval (tests shorten it). */
  readonly heartbeatMs?: number;
  /** Sign-in attempts per minute per client address, and per username (default 10). */
  readonly signInPerMinute?: number;
  /** How often stored tokens of ended sign-ins are looked for (default every minute; tests shorten it). */
  readonly credentialSweepMs?: number;
  /** The generated UI to serve (default: web/.output/public when built); null serves none. */
  readonly webDir?: string | null;
  /** How turn leases keep time among server processes (tests shorten it). */
  readonly leaseTiming?: LeaseTiming;
  /** How long a turn's events may wait for a database that is away (tests shorten it). */
  readonly outageLimits?: OutageLimits;
}

export interface RunningApp {
  /** `http://host:port` the server listens on. */
  readonly url: string;
  readonly mode: Mode;
  readonly netboxUrl: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly chat: ChatService;
  readonly pool: SessionPool;
  readonly logger: Logger;
  /** Stops taking requests, stops running turns (stored as stopped), closes processes, the store and the sandbox. */
  close(): Promise<void>;
}

/** Everything the server is, started: the composition root behind main.ts and the tests. */
export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  // Before anything is written: the sandbox, the store and the agent all write under DATA_DIR.
  const dataDir = prepareDataDir(config.dataDir);
  for (const warning of [...config.warnings, ...(dataDir.warning ? [dataDir.warning] : [])]) logger.warn(warning);
  if (dataDir.closed > 0) logger.info({ entries: dataDir.closed }, 'files in DATA_DIR that an earlier version left open to other users are now owner-only');
  logger.info({ config: configSummary(config) }, 'starting');

  const cleanup: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch((error: unknown) => logger.error({ err: errorName(error) }, 'shutdown step failed'));
  };
  try {
    let sandbox: RunningSandbox | undefined;
    if (config.mode === 'demo') {
      sandbox = await startSandbox({ host: '127.0.0.1', port: 0, ...options.sandbox });
      const started = sandbox;
      cleanup.push(() => started.close());
      logger.info({ url: sandbox.url }, 'demo NetBox sandbox started');
    }
    const netboxUrl = sandbox?.url ?? config.netbox.url;
    if (!netboxUrl) throw new Error('NETBOX_URL is missing outside demo mode');
    const serviceToken = sandbox?.token ?? config.netbox.token;

    const store = await openStore(config, { logger });
    cleanup.push(() => store.close());

    const housekeeping = startHousekeeping(store, logger, { dataDir: config.dataDir });
    cleanup.push(async () => housekeeping.stop());

    const pool = new SessionPool({
      maxLive: config.limits.maxLiveSessions,
      maxPerUser: config.limits.maxLiveSessionsPerUser,
      logger: logger.child({ component: 'session-pool' }),
    });
    cleanup.push(() => pool.close());

    const netboxAuth = new NetboxAuth({ url: netboxUrl, timeoutMs: config.netbox.timeoutMs, verifyTls: config.netbox.verifyTls });
    cleanup.push(() => netboxAuth.close());
    let identities: IdentityResolver;
    let localIdentity: Identity | undefined;
    if (config.mode === 'multi-user') {
      identities = createSessionIdentity(store, netboxUrl, logger);
      const reaper = startCredentialReaper({ store, netboxAuth, logger }, options.credentialSweepMs === undefined ? {} : { everyMs: options.credentialSweepMs });
      cleanup.push(async () => reaper.stop());
    } else {
      if (!serviceToken) throw new Error('a NetBox token is missing in a mode without sign-in');
      const local = await createLocalIdentity(store, config.mode === 'demo' ? DEMO_NETBOX_KEY : netboxUrl, { url: netboxUrl, token: serviceToken });
      identities = local;
      localIdentity = local.identity;
    }

    const agents = new AgentFactory({ config, store, pool, logger, ...(options.warmUp === undefined ? {} : { warmUp: options.warmUp }) });
    const limiter = new MessageRateLimiter(config.limits.rateLimitPerMinute);
    const sockets = new SocketRegistry();
    const netboxTokens = new NetboxTokenWatch({
      mode: config.mode,
      netboxAuth,
      identities,
      onSignInEnded: (identity) => {
        if (identity.sessionKey) sockets.endSession(identity.sessionKey);
        agents.discardSpare(identity);
      },
      logger,
    });
    const chat = new ChatService({
      config,
      store,
      agents,
      limiter,
      netboxTokens,
      logger: logger.child({ component: 'chat' }),
      ...(options.leaseTiming ? { leaseTiming: options.leaseTiming } : {}),
      ...(options.outageLimits ? { outageLimits: options.outageLimits } : {}),
    });
    cleanup.push(() => chat.close());
    // Alone on PGlite this closes, before anything else runs, the turns a crash of the last run left open.
    await chat.start();

    const web = options.webDir === null ? undefined : loadWebBuild(options.webDir);
    if (!web && options.webDir !== null) logger.warn('the web UI is not built (npm run build -w web): serving the API only');
    const app = await createFastify({
      logger,
      corsOrigins: config.corsOrigins,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      trustProxy: config.trustProxy,
      version: SERVER_VERSION,
      ...(web ? { scriptHashes: web.scriptHashes } : {}),
    });
    cleanup.push(() => app.close());
    const guard = requireIdentity(identities);

    registerHealthRoutes(app, { config, store, mode: config.mode, netbox: { url: netboxUrl, ...(serviceToken && config.mode !== 'multi-user' ? { token: serviceToken } : {}) } });
    registerAuthRoutes(app, {
      mode: config.mode,
      store,
      guard,
      ...(config.mode === 'multi-user' ? { netboxAuth } : {}),
      netboxUrl,
      logger,
      signInTtlMs: config.signInTtlMs,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      ...(options.signInPerMinute === undefined ? {} : { signInPerMinute: options.signInPerMinute }),
      onSignOut: ({ sessionKey, userId, token }) => {
        sockets.endSession(sessionKey);
        if (token) pool.discardSpare(`${userId}:${tokenTag(token)}`);
      },
    });
    registerConversationRoutes(app, { store, chat, guard });
    registerChatRoute(app, { chat, guard });
    registerStartersRoute(app, { guard, timeoutMs: config.netbox.timeoutMs, verifyTls: config.netbox.verifyTls });
    const connected = (identity: Identity): ConnectedEvent => ({
      type: 'connected',
      protocolVersion: PROTOCOL_VERSION,
      user: identity.user,
      mode: config.mode,
      model: config.model.configured ? { configured: true, name: config.model.name } : { configured: false, ...(config.model.reason ? { reason: config.model.reason } : {}) },
      netboxUrl,
      limits: { maxFrameBytes: MAX_FRAME_BYTES, maxMessageChars: config.limits.maxMessageChars, rateLimitPerMinute: config.limits.rateLimitPerMinute },
    });
    registerChatSocket(app, {
      chat,
      identities,
      sockets,
      corsOrigins: pageOrigins(config.publicUrl, config.corsOrigins),
      maxMessageChars: config.limits.maxMessageChars,
      connected,
      onConnect: (identity) => agents.prewarm(identity),
      ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    });
    registerOpenapiRoute(app);
    if (web) await registerStaticWeb(app, web);

    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url, mode: config.mode }, 'server listening');
    if (localIdentity) agents.prewarm(localIdentity);

    return { url, mode: config.mode, netboxUrl, app, store, chat, pool, logger, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown';
}
