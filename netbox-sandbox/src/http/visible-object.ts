import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_DETAIL } from '../auth/authenticate.ts';
import { canView, visibleRows, type Viewer } from '../auth/object-permissions.ts';
import type { Row } from '../db/dataset.ts';
import type { ApiContext, ModelDef } from '../models/model-def.ts';
import { requestOrigin } from './request-origin.ts';
import type { SandboxState } from './sandbox-state.ts';
import { sendJson } from './send-json.ts';
import { viewerOf } from './viewer-of.ts';

export interface VisibleObject {
  readonly row: Row;
  readonly viewer: Viewer;
  readonly ctx: ApiContext;
}

/** Django's object name, for 404 bodies: `No Device matches the given query.` */
function objectName(model: ModelDef): string {
  return model.schemaName.replace(/WithConfigContext$/, '');
}

/**
 * The object a detail or action route (`…/{id}/`, `…/{id}/trace/`) is about, as NetBox's
 * `get_object_or_404(queryset.restrict(user))` finds it; otherwise undefined after answering 403 or 404
 * with NetBox's body.
 */
export function visibleObject(
  state: SandboxState,
  request: FastifyRequest,
  reply: FastifyReply,
  model: ModelDef | undefined,
  id: string | undefined,
): VisibleObject | undefined {
  if (!model || !/^\d+$/.test(id ?? '')) {
    void sendJson(reply, 404, { detail: 'Not found.' }, state.version);
    return undefined;
  }
  const viewer = viewerOf(state, request, reply);
  if (!viewer) return undefined;
  if (!canView(viewer, model.key)) {
    void sendJson(reply, 403, { detail: AUTH_DETAIL.forbidden }, state.version);
    return undefined;
  }
  const ctx = state.contextFor(requestOrigin(request));
  const row = state.db.get(model.table, Number(id));
  if (!row || visibleRows(viewer, model, [row], ctx).length === 0) {
    void sendJson(reply, 404, { detail: `No ${objectName(model)} matches the given query.` }, state.version);
    return undefined;
  }
  return { row, viewer, ctx };
}
