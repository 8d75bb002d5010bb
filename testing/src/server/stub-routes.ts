import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorBody } from '../anthropic/error-body.ts';
import { faultListSchema } from '../faults/fault-schema.ts';
import { scenarioSchema } from '../scenario/scenario-schema.ts';
import type { StubState } from './stub-state.ts';

/** Test controls under `/_stub/`, never recorded in the request log so they do not disturb assertions. */
export function registerStubRoutes(app: FastifyInstance, state: StubState): void {
  app.get('/_stub/requests', async () => state.log.list());
  app.delete('/_stub/requests', async (_request, reply) => {
    state.log.clear();
    return reply.code(204).send();
  });

  app.get('/_stub/faults', async () => state.faults.pending);
  app.post('/_stub/faults', async (request, reply) => {
    const parsed = faultListSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(errorBody(400, z.prettifyError(parsed.error)));
    state.faults.set(parsed.data);
    return { queued: parsed.data.length };
  });
  app.delete('/_stub/faults', async (_request, reply) => {
    state.faults.set([]);
    return reply.code(204).send();
  });

  app.put('/_stub/scenario', async (request, reply) => {
    const parsed = scenarioSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(errorBody(400, z.prettifyError(parsed.error)));
    state.scenario = parsed.data;
    return { rules: parsed.data.rules.length };
  });
}
