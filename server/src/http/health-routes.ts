import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { openapiSchema } from './openapi.ts';
import { checkReadiness, ReadinessSchema, type ReadinessDeps } from './readiness.ts';

/**
 * `/health`: the process answers (liveness; never touches NetBox or the database, so a slow NetBox does not get
 * the server restarted). `/ready`: it can answer questions now, each check with its reason; 503 when not.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: ReadinessDeps): void {
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness', response: { 200: openapiSchema(z.object({ status: z.literal('ok') })) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: NetBox reachable, model configured, store answering',
        response: { 200: openapiSchema(ReadinessSchema), 503: openapiSchema(ReadinessSchema) },
      },
    },
    async (_request, reply) => {
      const readiness = await checkReadiness(deps);
      return reply.code(readiness.ready ? 200 : 503).send(readiness);
    },
  );
}
