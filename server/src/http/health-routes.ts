import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { openapiSchema } from './openapi.ts';
import { McpReadiness } from './mcp-readiness.ts';
import { checkReadiness, ReadinessSchema, type ReadinessDeps } from './readiness.ts';

/**
 * `/health`: the process answers (liveness; never touches NetBox or the database, so a slow NetBox does not get
 * the server restarted). `/ready`: it can answer questions now, each check with its reason; 503 when not.
 */
export function registerHealthRoutes(app: FastifyInstance, base: Omit<ReadinessDeps, 'mcp'>): void {
  // MCP_CONFIG's servers are probed from start-up on, so the first /ready rarely waits and a broken one is in
  // the log early.
  const mcpConfig = base.config.mcp;
  const mcp = mcpConfig && Object.keys(mcpConfig.servers).length > 0 ? new McpReadiness(mcpConfig, { logger: app.log.child({ component: 'mcp-readiness' }) }) : undefined;
  const deps: ReadinessDeps = { ...base, ...(mcp ? { mcp } : {}) };
  if (mcp) {
    mcp.start();
    app.addHook('onClose', () => mcp.close());
  }
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
        summary: 'Readiness: NetBox reachable, model configured, store answering; extra MCP servers reported (not counted)',
        response: { 200: openapiSchema(ReadinessSchema), 503: openapiSchema(ReadinessSchema) },
      },
    },
    async (_request, reply) => {
      const readiness = await checkReadiness(deps);
      return reply.code(readiness.ready ? 200 : 503).send(readiness);
    },
  );
}
