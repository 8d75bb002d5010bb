import pg from 'pg';
import type { Logger } from 'pino';
import type { Queryable } from './db.ts';
import { FEED_CHANNEL, FeedMessageSchema, type FeedMessage } from './feed-messages.ts';

/** A message without its sender: the feed adds this process's id. */
export type FeedOutgoing = FeedMessage extends infer M ? (M extends unknown ? Omit<M, 'o'> : never) : never;

export interface FeedHandlers {
  /** A message from another process. Must not throw. */
  readonly onMessage: (message: FeedMessage) => void;
  /**
   * The listening connection was lost and is back: messages sent in between are gone, so whoever follows
   * something must read it again from the store.
   */
  readonly onReconnect: () => void;
}

/**
 * The server processes' shared channel (PostgreSQL LISTEN/NOTIFY): no infrastructure beyond the database. With
 * PGlite there is one process, so there is nobody to tell and nothing to hear.
 */
export interface Feed {
  publish(message: FeedOutgoing): Promise<void>;
  listen(handlers: FeedHandlers): void;
  close(): Promise<void>;
}

export function silentFeed(): Feed {
  return { publish: async () => undefined, listen: () => undefined, close: async () => undefined };
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries), reconnected with backoff
 * when it drops: a database restart, a network cut. Each reconnect is reported, since NOTIFYs sent while it was
 * down are lost.
 */
export function postgresFeed(url: string, db: Queryable, origin: string, logger?: Logger): Feed {
  let handlers: FeedHandlers | undefined;
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let everConnected = false;

  const onNotification = (notification: pg.Notification): void => {
    if (notification.channel !== FEED_CHANNEL || !notification.payload) return;
    let parsed: ReturnType<typeof FeedMessageSchema.safeParse>;
    try {
      parsed = FeedMessageSchema.safeParse(JSON.parse(notification.payload));
    } catch {
      return;
    }
    if (!parsed.success || parsed.data.o === origin) return;
    handlers?.onMessage(parsed.data);
  };

  const schedule = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    const lost = (error?: Error): void => {
      if (client !== next) return;
      client = undefined;
      next.removeAllListeners('notification');
      void next.end().catch(() => undefined);
      if (!closed) logger?.warn({ err: error ? { message: error.message, code: (error as { code?: string }).code } : undefined }, 'live feed connection lost; reconnecting');
      schedule();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', onNotification);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${FEED_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    retryMs = RETRY_MIN_MS;
    if (everConnected) {
      logger?.info('live feed connection back');
      handlers?.onReconnect();
    }
    everConnected = true;
  };

  return {
    async publish(message) {
      await db.query('SELECT pg_notify($1, $2) AS sent', [FEED_CHANNEL, JSON.stringify({ ...message, o: origin })]);
    },
    listen(given) {
      handlers = given;
      if (!client && !timer) void connect();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
