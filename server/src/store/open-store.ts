import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SessionStore } from '@anthropic-ai/claude-agent-sdk';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import { createChatEventsRepo, type ChatEventsRepo } from './chat-events.ts';
import { createConversationsRepo, type ConversationsRepo } from './conversations.ts';
import { createCredentialsRepo, type CredentialsRepo } from './credentials.ts';
import type { Db, DbKind } from './db.ts';
import { postgresFeed, silentFeed, type Feed } from './feed.ts';
import { migrate } from './migrate.ts';
import { createMessagesRepo, type MessagesRepo } from './messages.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { openPglite } from './pglite-db.ts';
import { openPostgres } from './postgres-db.ts';
import { createSdkSessionStore } from './sdk-session-store.ts';
import { createSessionsRepo, type SessionsRepo } from './sessions.ts';
import { StoreError, isStoreError } from './store-error.ts';
import { createTokenCipher } from './token-cipher.ts';
import { createTranscriptsRepo, type TranscriptsRepo } from './transcripts.ts';
import { createTurnLeasesRepo, type TurnLeasesRepo } from './turn-leases.ts';
import { createUsersRepo, type UsersRepo } from './users.ts';

export type StoreConfig = Pick<Config, 'database' | 'sessionSecret'>;

export interface Store {
  readonly kind: DbKind;
  readonly db: Db;
  /**
   * This process among the servers sharing the database: the holder of its turn leases and the sender of its
   * feed messages. New at every start, so a restarted process never mistakes a dead one's leases for its own.
   */
  readonly replicaId: string;
  readonly users: UsersRepo;
  /** Only with a SESSION_SECRET (multi-user mode), which is what encrypts the tokens. */
  readonly credentials: CredentialsRepo | null;
  readonly sessions: SessionsRepo;
  readonly conversations: ConversationsRepo;
  readonly messages: MessagesRepo;
  readonly events: ChatEventsRepo;
  /** One running turn per conversation, across processes. */
  readonly turns: TurnLeasesRepo;
  /** Pass as the Agent SDK's `sessionStore` option. */
  readonly sdkSessions: SessionStore;
  /** The same transcripts, as the chat layer reads them. */
  readonly transcripts: TranscriptsRepo;
  /** Messages between the processes sharing the database (LISTEN/NOTIFY); silent with PGlite. */
  readonly feed: Feed;
  /** For /ready: resolves when the database answers, else throws STORE_UNAVAILABLE. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  readonly logger?: Logger;
}

function newReplicaId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Opens PGlite in its directory, or PostgreSQL when DATABASE_URL is set, and brings the schema up to date. */
export async function openStore(config: StoreConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const { logger } = options;
  const cipher = config.sessionSecret ? createTokenCipher(config.sessionSecret) : null;
  const db = config.database.kind === 'postgres' ? openPostgres(config.database.url, logger ? { logger } : {}) : await openPglite(config.database.dir);
  const where = config.database.kind === 'postgres' ? describePostgres(config.database.url) : config.database.dir;
  try {
    await ping(db, where);
    const { applied, unknown } = await migrate(db, MIGRATIONS);
    if (applied.length > 0) logger?.info({ store: db.kind, applied }, 'database migrated');
    if (unknown.length > 0) logger?.warn({ store: db.kind, unknown }, 'the database has migrations this server does not know: a newer version migrated it');
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  const replicaId = newReplicaId();
  const feed = config.database.kind === 'postgres' ? postgresFeed(config.database.url, db, replicaId, logger) : silentFeed();
  logger?.info({ store: db.kind, where, replicaId }, 'store open');
  return {
    kind: db.kind,
    db,
    replicaId,
    users: createUsersRepo(db),
    credentials: cipher ? createCredentialsRepo(db, cipher) : null,
    sessions: createSessionsRepo(db),
    conversations: createConversationsRepo(db),
    messages: createMessagesRepo(db),
    events: createChatEventsRepo(db, replicaId),
    turns: createTurnLeasesRepo(db, replicaId, replicaId),
    sdkSessions: createSdkSessionStore(db),
    transcripts: createTranscriptsRepo(db),
    feed,
    ping: () => ping(db, where),
    close: async () => {
      await feed.close();
      await db.close();
    },
  };
}

async function ping(db: Db, where: string): Promise<void> {
  try {
    await db.query('SELECT 1 AS one');
  } catch (error) {
    if (isStoreError(error) && error.code !== 'STORE_UNAVAILABLE') throw error;
    const cause = isStoreError(error) ? error.cause : error;
    const reason = (cause as { code?: string }).code ?? (cause as Error).message;
    throw new StoreError('STORE_UNAVAILABLE', `The database at ${where} does not answer (${reason}). Check that it runs and DATABASE_URL is right.`, { cause });
  }
}

/** Host, port and database of a URL: what may be logged of it (never the user's password). */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
