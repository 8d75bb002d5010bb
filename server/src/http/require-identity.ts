import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Identity, IdentityResolver } from '../auth/identity.ts';
import { httpError } from './http-errors.ts';

/**
 * A preHandler that answers 401 unless the request has an identity, and a getter for it in the handler. The
 * identity lives in a WeakMap, not on the request object, so no request logger can serialize its token.
 */
export function requireIdentity(identities: IdentityResolver) {
  const identityOf = new WeakMap<FastifyRequest, Identity>();
  return {
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const identity = await identities.fromRequest(request);
      if (!identity) return reply.code(401).send(httpError('UNAUTHORIZED'));
      identityOf.set(request, identity);
    },
    identity(request: FastifyRequest): Identity {
      const identity = identityOf.get(request);
      if (!identity) throw new Error('requireIdentity preHandler did not run for this route');
      return identity;
    },
  };
}
export type IdentityGuard = ReturnType<typeof requireIdentity>;
