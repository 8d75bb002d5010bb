import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUTH_DETAIL } from '../../auth/authenticate.ts';
import { canView, visibleRows } from '../../auth/object-permissions.ts';
import type { ModelDef } from '../../models/model-def.ts';
import { readFieldSelection } from '../../query/field-selection.ts';
import { FilterErrors, filterRows } from '../../query/filter-rows.ts';
import { orderRows } from '../../query/order-rows.ts';
import { paginate } from '../../query/paginate.ts';
import { serializeObject } from '../../serialize/serialize-object.ts';
import { requestOrigin, requestUrl } from '../request-origin.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { sendJson } from '../send-json.ts';
import { viewerOf } from '../viewer-of.ts';

type ObjectParams = { app: string; path: string; id?: string };

/** Django's object name, for 404 bodies: `No Device matches the given query.` */
function objectName(model: ModelDef): string {
  return model.schemaName.replace(/WithConfigContext$/, '');
}

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
    if (!model || !/^\d+$/.test(request.params.id ?? '')) return sendJson(reply, 404, { detail: 'Not found.' }, state.version);
    const viewer = viewerOf(state, request, reply);
    if (!viewer) return reply;
    if (!canView(viewer, model.key)) return sendJson(reply, 403, { detail: AUTH_DETAIL.forbidden }, state.version);
    const ctx = state.contextFor(requestOrigin(request));
    const row = state.db.get(model.table, Number(request.params.id));
    if (!row || visibleRows(viewer, model, [row], ctx).length === 0) {
      return sendJson(reply, 404, { detail: `No ${objectName(model)} matches the given query.` }, state.version);
    }
    const { representation, keep } = readFieldSelection(requestUrl(request).searchParams);
    return sendJson(reply, 200, serializeObject(model, row, ctx, representation, { keep }), state.version);
  });
}
