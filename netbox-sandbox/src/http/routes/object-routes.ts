import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUTH_DETAIL } from '../../auth/authenticate.ts';
import { canView, visibleRows } from '../../auth/object-permissions.ts';
import { readFieldSelection } from '../../query/field-selection.ts';
import { FilterErrors, filterRows } from '../../query/filter-rows.ts';
import { orderRows } from '../../query/order-rows.ts';
import { paginate } from '../../query/paginate.ts';
import { serializeObject } from '../../serialize/serialize-object.ts';
import { requestOrigin, requestUrl } from '../request-origin.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { sendJson } from '../send-json.ts';
import { viewerOf } from '../viewer-of.ts';
import { visibleObject } from '../visible-object.ts';

type ObjectParams = { app: string; path: string; id?: string };

/** List and detail endpoints of every model in the registry: `/api/<app>/<path>/` and `…/<id>/`. */
export function registerObjectRoutes(app: FastifyInstance, state: SandboxState): void {
  const modelFor = (request: FastifyRequest<{ Params: ObjectParams }>) =>
    state.registry.byPath(request.params.app, request.params.path);

  app.get<{ Params: ObjectParams }>('/api/:app/:path/', async (request, reply) => {
    const model = modelFor(request);
    if (!model) return sendJson(reply, 404, { detail: 'Not found.' }, state.version);
    const viewer = viewerOf(state, request, reply);
    if (!viewer) return reply;
    if (!canView(viewer, model.key)) return sendJson(reply, 403, { detail: AUTH_DETAIL.forbidden }, state.version);
    const ctx = state.contextFor(requestOrigin(request));
    const url = requestUrl(request);
    try {
      const ordered = orderRows(model, state.db.rows(model.table), url.searchParams.get('ordering') ?? undefined, ctx);
      const rows = filterRows(model, visibleRows(viewer, model, ordered, ctx), [...url.searchParams], ctx);
      const page = paginate(rows, url);
      const { representation, keep } = readFieldSelection(url.searchParams);
      const results = page.rows.map((row) => serializeObject(model, row, ctx, representation, { keep }));
      return sendJson(reply, 200, { count: page.count, next: page.next, previous: page.previous, results }, state.version);
    } catch (err) {
      if (err instanceof FilterErrors) return sendJson(reply, 400, err.errors, state.version);
      throw err;
    }
  });

  app.get<{ Params: ObjectParams }>('/api/:app/:path/:id/', async (request, reply) => {
    const model = modelFor(request);
    const found = visibleObject(state, request, reply, model, request.params.id);
    if (!found || !model) return reply;
    const { representation, keep } = readFieldSelection(requestUrl(request).searchParams);
    return sendJson(reply, 200, serializeObject(model, found.row, found.ctx, representation, { keep }), state.version);
  });
}
