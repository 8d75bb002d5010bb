import { ERROR_DEFAULTS, type ErrorCode, type HttpError } from '@netbox-chatbox/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isChatError } from '../chat/chat-error.ts';
import { isStoreError } from '../store/index.ts';

/** The HTTP status for each protocol code. */
const STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_FRAME: 400,
  FRAME_TOO_LARGE: 413,
  UNKNOWN_TYPE: 400,
  MESSAGE_TOO_LONG: 400,
  HOST_NOT_ALLOWED: 421,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  BUSY: 503,
  TURN_IN_PROGRESS: 409,
  MODEL_NOT_CONFIGURED: 503,
  MODEL_AUTH: 502,
  MODEL_UNAVAILABLE: 503,
  MODEL_OVERLOADED: 503,
  TURN_STALLED: 504,
  NETBOX_UNREACHABLE: 502,
  NETBOX_AUTH: 401,
  NETBOX_SIGN_IN_EXPIRED: 401,
  MCP_SERVER_FAILED: 502,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function httpError(code: ErrorCode, message?: string, retryable?: boolean): HttpError {
  return { error: message ?? ERROR_DEFAULTS[code].message, code, retryable: retryable ?? ERROR_DEFAULTS[code].retryable };
}

/**
 * Every error leaves as `{error, code, retryable}` with a message safe to show. Fastify's own errors (a body
 * that is not JSON, too large, a 404 route) keep their status; anything unexpected is logged and answered 500
 * without its text, which could carry internals.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isChatError(error)) return reply.code(statusOf(error.code)).send(httpError(error.code, error.message, error.retryable));
    if (isStoreError(error, 'NOT_FOUND')) return reply.code(404).send(httpError('NOT_FOUND'));
    if (isStoreError(error, 'BAD_CURSOR')) return reply.code(400).send(httpError('BAD_FRAME', error.message));
    if (isStoreError(error, 'STORE_UNAVAILABLE')) {
      request.log.error({ code: error.code }, 'store unavailable');
      return reply.code(503).send(httpError('STORE_UNAVAILABLE'));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 429) return reply.code(429).send(httpError('RATE_LIMITED'));
    if (status === 413) return reply.code(413).send(httpError('FRAME_TOO_LARGE'));
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send the request body as JSON (Content-Type: application/json).' : 'The server could not read that request.';
      return reply.code(status).send(httpError('BAD_FRAME', message));
    }
    request.log.error({ err: { name: error.name, code: error.code, message: error.message.slice(0, 300) } }, 'request failed');
    return reply.code(500).send(httpError('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `No route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}.`, code: 'NOT_FOUND', retryable: false }));
}
