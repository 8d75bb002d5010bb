import type { FastifyInstance } from 'fastify';
import { PASS_THROUGH, TRACE_ENDPOINTS } from '../../paths/path-actions.ts';
import { pathsThrough } from '../../paths/paths-through.ts';
import { traceSegments } from '../../paths/trace-endpoint.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { sendJson } from '../send-json.ts';
import { visibleObject } from '../visible-object.ts';

/** Cable traces as NetBox 4.6 serves them, for every model of the data set that has them. GET only. */
export function registerPathRoutes(app: FastifyInstance, state: SandboxState): void {
  for (const [keys, action] of [
    [TRACE_ENDPOINTS, 'trace'],
    [PASS_THROUGH, 'paths'],
  ] as const) {
    for (const key of keys) {
      const model = state.registry.find(key);
      if (!model) continue;
      app.get<{ Params: { id: string } }>(`/api/${key.split('.')[0]}/${model.path}/:id/${action}/`, async (request, reply) => {
        const found = visibleObject(state, request, reply, model, request.params.id);
        if (!found) return reply;
        const body = action === 'trace' ? traceSegments(found.ctx, key, found.row) : pathsThrough(found.ctx, key, found.row.id);
        return sendJson(reply, 200, body, state.version);
      });
    }
  }
}
