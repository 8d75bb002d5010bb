import type { FastifyInstance } from 'fastify';
import { buildOpenApi } from '../../openapi/build-openapi.ts';
import type { SandboxState } from '../sandbox-state.ts';

/** `/api/schema/`: the OpenAPI document of what the sandbox serves (JSON; NetBox also offers YAML). */
export function registerSchemaRoutes(app: FastifyInstance, state: SandboxState): void {
  let cached: string | undefined;
  app.get('/api/schema/', async (_request, reply) => {
    cached ??= JSON.stringify(buildOpenApi(state.registry, state.version));
    return reply.code(200).header('content-type', 'application/vnd.oai.openapi+json').send(cached);
  });
}
