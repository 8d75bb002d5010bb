import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { MAX_FRAME_BYTES } from '@netbox-chatbox/protocol';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { isAllowedOrigin, pageOrigins } from '../auth/origin.ts';
import type { TrustProxy } from '../config/index.ts';
import { HostAllowList, installHostAllowList } from './host-allow-list.ts';
import { httpError, installErrorHandlers } from './http-errors.ts';
import { registerOpenapi } from './openapi.ts';

export interface CreateFastifyOptions {
  readonly logger: Logger;
  readonly corsOrigins: readonly string[];
  /** PUBLIC_URL's origin: its host is the one public name the server answers to. */
  readonly publicUrl?: string;
  /** Whose X-Forwarded-For/-Proto/-Host to believe (TRUST_PROXY). */
  readonly trustProxy?: TrustProxy;
  readonly version: string;
  /** Requests per minute per client address over the whole HTTP API (messages have their own limit). */
  readonly requestsPerMinute?: number;
  /** CSP sources for the UI shell's inline scripts (see static-web.ts); nothing else inline may run. */
  readonly scriptHashes?: readonly string[];
}

/**
 * ws's own limit, far above the protocol's: a frame between the two reaches parseClientFrame and gets a
 * FRAME_TOO_LARGE error on a socket that stays open; only a frame beyond this closes the socket (code 1009).
 */
export const WS_MAX_PAYLOAD = 16 * MAX_FRAME_BYTES;

/** JSON bodies are small: the longest message is 16,000 characters. */
const BODY_LIMIT = 256 * 1024;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The Fastify instance with its security plugins; routes are added by the caller. */
export async function createFastify(options: CreateFastifyOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
  });
  // First of all hooks: a request under another host name gets no further (no CORS, no counting, no route).
  installHostAllowList(app, new HostAllowList(options.publicUrl));
  // Route schemas are documentation (OpenAPI); bodies are checked with the protocol's zod schemas in handlers.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        // No remote images: a Markdown answer cannot make the browser fetch (and leak to) another host.
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", ...(options.scriptHashes ?? [])],
        // Vue binds style attributes; no remote stylesheet or font is ever needed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...socketSources(options.publicUrl)],
        upgradeInsecureRequests: null,
      },
    },
    // Plain http on loopback is the normal demo case; HSTS belongs to whoever terminates TLS.
    strictTransportSecurity: false,
  });
  const allowedOrigins = pageOrigins(options.publicUrl, options.corsOrigins);
  await app.register(cors, {
    origin: options.corsOrigins.length > 0 ? [...options.corsOrigins] : false,
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: options.requestsPerMinute ?? 600,
    timeWindow: 60_000,
    // A page load fetches dozens of hashed assets, and an orchestrator's probes must never read 429 as "restart me".
    allowList: (request) => isUnlimited(request.url),
    errorResponseBuilder: (_request, context) => ({ statusCode: context.statusCode, ...httpError('RATE_LIMITED') }),
  });
  await app.register(websocket, { options: { maxPayload: WS_MAX_PAYLOAD } });
  installErrorHandlers(app);

  // Cookies ride along with cross-site requests; a state change is accepted only from our own pages (or
  // CORS_ORIGINS). SameSite=Lax already keeps the cookie off cross-site POSTs; this also covers same-site ones.
  app.addHook('onRequest', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method) || isAllowedOrigin(request, allowedOrigins)) return;
    request.log.warn({ origin: String(request.headers.origin).slice(0, 200) }, 'request refused: origin not allowed');
    return reply.code(403).send(httpError('UNAUTHORIZED', 'This page is not allowed to call the chat API.'));
  });

  await registerOpenapi(app, options.version);
  return app;
}

const UNLIMITED_PATHS = new Set(['/health', '/ready', '/favicon.svg']);

function isUnlimited(url: string): boolean {
  const path = url.split('?', 1)[0] ?? url;
  return UNLIMITED_PATHS.has(path) || path.startsWith('/_nuxt/');
}

/**
 * `ws://host` for the page's own host, so the socket is allowed by CSP even in browsers where 'self' omits ws:
 * PUBLIC_URL's when there is one (behind a proxy the Host header may be the proxy's upstream name), else the
 * request's (a loopback name: the host allow-list ran first).
 */
function socketSources(publicUrl: string | undefined): Array<string | ((req: IncomingMessage) => string)> {
  if (publicUrl) {
    const url = new URL(publicUrl);
    return [`${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`];
  }
  const fromRequest = (scheme: 'ws' | 'wss') => (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    return /^[A-Za-z0-9.[\]:-]{1,255}$/.test(host) ? `${scheme}://${host}` : "'self'";
  };
  return [fromRequest('ws'), fromRequest('wss')];
}
