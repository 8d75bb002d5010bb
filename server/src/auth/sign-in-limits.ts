import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { ChatError } from '../chat/chat-error.ts';

/** Password guessing is slow work: a few tries a minute per client address, and as many per username. */
export const SIGN_IN_PER_MINUTE = 10;

const WINDOW_MS = 60_000;

/**
 * Two limits on sign-in. Per client address (the route's own rate limit; behind a proxy that is the client's
 * address only with TRUST_PROXY, or everyone would share the proxy's), so one guesser does not lock out
 * everybody. Per username, across addresses, so guessing one password from many machines is slowed down as
 * well. Both are kept in this process's memory, like the API's limit.
 */
export function signInLimits(app: FastifyInstance, perMinute: number) {
  const perUsername = app.createRateLimit({
    max: perMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `sign-in-user:${usernameKey(request.body)}`,
  });
  return {
    /** The route's `config.rateLimit`: per client address. */
    perAddress: {
      max: perMinute,
      timeWindow: WINDOW_MS,
      errorResponseBuilder: () => new ChatError('RATE_LIMITED', 'Too many sign-in attempts from this address. Wait a minute and try again.'),
    } satisfies RateLimitOptions,

    /** Counts a password sign-in against its username; throws RATE_LIMITED past the limit. */
    async checkUsername(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (usernameKey(request.body) === null) return;
      const result = await perUsername(request);
      if (result.isAllowed || !result.isExceeded) return;
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new ChatError('RATE_LIMITED', 'Too many sign-in attempts for this user. Wait a minute and try again.');
    },
  };
}

/** Usernames as NetBox's sign-in form takes them, folded so that `PNair ` and `pnair` count as one. */
function usernameKey(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const username = (body as { username?: unknown }).username;
  return typeof username === 'string' && username.trim() !== '' ? username.trim().toLowerCase() : null;
}
