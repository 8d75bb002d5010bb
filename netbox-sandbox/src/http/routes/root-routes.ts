import type { FastifyInstance } from 'fastify';
import { serializeObject } from '../../serialize/serialize-object.ts';
import { requestOrigin } from '../request-origin.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { sendJson } from '../send-json.ts';
import { viewerOf } from '../viewer-of.ts';

/** Roots NetBox lists whatever its data holds; other apps are listed only when the sandbox serves models of them. */
const ALWAYS_SERVED = ['plugins', 'status'];

/** `/api/`, the per-app roots `/api/dcim/`, `/api/status/` and `/api/authentication-check/`. */
export function registerRootRoutes(app: FastifyInstance, state: SandboxState): void {
  // NetBox's APIRootView lists its apps alphabetically; an app the sandbox has no models of is not one it serves.
  const apps = [...new Set([...state.registry.models.map((m) => m.key.split('.')[0]!), ...ALWAYS_SERVED])].sort();

  app.get('/api/', async (request, reply) => {
    if (!viewerOf(state, request, reply)) return reply;
    const origin = requestOrigin(request);
    return sendJson(reply, 200, Object.fromEntries(apps.map((a) => [a, `${origin}/api/${a}/`])), state.version);
  });

  app.get('/api/status/', async (request, reply) => {
    if (!viewerOf(state, request, reply)) return reply;
    return sendJson(
      reply,
      200,
      {
        'django-version': '5.2.8',
        'installed-apps': {},
        'netbox-version': state.version,
        'netbox-full-version': state.version,
        plugins: {},
        'python-version': '3.12.3',
        'rq-workers-running': 1,
      },
      state.version,
    );
  });

  app.get('/api/authentication-check/', async (request, reply) => {
    const viewer = viewerOf(state, request, reply);
    if (!viewer) return reply;
    const ctx = state.contextFor(requestOrigin(request));
    const users = state.registry.find('users.user');
    const body = users ? serializeObject(users, viewer.user, ctx, 'full') : { id: viewer.user.id, username: viewer.user.username };
    return sendJson(reply, 200, body, state.version);
  });

  app.get<{ Params: { app: string } }>('/api/:app/', async (request, reply) => {
    const models = state.registry.models.filter((m) => m.key.startsWith(`${request.params.app}.`));
    if (!apps.includes(request.params.app)) return sendJson(reply, 404, { detail: 'Not found.' }, state.version);
    if (!viewerOf(state, request, reply)) return reply;
    const origin = requestOrigin(request);
    const body = Object.fromEntries(models.map((m) => [m.path, `${origin}/api/${request.params.app}/${m.path}/`]));
    return sendJson(reply, 200, body, state.version);
  });
}
