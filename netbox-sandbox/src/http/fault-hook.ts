import type { FastifyInstance } from 'fastify';
import type { SandboxState } from './sandbox-state.ts';
import { sendJson } from './send-json.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies the configured faults to `/api/` requests before they are handled. A hung request is held until
 * the client or the server closes it; a dropped one loses its socket without a byte of answer.
 */
export function registerFaultHook(app: FastifyInstance, state: SandboxState): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const { latencyMs, errorStatus } = state.faults.faults;
    if (latencyMs > 0) await sleep(latencyMs);
    const action = state.faults.decide();
    if (action === 'drop') {
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (action === 'hang') {
      reply.hijack();
      await new Promise<void>((resolve) => request.raw.socket.once('close', () => resolve()));
      return reply;
    }
    if (action === 'error') {
      return sendJson(
        reply,
        errorStatus,
        { error: 'Injected fault', exception: 'SandboxFault', netbox_version: state.version, python_version: '3.12.3' },
        state.version,
      );
    }
    return undefined;
  });
}
