import type { FastifyReply } from 'fastify';

/** NetBox answers with compact JSON and names its API version in a header. */
export function sendJson(reply: FastifyReply, status: number, body: unknown, version: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .header('api-version', version.split('.').slice(0, 2).join('.'))
    .header('vary', 'Accept, Cookie, Origin')
    .send(JSON.stringify(body));
}
