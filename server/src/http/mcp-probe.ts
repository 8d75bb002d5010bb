import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServer } from '../config/index.ts';

/** What one probe of an extra MCP server found. */
export type McpProbeResult = { readonly ok: true; readonly tools: readonly string[] } | { readonly ok: false; readonly reason: string };

export interface McpProbeOptions {
  readonly timeoutMs: number;
  /** Where MCP_CONFIG came from, named in reasons so the admin knows which file to fix. */
  readonly file: string;
  /** Aborts the probe (the app is closing); its process is stopped. */
  readonly signal?: AbortSignal;
}

/**
 * Starts or connects to one extra MCP server as the CLI would, and asks for its tools: the server works when
 * that answers. The reason for a failure is written for the admin and built from what we know (the program,
 * the host, an HTTP status, an error code), never from the server's own words, its args, env or headers, which
 * may hold tokens.
 */
export async function probeMcpServer(name: string, server: McpServer, options: McpProbeOptions): Promise<McpProbeResult> {
  const client = new Client({ name: 'netbox-chatbox-readiness', version: '1' });
  const transport: Transport =
    server.type === 'stdio'
      ? new StdioClientTransport({ command: server.command, args: server.args, env: { ...getDefaultEnvironment(), ...server.env }, stderr: 'ignore' })
      : new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } });
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, options.timeoutMs);
  const onAbort = () => deadline.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const request = { signal: deadline.signal, timeout: options.timeoutMs };
  try {
    // connect() alone is not bounded by the signal while a process starts: race it.
    const aborted = new Promise<never>((_resolve, reject) => deadline.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    await Promise.race([client.connect(transport, request), aborted]);
    const listed = await Promise.race([client.listTools(undefined, request), aborted]);
    return { ok: true, tools: listed.tools.map((tool) => tool.name) };
  } catch (error) {
    if (timedOut) return { ok: false, reason: `${label(name, server)} did not answer within ${Math.round(options.timeoutMs / 1000)} s. ${fixHint(name, server, options.file)}` };
    if (options.signal?.aborted) return { ok: false, reason: `${label(name, server)} was not checked: the server is stopping.` };
    return { ok: false, reason: `${label(name, server)} ${describeFailure(server, error)} ${fixHint(name, server, options.file)}` };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await client.close().catch(() => undefined);
  }
}

function label(name: string, server: McpServer): string {
  return `MCP server "${name}" (${server.type === 'stdio' ? 'stdio' : `http at ${hostOf(server.url)}`})`;
}

function describeFailure(server: McpServer, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (server.type === 'stdio') {
    if (code === 'ENOENT') return `could not be started: its command ${JSON.stringify(server.command)} was not found.`;
    if (code === 'EACCES') return `could not be started: its command ${JSON.stringify(server.command)} is not executable (permission denied).`;
    if (error instanceof McpError && error.code === Number(ErrorCode.ConnectionClosed)) {
      return 'started but exited before it answered: run its command by hand to see why.';
    }
    return `started but did not answer as an MCP server (${errorKind(error)}).`;
  }
  if (error instanceof UnauthorizedError) return 'asks for an OAuth sign-in, which this server cannot do: give it a token in "headers" instead.';
  if (error instanceof StreamableHTTPError) {
    if (error.code === 401 || error.code === 403) return `refused the credentials (HTTP ${error.code}).`;
    if (error.code === 404 || error.code === 405) return `answered HTTP ${error.code}: its "url" is not an MCP endpoint.`;
    if (error.code !== undefined && error.code > 0) return `answered HTTP ${error.code}.`;
    return 'answered with something that is not MCP.';
  }
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  if (cause) return `could not be reached (${cause}).`;
  if (error instanceof TypeError && error.message === 'fetch failed') return 'could not be reached.';
  return `did not answer as an MCP server (${errorKind(error)}).`;
}

function fixHint(name: string, server: McpServer, file: string): string {
  const field = server.type === 'stdio' ? '"command" and "args"' : '"url" and "headers"';
  return `Check ${field} of "${name}" in ${file}; the chat works without this server meanwhile.`;
}

/** The host of a URL, never its path, query or credentials (which may hold a token). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'its url';
  }
}

/** An error's class or code: enough to search the log for, nothing the error's text might leak. */
function errorKind(error: unknown): string {
  if (error instanceof McpError) return `MCP error ${error.code}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown error';
}
