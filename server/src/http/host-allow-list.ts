import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoopbackHost } from '../config/index.ts';
import { httpError } from './http-errors.ts';

/** `host[:port]` and nothing else: no user info, path or spaces that a URL parser would quietly drop. */
const HOST_HEADER = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;

/**
 * The host names the server is meant to be reached by: loopback names (`localhost`, `127.0.0.1`, `[::1]`) on any
 * port, and the host of PUBLIC_URL. A DNS-rebinding page reaches 127.0.0.1 under its own name, which the browser
 * sends as Host, so refusing every other name keeps such pages from using the server (and its NetBox token)
 * as their own origin. Loopback names need no port match: a port on this machine is no defence against a local
 * page, while an SSH tunnel (`-L 9000:localhost:3000`) or the dev server reach the server under another port.
 */
export class HostAllowList {
  private readonly publicUrl: URL | undefined;

  constructor(publicUrl?: string) {
    this.publicUrl = publicUrl === undefined ? undefined : new URL(publicUrl);
  }

  allows(host: string | undefined): boolean {
    if (host === undefined || !HOST_HEADER.test(host)) return false;
    // Parsed with PUBLIC_URL's scheme, so `chat.example.com:443` and `chat.example.com` are one host for https.
    let url: URL;
    try {
      url = new URL(`${this.publicUrl?.protocol ?? 'http:'}//${host}`);
    } catch {
      return false;
    }
    if (isLoopbackHost(url.hostname)) return true;
    return this.publicUrl !== undefined && url.host === this.publicUrl.host;
  }

  /** Where to tell someone who used another name to open the chat. */
  openAt(request: FastifyRequest): string {
    return this.publicUrl?.origin ?? `http://localhost:${request.socket.localPort ?? ''}`;
  }
}

/**
 * Refuses a request to any other host name before anything else runs: every route, the UI, the 404 handler and
 * the WebSocket upgrade. The host is Fastify's `request.host`, which follows X-Forwarded-Host only from a trusted
 * proxy (TRUST_PROXY).
 */
export function installHostAllowList(app: FastifyInstance, hosts: HostAllowList): void {
  app.addHook('onRequest', async (request, reply) => {
    if (hosts.allows(request.host)) return;
    request.log.warn({ host: String(request.host).slice(0, 100) }, 'request refused: host name not allowed');
    // A refused WebSocket upgrade: its socket belongs to no HTTP connection that Node would close after the
    // answer (@fastify/websocket's own hook that would, runs after this one), so it is ended here.
    if (request.headers.upgrade !== undefined) reply.raw.once('finish', () => request.raw.socket.end());
    return reply.code(421).send(httpError('HOST_NOT_ALLOWED', `This server is not reached by that name. Open it at ${hosts.openAt(request)}.`));
  });
}
