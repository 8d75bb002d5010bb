import type {} from '@fastify/swagger';
import type {} from '@fastify/websocket';
import { CHAT_SOCKET_PATH } from '@netbox-chatbox/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Identity, IdentityResolver } from '../auth/identity.ts';
import { isAllowedOrigin } from '../auth/origin.ts';
import { httpError } from '../http/http-errors.ts';
import { ChatConnection, type ChatConnectionDeps } from './chat-connection.ts';

export interface ChatSocketOptions extends ChatConnectionDeps {
  readonly identities: IdentityResolver;
  readonly corsOrigins: readonly string[];
  /** Called for each new socket (to warm up a CLI for the user). */
  readonly onConnect?: (identity: Identity) => void;
}

/**
 * `GET /ws/chat`. The Origin and the session are checked before the upgrade, so a page of another site, or
 * someone not signed in, gets an HTTP error and never a socket.
 */
export function registerChatSocket(app: FastifyInstance, options: ChatSocketOptions): void {
  const identityOf = new WeakMap<FastifyRequest, Identity>();
  app.get(
    CHAT_SOCKET_PATH,
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request, reply) => {
        if (!isAllowedOrigin(request, options.corsOrigins)) {
          request.log.warn({ origin: String(request.headers.origin).slice(0, 200) }, 'chat socket refused: origin not allowed');
          return reply.code(403).send(httpError('UNAUTHORIZED', 'This page is not allowed to open the chat. Open the chat from its own address.'));
        }
        const identity = await options.identities.fromRequest(request);
        if (!identity) return reply.code(401).send(httpError('UNAUTHORIZED'));
        identityOf.set(request, identity);
      },
    },
    (socket, request) => {
      const identity = identityOf.get(request);
      if (!identity) {
        socket.close(1011, 'no identity');
        return;
      }
      new ChatConnection(socket, identity, options, request.log);
      options.onConnect?.(identity);
    },
  );
}
