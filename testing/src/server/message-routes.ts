import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { assistantMessage, estimateTokens, newId } from '../anthropic/assistant-message.ts';
import { viewConversation } from '../anthropic/conversation.ts';
import { errorBody } from '../anthropic/error-body.ts';
import { messagesRequestSchema } from '../anthropic/request-schema.ts';
import { sseEvents } from '../anthropic/sse-events.ts';
import type { HttpFault } from '../faults/fault-schema.ts';
import { planAnswer } from '../scenario/plan-answer.ts';
import { abortableSleep, connectionSignal } from './abortable-sleep.ts';
import type { StubState } from './stub-state.ts';
import { streamAnswer } from './stream-answer.ts';

function sendHttpFault(reply: FastifyReply, fault: HttpFault): FastifyReply {
  reply.code(fault.status).headers({ 'request-id': newId('msg').replace('msg_', 'req_'), ...fault.headers });
  if (typeof fault.body === 'string') return reply.type('application/json').send(fault.body);
  return reply.send(fault.body ?? errorBody(fault.status));
}

function invalidRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send(errorBody(400, z.prettifyError(error)));
}

/** Prompt size as the model would count it: everything but the sampling settings. */
function inputTokens(body: z.infer<typeof messagesRequestSchema>): number {
  return estimateTokens([body.system ?? '', body.messages, body.tools ?? []]);
}

export function registerMessageRoutes(app: FastifyInstance, state: StubState): void {
  app.post('/v1/messages', async (request, reply) => {
    state.log.record(request, true);
    const parsed = messagesRequestSchema.safeParse(request.body);
    if (!parsed.success) return invalidRequest(reply, parsed.error);
    const plan = planAnswer(state.scenario, viewConversation(parsed.data));
    // A queued fault wins over the rule's own: tests queue faults to disturb a scenario that otherwise works.
    const fault = state.faults.next() ?? plan.fault;
    if (fault && 'status' in fault) return sendHttpFault(reply, fault);
    const signal = connectionSignal(reply.raw);
    const streamFault = fault && ('cutAfterChunks' in fault || fault.afterChunks !== undefined) ? fault : undefined;
    if (fault && 'stallMs' in fault && !streamFault && !(await abortableSleep(fault.stallMs, signal))) return reply.hijack();
    const message = assistantMessage(parsed.data.model, plan.blocks, inputTokens(parsed.data));
    const requestId = message.id.replace('msg_', 'req_');
    if (!parsed.data.stream) {
      // One JSON body has no chunks: a cut closes the connection unanswered, a stall waits before answering.
      if (streamFault && 'cutAfterChunks' in streamFault) {
        reply.hijack();
        reply.raw.destroy();
        return reply;
      }
      if (streamFault && !(await abortableSleep(streamFault.stallMs, signal))) return reply.hijack();
      return reply.header('request-id', requestId).send(message);
    }
    reply.hijack();
    await streamAnswer(reply.raw, sseEvents(message), {
      chunkDelayMs: plan.chunkDelayMs ?? state.chunkDelayMs,
      fault: streamFault,
      signal,
      requestId,
    });
    return reply;
  });

  app.post('/v1/messages/count_tokens', async (request, reply) => {
    state.log.record(request, true);
    const parsed = messagesRequestSchema.omit({ max_tokens: true }).safeParse(request.body);
    if (!parsed.success) return invalidRequest(reply, parsed.error);
    return { input_tokens: inputTokens(parsed.data) };
  });
}
