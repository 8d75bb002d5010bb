import Fastify, { type FastifyInstance } from 'fastify';
import { registerFaultHook } from './fault-hook.ts';
import { registerFaultRoutes } from './routes/fault-routes.ts';
import { registerObjectRoutes } from './routes/object-routes.ts';
import { registerPathRoutes } from './routes/path-routes.ts';
import { registerAvailableRoutes } from './routes/available-routes.ts';
import { registerRootRoutes } from './routes/root-routes.ts';
import { registerSchemaRoutes } from './routes/schema-routes.ts';
import { registerTokenRoutes } from './routes/token-routes.ts';
import type { SandboxState } from './sandbox-state.ts';
import { sendJson } from './send-json.ts';

/** The sandbox's HTTP API on Fastify. Logging is off by default: tests and benchmarks read their own output. */
export function createApp(state: SandboxState, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true, bodyLimit: 64 * 1024 });
  registerFaultHook(app, state);
  registerRootRoutes(app, state);
  registerSchemaRoutes(app, state);
  registerTokenRoutes(app, state);
  registerObjectRoutes(app, state);
  registerPathRoutes(app, state);
  registerAvailableRoutes(app, state);
  registerFaultRoutes(app, state);
  app.setNotFoundHandler(async (request, reply) => {
    const [path, query] = request.url.split('?');
    // Django's APPEND_SLASH: `/api/dcim/devices` redirects to `/api/dcim/devices/`.
    if (request.method === 'GET' && path && path.startsWith('/api/') && !path.endsWith('/')) {
      return reply.redirect(`${path}/${query !== undefined ? `?${query}` : ''}`, 301);
    }
    if (request.method !== 'GET' && path?.startsWith('/api/')) {
      return sendJson(reply, 405, { detail: `Method "${request.method}" not allowed.` }, state.version);
    }
    return sendJson(reply, 404, { detail: 'Not found.' }, state.version);
  });
  return app;
}
