import { ChatRequestSchema, ChatResponseSchema, HttpErrorSchema, normalizeChatRequest, type ChatResponse } from '@netbox-chatbox/protocol';
import type { FastifyInstance } from 'fastify';
import { ChatError } from '../chat/chat-error.ts';
import type { ChatService } from '../chat/chat-service.ts';
import { openapiSchema } from './openapi.ts';
import { parseWith } from './parse-body.ts';
import type { IdentityGuard } from './require-identity.ts';

/**
 * `POST /api/chat`: the seed's ChatRequest → ChatResponse, answered once the whole turn is done. The turn is an
 * ordinary one: stored, and streamed to any socket following the conversation. A client that hangs up does not
 * stop it.
 */
export function registerChatRoute(app: FastifyInstance, deps: { chat: ChatService; guard: IdentityGuard }): void {
  const error = openapiSchema(HttpErrorSchema);
  app.post(
    '/api/chat',
    {
      preHandler: deps.guard.preHandler,
      schema: {
        tags: ['chat'],
        summary: 'Ask a question and get the whole answer (no streaming)',
        security: [{ session: [] }],
        body: openapiSchema(ChatRequestSchema),
        response: { 200: openapiSchema(ChatResponseSchema), 400: error, 401: error, 404: error, 409: error, 429: error, 503: error },
      },
    },
    async (request): Promise<ChatResponse> => {
      const body = normalizeChatRequest(parseWith(ChatRequestSchema, request.body));
      if (body.content.trim() === '') throw new ChatError('BAD_FRAME', 'The message is empty.');
      const handle = await deps.chat.send(deps.guard.identity(request), body);
      const outcome = await handle.finished;
      if (outcome.status === 'error' && outcome.error) throw new ChatError(outcome.error.code, outcome.error.message, outcome.error.retryable);
      return {
        message: outcome.text,
        completed: outcome.status === 'complete',
        session_id: outcome.conversationId,
        conversationId: outcome.conversationId,
        turnId: outcome.turnId,
        toolCalls: [...outcome.toolCalls],
        ...(outcome.usage ? { usage: outcome.usage } : {}),
        ...(outcome.costUsd === undefined ? {} : { costUsd: outcome.costUsd }),
        durationMs: outcome.durationMs,
        ...(outcome.stopReason ? { stopReason: outcome.stopReason } : {}),
      };
    },
  );
}
