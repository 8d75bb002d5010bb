import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * A zod schema as an OpenAPI 3.0 schema object, for a route's documentation. Route schemas are documentation
 * only in this server: bodies are checked with zod in the handlers (see create-fastify.ts), so the document and
 * the checks come from the same schemas.
 */
export function openapiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export async function registerOpenapi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'NetBox Chatbox API',
        version,
        description:
          'Conversations, sign-in and a non-streaming chat endpoint. Streaming chat is the WebSocket at /ws/chat; its frames are described in protocol/README.md.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'nbc_session' } },
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'auth', description: 'Sign-in (multi-user mode)' },
        { name: 'conversations', description: 'The signed-in user’s conversations' },
        { name: 'chat', description: 'A question and its whole answer, without streaming' },
      ],
    },
  });
}

/** `GET /api/openapi.json`: the document, built from the routes registered by then. */
export function registerOpenapiRoute(app: FastifyInstance): void {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
