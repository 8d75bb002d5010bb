import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Logger } from 'pino';
import { isLoopback } from './cli-config.ts';

export interface HttpTransportOptions {
  readonly host: string;
  /** 0 picks a free port; the returned `url` has the real one. */
  readonly port: number;
  /** When set, every /mcp request must carry `Authorization: Bearer <httpToken>`. */
  readonly httpToken: string | undefined;
  /** Called once per request: stateless mode keeps no session, so nothing is shared between requests. */
  readonly createServer: () => McpServer;
  readonly logger: Logger;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  /** How long close() waits for in-flight responses before cutting them. */
  readonly closeGraceMs?: number;
}

export interface RunningHttpTransport {
  /** `http://host:port/mcp` */
  readonly url: string;
  close(): Promise<void>;
}

export const MCP_PATH = '/mcp';
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Streamable HTTP MCP on plain node:http, stateless: each POST gets a fresh server and transport. */
export async function startHttpTransport(options: HttpTransportOptions): Promise<RunningHttpTransport> {
  const { logger } = options;
  const handle = requestHandler(options);
  const server = createHttpServer((req, res) => {
    const started = Date.now();
    res.once('finish', () => {
      logger.debug({ method: req.method, path: req.url, status: res.statusCode, ms: Date.now() - started }, 'http request');
    });
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'http request failed');
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal server error');
      else res.destroy();
    });
  });
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${urlHost}:${port}${MCP_PATH}`,
    close: () => closeServer(server, options.closeGraceMs ?? 3_000),
  };
}

function requestHandler(options: HttpTransportOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const expectedDigest = options.httpToken === undefined ? undefined : digest(options.httpToken);
  // On loopback the threat is a web page in the user's browser (DNS rebinding, cross-site POSTs): its Host or
  // Origin names a foreign site. Off loopback the bearer token is the guard and the public name is unknown.
  const checkLocalNames = isLoopback(options.host);

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/health' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (path !== MCP_PATH) return sendJson(res, 404, { error: `not found: the MCP endpoint is ${MCP_PATH}` });

    if (checkLocalNames && !fromLocalPage(req)) {
      return sendJsonRpcError(res, 403, -32000, 'Forbidden: Host and Origin must name a loopback address');
    }
    if (expectedDigest && !bearerMatches(req.headers.authorization, expectedDigest)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendJsonRpcError(res, 401, -32001, 'Unauthorized: send Authorization: Bearer <NETBOX_MCP_HTTP_TOKEN>');
    }
    if (req.method !== 'POST') {
      // Stateless: no standalone SSE stream to GET and no session to DELETE.
      res.setHeader('Allow', 'POST');
      return sendJsonRpcError(res, 405, -32000, 'Method not allowed: this server is stateless, use POST');
    }

    const body = await readBody(req, maxBodyBytes);
    if (body.kind === 'too-large') {
      // Closing stops an oversized upload instead of draining it.
      res.setHeader('Connection', 'close');
      return sendJsonRpcError(res, 413, -32000, `Request body larger than ${maxBodyBytes} bytes`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      return sendJsonRpcError(res, 400, -32700, 'Parse error: the body is not JSON');
    }

    const mcp = options.createServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.once('close', () => {
      mcp.close().catch((error: unknown) => options.logger.warn({ err: error }, 'closing MCP server failed'));
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, parsed);
  };
}

function fromLocalPage(req: IncomingMessage): boolean {
  const hostname = (value: string): string | undefined => {
    try {
      return new URL(value).hostname;
    } catch {
      return undefined;
    }
  };
  const host = req.headers.host === undefined ? undefined : hostname(`http://${req.headers.host}`);
  if (host === undefined || !isLoopback(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const originHost = hostname(origin);
  return originHost !== undefined && isLoopback(originHost);
}

/** Comparing fixed-length digests keeps the check constant-time whatever length the client sends. */
function bearerMatches(header: string | undefined, expectedDigest: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), expectedDigest);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

type Body = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'too-large' };

function readBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Not destroying the request: that would take the socket, and the 413, with it.
      req.off('data', onData).off('end', onEnd).resume();
      resolve({ kind: 'too-large' });
    };
    const onEnd = (): void => resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting, lets in-flight responses finish for up to `graceMs`, then cuts what is left. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close((error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
