import { createServer, request, type IncomingMessage, type Server } from 'node:http';

export interface ReverseProxy {
  /** `http://127.0.0.1:<port>`: what clients connect to. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A reverse proxy as teams put in front of the chat (nginx's `proxy_set_header X-Forwarded-For
 * $proxy_add_x_forwarded_for` and friends): it terminates TLS (said by `X-Forwarded-Proto: https`; the hop to
 * the server is plain http, as behind a real one), appends the client's address to X-Forwarded-For, passes the
 * Host the client asked for as X-Forwarded-Host, and connects to the server from `from`.
 */
export async function startReverseProxy(target: string, options: { from: string; proto?: 'http' | 'https' }): Promise<ReverseProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((client, response) => {
    const headers = { ...client.headers };
    headers['x-forwarded-for'] = [forwardedFor(client), client.socket.remoteAddress ?? ''].filter(Boolean).join(', ');
    headers['x-forwarded-proto'] = options.proto ?? 'https';
    headers['x-forwarded-host'] = client.headers.host ?? '';
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: client.method, path: client.url, headers, localAddress: options.from, agent: false },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => {
      response.statusCode = 502;
      response.end();
    });
    client.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function forwardedFor(client: IncomingMessage): string {
  const value = client.headers['x-forwarded-for'];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}
