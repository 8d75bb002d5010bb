import {
  ConversationIdSchema,
  ConversationListItemSchema,
  ConversationListSchema,
  ConversationSchema,
  conversationToMarkdown,
  HttpErrorSchema,
  RenameConversationBodySchema,
  type Conversation,
  type ConversationListItem,
} from '@netbox-chatbox/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChatError } from '../chat/chat-error.ts';
import type { ChatService } from '../chat/chat-service.ts';
import { toChatMessage, type ConversationListRow, type ConversationRow, type Store } from '../store/index.ts';
import { openapiSchema } from './openapi.ts';
import { parseWith } from './parse-body.ts';
import type { IdentityGuard } from './require-identity.ts';

export interface ConversationRoutesDeps {
  readonly store: Store;
  readonly chat: ChatService;
  readonly guard: IdentityGuard;
}

const ParamsSchema = z.object({ id: ConversationIdSchema });
const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
});
const ExportQuerySchema = z.object({ format: z.enum(['markdown', 'md', 'json']).default('markdown') });

const error = openapiSchema(HttpErrorSchema);
const params = openapiSchema(ParamsSchema);

/** The signed-in user's conversations. Every query is scoped to the user: another user's id is a 404. */
export function registerConversationRoutes(app: FastifyInstance, deps: ConversationRoutesDeps): void {
  const { store, chat, guard } = deps;
  const common = { tags: ['conversations'], security: [{ session: [] }] };

  app.get(
    '/api/conversations',
    {
      preHandler: guard.preHandler,
      schema: { ...common, summary: 'List conversations, newest activity first', querystring: openapiSchema(ListQuerySchema), response: { 200: openapiSchema(ConversationListSchema), 401: error } },
    },
    async (request) => {
      const query = parseWith(ListQuerySchema, request.query, 'query');
      const page = await store.conversations.list(guard.identity(request).userId, query);
      return { conversations: page.conversations.map(listItem), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/conversations/:id',
    {
      preHandler: guard.preHandler,
      schema: { ...common, summary: 'A conversation with its messages', params, response: { 200: openapiSchema(ConversationSchema), 404: error } },
    },
    async (request) => {
      const { id } = parseWith(ParamsSchema, request.params, 'path');
      return loadConversation(store, guard.identity(request).userId, id);
    },
  );

  app.patch(
    '/api/conversations/:id',
    {
      preHandler: guard.preHandler,
      schema: {
        ...common,
        summary: 'Rename a conversation',
        params,
        body: openapiSchema(RenameConversationBodySchema),
        response: { 200: openapiSchema(ConversationListItemSchema), 400: error, 404: error },
      },
    },
    async (request) => {
      const { id } = parseWith(ParamsSchema, request.params, 'path');
      const { title } = parseWith(RenameConversationBodySchema, request.body);
      const row = await chat.rename(guard.identity(request), id, title);
      if (!row) throw new ChatError('NOT_FOUND');
      return listItem(row);
    },
  );

  app.delete(
    '/api/conversations/:id',
    {
      preHandler: guard.preHandler,
      schema: { ...common, summary: 'Delete a conversation for good (a running answer is stopped first)', params, response: { 204: { type: 'null' }, 404: error } },
    },
    async (request, reply) => {
      const { id } = parseWith(ParamsSchema, request.params, 'path');
      if (!(await chat.delete(guard.identity(request), id))) throw new ChatError('NOT_FOUND');
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/conversations/:id/export',
    {
      preHandler: guard.preHandler,
      schema: {
        ...common,
        summary: 'Download a conversation as Markdown (default) or JSON',
        params,
        querystring: openapiSchema(ExportQuerySchema),
        response: {
          200: { description: 'text/markdown, or application/json in the Conversation shape', type: 'string' },
          404: error,
        },
      },
    },
    async (request, reply) => {
      const { id } = parseWith(ParamsSchema, request.params, 'path');
      const { format } = parseWith(ExportQuerySchema, request.query, 'query');
      // An export is the conversation itself; where to resume a socket means nothing in a file.
      const { resumeAfterSeq: _resume, ...conversation } = await loadConversation(store, guard.identity(request).userId, id);
      const name = fileName(conversation);
      if (format === 'json') {
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .send(JSON.stringify(conversation, null, 2));
      }
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.md"`)
        .send(conversationToMarkdown(conversation));
    },
  );
}

async function loadConversation(store: Store, userId: string, id: string): Promise<Conversation> {
  // The resume point first: whatever happens between the two reads is replayed, never lost.
  const resumeAfterSeq = await store.events.resumePoint({ userId, conversationId: id });
  const row = await store.conversations.get(userId, id);
  const messages = row ? await store.messages.list({ userId, conversationId: id }) : null;
  if (!row || !messages || resumeAfterSeq === null) throw new ChatError('NOT_FOUND');
  return { ...listItemBase(row), resumeAfterSeq, messages: messages.map(toChatMessage) };
}

function listItemBase(row: ConversationRow): Omit<ConversationListItem, 'messageCount'> {
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function listItem(row: ConversationRow | ConversationListRow): ConversationListItem {
  return { ...listItemBase(row), ...('messageCount' in row ? { messageCount: row.messageCount } : {}) };
}

/** The title as a safe file name: letters, digits and dashes, never empty. */
function fileName(conversation: Conversation): string {
  const slug = conversation.title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return slug || `conversation-${conversation.id.slice(0, 8)}`;
}
