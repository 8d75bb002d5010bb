import { NetboxClient, NetboxMcpError } from '@netbox-chatbox/netbox-mcp';
import type { Mode } from '@netbox-chatbox/protocol';
import { z } from 'zod';
import type { Config } from '../config/index.ts';
import { isStoreError, type Store } from '../store/index.ts';
import { McpCheckSchema, type McpReadiness } from './mcp-readiness.ts';

export const ReadinessSchema = z.object({
  ready: z.boolean(),
  mode: z.enum(['demo', 'single-user', 'multi-user']),
  checks: z.object({
    netbox: z.object({ ok: z.boolean(), url: z.string(), version: z.string().optional(), reason: z.string().optional() }),
    model: z.object({ ok: z.boolean(), name: z.string().optional(), provider: z.string(), reason: z.string().optional() }),
    store: z.object({ ok: z.boolean(), kind: z.string(), reason: z.string().optional() }),
    /** Only with MCP_CONFIG. */
    mcp: McpCheckSchema.optional(),
  }),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export interface ReadinessDeps {
  readonly config: Config;
  readonly store: Store;
  readonly mode: Mode;
  /** The NetBox the answers come from, and the server's own token for it (none in multi-user mode). */
  readonly netbox: { readonly url: string; readonly token?: string };
  /** The extra MCP servers of MCP_CONFIG, when there are any. */
  readonly mcp?: McpReadiness;
}

/** How long /ready waits for NetBox: a readiness probe should answer quickly, whatever NETBOX_TIMEOUT_MS is. */
const NETBOX_PROBE_MS = 5000;

/**
 * Each check with a reason a person can act on. Never includes a token, a key or a database password.
 *
 * `ready` needs NetBox, the model and the store. The extra MCP servers (`checks.mcp`) are reported but do not
 * count: a chat without one of them still answers from NetBox (and says in the chat that the server is
 * missing), so taking the whole server out of a load balancer for it would do more harm than good.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const [netbox, store, mcp] = await Promise.all([checkNetbox(deps), checkStore(deps.store), deps.mcp?.check()]);
  const { model } = deps.config;
  const modelCheck = model.configured
    ? { ok: true, name: model.name, provider: model.provider }
    : { ok: false, provider: model.provider, reason: model.reason ?? 'No AI model is configured.' };
  return { ready: netbox.ok && store.ok && modelCheck.ok, mode: deps.mode, checks: { netbox, model: modelCheck, store, ...(mcp ? { mcp } : {}) } };
}

async function checkNetbox(deps: ReadinessDeps): Promise<Readiness['checks']['netbox']> {
  const { url, token } = deps.netbox;
  const client = new NetboxClient({
    url,
    ...(token ? { token } : {}),
    timeoutMs: Math.min(deps.config.netbox.timeoutMs, NETBOX_PROBE_MS),
    retry: { retries: 0 },
    verifyTls: deps.config.netbox.verifyTls,
  });
  try {
    const status = await client.status();
    return { ok: true, url, version: status.version };
  } catch (error) {
    if (!(error instanceof NetboxMcpError)) return { ok: false, url, reason: `NetBox at ${url} could not be checked. See the server log.` };
    if (error.code === 'NETBOX_AUTH') {
      // Without a server token (multi-user), a refusal still shows NetBox is up: users sign in with their own.
      if (!token) return { ok: true, url };
      return {
        ok: false,
        url,
        reason:
          deps.mode === 'demo'
            ? 'The built-in demo NetBox refused the server’s token. Restart the server.'
            : `NetBox at ${url} refused NETBOX_TOKEN (HTTP ${error.status ?? 403}): set NETBOX_TOKEN to a valid token with read access and restart.`,
      };
    }
    if (error.code === 'NETBOX_UNREACHABLE' || error.code === 'NETBOX_TIMEOUT') {
      return { ok: false, url, reason: `NetBox at ${url} could not be reached (${error.message}). Check that it runs and that NETBOX_URL is right.` };
    }
    return { ok: false, url, reason: `NetBox at ${url} answered its status check with an error (${error.code}${error.status ? `, HTTP ${error.status}` : ''}). Check NetBox.` };
  }
}

async function checkStore(store: Store): Promise<Readiness['checks']['store']> {
  try {
    await store.ping();
    return { ok: true, kind: store.kind };
  } catch (error) {
    return { ok: false, kind: store.kind, reason: isStoreError(error) ? error.message : 'The database does not answer. Check that it runs.' };
  }
}
