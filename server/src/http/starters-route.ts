import { HttpErrorSchema } from '@netbox-chatbox/protocol';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../auth/identity.ts';
import { openapiSchema } from './openapi.ts';
import type { IdentityGuard } from './require-identity.ts';
import { StartersCache } from './starters-cache.ts';
import { readStarterFacts } from './starters-netbox.ts';
import { buildStarters } from './starters-questions.ts';
import { StartersResponseSchema, type StartersResponse } from './starters-schema.ts';

export interface StartersRouteDeps {
  readonly guard: IdentityGuard;
  /** The server's NetBox timeout; starters use at most STARTER_TIMEOUT_MS of it. */
  readonly timeoutMs?: number;
  readonly verifyTls?: boolean;
  /** How long a user's NetBox-derived questions are kept. Default 5 minutes. */
  readonly ttlMs?: number;
  /** How long the generic list is kept after NetBox failed, before NetBox is asked again. Default 30 s. */
  readonly fallbackTtlMs?: number;
}

export const STARTER_TIMEOUT_MS = 3_000;
const DEFAULT_TTL_MS = 5 * 60_000;
const DEFAULT_FALLBACK_TTL_MS = 30_000;

/**
 * `GET /api/starters`: a few questions for an empty chat that name things really in the user's NetBox (a site,
 * a device, a prefix, an IP), read with the user's own token. Never fails because NetBox did: the answer is
 * then a generic list.
 */
export function registerStartersRoute(app: FastifyInstance, deps: StartersRouteDeps): void {
  const cache = new StartersCache<StartersResponse>();
  const timeoutMs = Math.min(deps.timeoutMs ?? STARTER_TIMEOUT_MS, STARTER_TIMEOUT_MS);
  const ttlMs = deps.ttlMs ?? DEFAULT_TTL_MS;
  const fallbackTtlMs = deps.fallbackTtlMs ?? DEFAULT_FALLBACK_TTL_MS;

  app.get(
    '/api/starters',
    {
      preHandler: deps.guard.preHandler,
      schema: {
        tags: ['chat'],
        summary: 'Starter questions built from what is in the signed-in user’s NetBox',
        security: [{ session: [] }],
        response: { 200: openapiSchema(StartersResponseSchema), 401: openapiSchema(HttpErrorSchema) },
      },
    },
    async (request) => {
      const identity = deps.guard.identity(request);
      return cache.get(cacheKey(identity), async () => {
        const { facts, failures } = await readStarterFacts({ ...identity.netbox, timeoutMs, verifyTls: deps.verifyTls ?? true });
        if (Object.keys(failures).length > 0) request.log.info({ userId: identity.userId, failures }, 'starter questions: some NetBox reads failed');
        const starters = StartersResponseSchema.parse(buildStarters(facts));
        return { value: starters, ttlMs: starters.source === 'netbox' ? ttlMs : fallbackTtlMs };
      });
    },
  );
}

/** Per user and per token: a new sign-in may come with other NetBox permissions. */
function cacheKey(identity: Identity): string {
  const tag = createHash('sha256').update(identity.netbox.token).digest('hex').slice(0, 16);
  return `${identity.userId}:${identity.netbox.url}:${tag}`;
}
