import type { FastifyRequest } from 'fastify';

/** `http://host:port` of a request, from its Host header, as Django's build_absolute_uri uses it. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function requestUrl(request: FastifyRequest): URL {
  return new URL(request.url, requestOrigin(request));
}
