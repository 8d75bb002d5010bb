import type { FastifyInstance } from 'fastify';
import { parseFaults } from '../../faults/parse-faults.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { viewerOf } from '../viewer-of.ts';

/**
 * `/_sandbox/faults`: read or change fault injection while the sandbox runs. Not part of NetBox's API;
 * it needs a superuser token so nothing else on the machine can switch faults on.
 */
export function registerFaultRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/_sandbox/faults', async (request, reply) => {
    const viewer = viewerOf(state, request, reply);
    if (!viewer) return reply;
    if (!viewer.superuser) return reply.code(403).send({ detail: 'Superuser token required.' });
    return state.faults.faults;
  });
  app.put('/_sandbox/faults', async (request, reply) => {
    const viewer = viewerOf(state, request, reply);
    if (!viewer) return reply;
    if (!viewer.superuser) return reply.code(403).send({ detail: 'Superuser token required.' });
    const parsed = parseFaults(request.body);
    if (!parsed.ok) return reply.code(400).send({ detail: parsed.error });
    return state.faults.set(parsed.faults);
  });
}
