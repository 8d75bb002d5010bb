import type { FastifyInstance } from 'fastify';
import { serializeObject } from '../../serialize/serialize-object.ts';
import { requestOrigin } from '../request-origin.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { sendJson } from '../send-json.ts';
import { viewerOf } from '../viewer-of.ts';

const API_APPS = ['circuits', 'core', 'dcim', 'extras', 'ipam', 'plugins', 'status', 'tenancy', 'users', 'virtualization', 'vpn', 'wireless'];

/** `/api/`, the per-app roots `/api/dcim/`, `/api/status/` and `/api/authentication-check/`. */
export function registerRootRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/api/', async (request, reply) => {
    if (!viewerOf(state, request, reply)) return reply;
    const origin = requestOrigin(request);
    return sendJson(reply, 200, Object.fromEntries(API_APPS.map((a) => [a, `${origin}/api/${a}/`])), state.version);
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
    if (models.length === 0 && !API_APPS.includes(request.params.app)) return sendJson(reply, 404, { detail: 'Not found.' }, state.version);
    if (!viewerOf(state, request, reply)) return reply;
    const origin = requestOrigin(request);
    const body = Object.fromEntries(models.map((m) => [m.path, `${origin}/api/${request.params.app}/${m.path}/`]));
    return sendJson(reply, 200, body, state.version);
  });
}
