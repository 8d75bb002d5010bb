import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseTokenString } from './auth/token-format.ts';
import { TokenStore } from './auth/token-store.ts';
import { Database } from './db/database.ts';
import type { Dataset } from './db/dataset.ts';
import { loadDump } from './db/dump/load-dump.ts';
import { generateDataset } from './db/generate/generate-dataset.ts';
import { FaultInjector, type Faults } from './faults/faults.ts';
import { createApp } from './http/create-app.ts';
import { createSandboxState, type SandboxState } from './http/sandbox-state.ts';
import { defaultRegistry } from './models/all-models.ts';

export const SANDBOX_NETBOX_VERSION = '4.6.8';

export interface SandboxOptions {
  /** Loopback by default; the sandbox is test and demo infrastructure, never a public service. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly scale?: number;
  readonly seed?: number;
  /** A NetBox pg_dump (plain SQL, gzipped or not) to serve instead of generated data. */
  readonly dump?: string;
  /** An extra superuser token: v1 (40 characters) or v2 (`nbt_<key>.<token>`). */
  readonly token?: string;
  readonly faults?: Partial<Faults>;
  /** "Now" for generated change history; defaults to today's UTC midnight so the data is stable all day. */
  readonly anchor?: Date;
  /** An already loaded data set (tests share one between sandboxes). */
  readonly dataset?: Dataset;
  readonly logger?: boolean;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** A superuser token, ready for an `Authorization` header value after `Token ` or `Bearer `. */
  readonly token: string;
  /** `Token …` or `Bearer …`, whichever the token's version needs. */
  readonly authorization: string;
  readonly state: SandboxState;
  readonly app: FastifyInstance;
  setFaults(faults: Partial<Faults>): Faults;
  close(): Promise<void>;
}

export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function loadSandboxData(options: SandboxOptions): Promise<Dataset> {
  if (options.dataset) return options.dataset;
  if (options.dump) return loadDump(options.dump);
  return generateDataset({ seed: options.seed ?? 1, scale: options.scale ?? 1, anchor: options.anchor ?? todayUtc() });
}

/** The first active superuser: who `--token` and the printed token act as. */
function superuserId(db: Database): number {
  const admin = db.rows('users_user').find((u) => u.is_superuser === true && u.is_active !== false);
  if (!admin) throw Object.assign(new Error('the data has no active superuser to issue a token for'), { code: 'NO_SUPERUSER' });
  return Number(admin.id);
}

/** Sets up the superuser token the sandbox prints: the one given, the data's own, or a fresh one. */
function superuserToken(db: Database, tokens: TokenStore, given: string | undefined): string {
  const adminId = superuserId(db);
  if (given) {
    const parsed = parseTokenString(given);
    if (!parsed) throw Object.assign(new Error('token must be 40 characters (v1) or nbt_<key>.<token> (v2)'), { code: 'BAD_TOKEN' });
    if (parsed.version === 1) tokens.addV1(parsed.plaintext, adminId);
    else tokens.addV2(parsed.key, parsed.plaintext, adminId);
    return given;
  }
  const own = db.rows('users_token').find((t) => Number(t.user_id) === adminId && String(t.key ?? '').length === 40);
  if (own) return String(own.key);
  const fresh = randomBytes(20).toString('hex');
  tokens.addV1(fresh, adminId);
  return fresh;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const dataset = await loadSandboxData(options);
  const db = new Database(dataset);
  const tokens = new TokenStore(db.rows('users_token'));
  const token = superuserToken(db, tokens, options.token);
  const faults = new FaultInjector(options.faults ?? {}, options.seed ?? 1);
  const state = createSandboxState({ db, registry: defaultRegistry(), tokens, faults, version: SANDBOX_NETBOX_VERSION });
  const app = createApp(state, { logger: options.logger ?? false });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${String(port)}`,
    token,
    authorization: `${token.startsWith('nbt_') ? 'Bearer' : 'Token'} ${token}`,
    state,
    app,
    setFaults: (f) => faults.set(f),
    close: () => app.close(),
  };
}
