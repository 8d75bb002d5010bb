import type { FastifyInstance } from 'fastify';
import type { StubState } from './stub-state.ts';

/**
 * What Claude Code calls besides the Messages API: `HEAD /api/hello`, a connectivity probe it sends at start
 * unless CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC is set. Answered 200 so it never looks like an outage.
 */
export function registerProbeRoutes(app: FastifyInstance, state: StubState): void {
  app.get('/api/hello', async (request) => {
    state.log.record(request, true);
    return { message: 'hello' };
  });
}
