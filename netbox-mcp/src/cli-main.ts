import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { pino, type Logger } from 'pino';
import { parseCliConfig, type CliConfig } from './cli-config.ts';

/**
 * `netbox-mcp`: the NetBox MCP server as its own process, on stdio (one client, the parent process) or
 * streamable HTTP. A bad setting prints one line naming it and exits with 2.
 */
async function main(): Promise<void> {
  const parsed = parseCliConfig(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`netbox-mcp: ${parsed.message}\n`);
    process.exitCode = 2;
    return;
  }
  const { config } = parsed;
  // Loaded only now, so --help and a bad setting answer without loading the SDK and every tool.
  const { createNetboxMcpServer, SERVER_VERSION } = await import('./server.ts');
  const { NetboxClient } = await import('./client/netbox-client.ts');
  const { ResolveCache } = await import('./query/resolve-cache.ts');
  const logger = createLogger(config);
  for (const warning of parsed.warnings) logger.warn(warning);
  logger.info(
    { version: SERVER_VERSION, netbox: config.netbox.url, transport: config.transport, tokenSet: Boolean(config.netbox.token) },
    'starting netbox-mcp',
  );

  // One client and one name cache for the process: HTTP builds a server per request, and they should share
  // NetBox's version, keep-alive connections and resolved names.
  const client = new NetboxClient({ url: config.netbox.url, token: config.netbox.token, timeoutMs: config.netbox.timeoutMs, deadlineMs: config.netbox.deadlineMs, verifyTls: config.netbox.verifyTls });
  const resolveCache = new ResolveCache();
  const createServer = (): McpServer =>
    createNetboxMcpServer({
      netbox: client,
      resolveCache,
      ...(config.maxResultChars === undefined ? {} : { limits: { maxResultChars: config.maxResultChars } }),
      logger,
    });

  const stop = config.transport === 'http' ? await serveHttp(config, createServer, logger) : await serveStdio(createServer, logger);
  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping netbox-mcp');
    stop().then(
      // Exit explicitly: NetBox keep-alive connections in the shared pool would otherwise hold the process open.
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (config.transport === 'stdio') {
    // The client closing our stdin is how stdio MCP clients say goodbye.
    process.stdin.once('end', () => shutdown('stdin closed'));
  }
}

/** Stdout carries MCP frames, so logs go to stderr only; synchronous so the last lines survive process.exit. */
function createLogger(config: CliConfig): Logger {
  return pino(
    {
      name: 'netbox-mcp',
      level: config.logLevel,
      // Belt and braces: nothing logs these today, and a future `logger.info({ config })` must not leak them.
      redact: { paths: ['token', 'httpToken', '*.token', '*.httpToken', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}

async function serveStdio(createServer: () => McpServer, logger: Logger): Promise<() => Promise<void>> {
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = createServer();
  await server.connect(new StdioServerTransport());
  logger.info('serving MCP on stdio');
  return () => server.close();
}

async function serveHttp(
  config: CliConfig,
  createServer: () => McpServer,
  logger: Logger,
): Promise<() => Promise<void>> {
  const { startHttpTransport } = await import('./http-transport.ts');
  const running = await startHttpTransport({ host: config.host, port: config.port, httpToken: config.httpToken, createServer, logger });
  logger.info({ url: running.url, bearer: Boolean(config.httpToken) }, 'serving MCP on streamable HTTP');
  return () => running.close();
}

main().catch((error: unknown) => {
  const { code, message } = error as NodeJS.ErrnoException;
  process.stderr.write(`netbox-mcp: ${code ? `${code}: ` : ''}${message ?? String(error)}\n`);
  // A port in use is a setting to change, like any other bad setting.
  process.exit(code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' ? 2 : 1);
});
