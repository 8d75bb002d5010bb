import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/authenticate.ts';
import { viewerFor, type Viewer } from '../auth/object-permissions.ts';
import type { SandboxState } from './sandbox-state.ts';
import { requestOrigin } from './request-origin.ts';
import { sendJson } from './send-json.ts';

/**
 * The signed-in viewer of a request, or undefined after answering 403 with NetBox's body. NetBox answers 403,
 * never 401: its first authentication class sends no WWW-Authenticate header.
 */
export function viewerOf(state: SandboxState, request: FastifyRequest, reply: FastifyReply): Viewer | undefined {
  const result = authenticate(request.headers.authorization, state.tokens, state.db);
  if (!result.ok) {
    void sendJson(reply, 403, { detail: result.detail }, state.version);
    return undefined;
  }
  return viewerFor(state.contextFor(requestOrigin(request)), result.user);
}
