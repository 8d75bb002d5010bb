import { timingSafeEqual } from 'node:crypto';
import type { Mode } from '@netbox-chatbox/protocol';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../observability/metrics.ts';
import { httpError } from './http-errors.ts';

/**
 * GET /metrics in Prometheus's text format. Open in demo and single-user mode, which listen on loopback only;
 * in multi-user mode only with `Authorization: Bearer <METRICS_TOKEN>` (and not at all without METRICS_TOKEN),
 * since the figures tell who is busy and how much the model costs.
 */
export function registerMetricsRoute(app: FastifyInstance, deps: { metrics: Metrics; mode: Mode; token: string | undefined }): void {
  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
    if (deps.mode === 'multi-user') {
      if (!deps.token) return reply.code(403).send(httpError('UNAUTHORIZED', 'Metrics are off in multi-user mode until METRICS_TOKEN is set on the server.'));
      if (!bearerMatches(request.headers.authorization, deps.token)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send(httpError('UNAUTHORIZED', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.'));
      }
    }
    const body = await deps.metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(deps.metrics.registry.contentType).send(body);
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
