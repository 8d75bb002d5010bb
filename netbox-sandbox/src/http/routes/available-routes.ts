import type { FastifyInstance } from 'fastify';
import { AVAILABLE_ACTIONS } from '../../available/available-actions.ts';
import { resultsLimit } from '../../available/results-limit.ts';
import { requestUrl } from '../request-origin.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { sendJson } from '../send-json.ts';
import { visibleObject } from '../visible-object.ts';

/** `…/{id}/available-ips/` and its siblings, GET only: the sandbox is read-only. */
export function registerAvailableRoutes(app: FastifyInstance, state: SandboxState): void {
  for (const { model: key, action, compute } of AVAILABLE_ACTIONS) {
    const model = state.registry.find(key);
    if (!model) continue;
    app.get<{ Params: { id: string } }>(`/api/${key.split('.')[0]}/${model.path}/:id/${action}/`, async (request, reply) => {
      const found = visibleObject(state, request, reply, model, request.params.id);
      if (!found) return reply;
      return sendJson(reply, 200, compute(found.ctx, found.row, resultsLimit(requestUrl(request).searchParams)), state.version);
    });
  }
}
