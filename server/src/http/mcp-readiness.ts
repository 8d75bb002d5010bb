import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { McpConfig } from '../config/index.ts';
import { probeMcpServer, type McpProbeResult } from './mcp-probe.ts';

export const McpServerCheckSchema = z.object({
  name: z.string(),
  type: z.enum(['stdio', 'http']),
  /** `checking`: the first probe has not answered yet. */
  status: z.enum(['ok', 'failed', 'checking']),
  ok: z.boolean(),
  /** The tools it offers, when it answered. */
  tools: z.number().int().nonnegative().optional(),
  /** Why it failed, or (with ok) which allowed tools it does not offer; what to fix, never a secret. */
  reason: z.string().optional(),
});
export type McpServerCheck = z.infer<typeof McpServerCheckSchema>;

export const McpCheckSchema = z.object({
  /** Whether every extra server works. Not part of `ready`: the chat answers without them. */
  ok: z.boolean(),
  file: z.string(),
  servers: z.array(McpServerCheckSchema),
});
export type McpCheck = z.infer<typeof McpCheckSchema>;

export interface McpReadinessOptions {
  /** A probe's result is reused this long; /ready after that answers with it and probes again behind. */
  readonly ttlMs?: number;
  /** One probe's limit (a stdio server may take a while to start, e.g. `uv run`). */
  readonly probeMs?: number;
  /** How long /ready waits for a first probe that is still running before it says `checking`. */
  readonly waitMs?: number;
  readonly logger?: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

/**
 * The extra MCP servers (MCP_CONFIG) for /ready: each probed once at start-up and again at most every `ttlMs`,
 * never more than one probe at a time, so frequent readiness checks start no stream of processes. A server
 * that fails is logged when its state changes.
 */
export class McpReadiness {
  private readonly ttlMs: number;
  private readonly probeMs: number;
  private readonly waitMs: number;
  private readonly closing = new AbortController();
  private last: { at: number; check: McpCheck } | undefined;
  private running: Promise<McpCheck> | undefined;
  private readonly wasOk = new Map<string, boolean>();

  private readonly config: McpConfig;
  private readonly options: McpReadinessOptions;

  constructor(
    config: McpConfig,
    options: McpReadinessOptions = {},
  ) {
    this.config = config;
    this.options = options;
    this.ttlMs = options.ttlMs ?? 30_000;
    this.probeMs = options.probeMs ?? 15_000;
    this.waitMs = options.waitMs ?? 5_000;
  }

  /** Probes now, in the background. */
  start(): void {
    void this.refresh();
  }

  async check(): Promise<McpCheck> {
    const last = this.last;
    if (!last || Date.now() - last.at >= this.ttlMs) void this.refresh();
    if (last) return last.check;
    const running = this.running ?? this.refresh();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.waitMs)));
    const check = await Promise.race([running, waited]);
    clearTimeout(timer);
    return check ?? this.checking();
  }

  /** Stops a probe in progress (and the process it started). */
  async close(): Promise<void> {
    this.closing.abort();
    await this.running?.catch(() => undefined);
  }

  private refresh(): Promise<McpCheck> {
    if (this.running) return this.running;
    const running = this.probeAll().finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async probeAll(): Promise<McpCheck> {
    const entries = Object.entries(this.config.servers);
    const results = await Promise.all(
      entries.map(([name, server]) => probeMcpServer(name, server, { timeoutMs: this.probeMs, file: this.config.file, signal: this.closing.signal })),
    );
    const servers = entries.map(([name, server], i) => this.serverCheck(name, server.type, results[i] as McpProbeResult));
    const check: McpCheck = { ok: servers.every((server) => server.ok), file: this.config.file, servers };
    if (!this.closing.signal.aborted) this.last = { at: Date.now(), check };
    return check;
  }

  private serverCheck(name: string, type: 'stdio' | 'http', result: McpProbeResult): McpServerCheck {
    const logger = this.options.logger;
    if (!result.ok) {
      if (this.wasOk.get(name) !== false && !this.closing.signal.aborted) logger?.warn({ server: name, reason: result.reason }, 'extra MCP server does not work');
      this.wasOk.set(name, false);
      return { name, type, status: 'failed', ok: false, reason: result.reason };
    }
    if (this.wasOk.get(name) === false) logger?.info({ server: name }, 'extra MCP server works again');
    this.wasOk.set(name, true);
    const prefix = `mcp__${name}__`;
    const offered = new Set(result.tools);
    const missing = this.config.allowedTools.filter((tool) => tool.startsWith(prefix) && !offered.has(tool.slice(prefix.length)));
    return {
      name,
      type,
      status: 'ok',
      ok: true,
      tools: result.tools.length,
      ...(missing.length > 0
        ? { reason: `It offers no ${missing.map((tool) => JSON.stringify(tool)).join(', ')}, which allowedTools in ${this.config.file} names: check the tool names.` }
        : {}),
    };
  }

  private checking(): McpCheck {
    const servers = Object.entries(this.config.servers).map(([name, server]): McpServerCheck => ({
      name,
      type: server.type,
      status: 'checking',
      ok: false,
      reason: 'Still being checked (it is starting); ask /ready again in a few seconds.',
    }));
    return { ok: false, file: this.config.file, servers };
  }
}
