import type { Config } from './config-schema.ts';

/** What the start-up log may say about the configuration: no token, key, secret or database password. */
export function configSummary(config: Config): Record<string, unknown> {
  return {
    mode: config.mode,
    host: config.host,
    port: config.port,
    dataDir: config.dataDir,
    database: config.database.kind === 'postgres' ? { kind: 'postgres', url: redactUrl(config.database.url) } : config.database,
    netbox: { url: config.netbox.url ?? 'built-in sandbox', token: config.netbox.token ? 'set' : 'unset', verifyTls: config.netbox.verifyTls, timeoutMs: config.netbox.timeoutMs },
    model: { configured: config.model.configured, provider: config.model.provider, name: config.model.name },
    mcpServers: config.mcp ? Object.keys(config.mcp.servers) : [],
    corsOrigins: config.corsOrigins,
    publicUrl: config.publicUrl ?? null,
    trustProxy: config.trustProxy,
    signInTtlMs: config.signInTtlMs,
    limits: config.limits,
    logLevel: config.logLevel,
    envFile: config.envFile,
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
