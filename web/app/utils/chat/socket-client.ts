import { ServerEventSchema, type ClientCommand, type ConnectedEvent, type MessageCommand, type ServerEvent } from '@netbox-chatbox/protocol';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { newClientId } from './ids.ts';
import { Outbox, type KeyValueStorage, type OutboxEntry } from './outbox.ts';
import { isRetryLater } from './retry-later.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'offline';

/** What the client needs of a WebSocket: the browser's, or the `ws` package's in node tests. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

type TimerHandle = unknown;
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface ChatSocketOptions {
  readonly url: string | (() => string);
  readonly WebSocket: WebSocketConstructor;
  readonly timers?: Timers;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /** Ping this often while open, so idle proxies keep the socket. Default 25 s. */
  readonly pingEveryMs?: number;
  /** No frame at all this long after a ping: the connection is dead even if the browser has not noticed. */
  readonly pongTimeoutMs?: number;
  /** After a reconnect, queued messages wait at most this long for the replays to finish. */
  readonly resumeTimeoutMs?: number;
  /** Where queued messages survive a reload; null keeps them in memory only. */
  readonly storage?: KeyValueStorage | null;
  readonly tabId?: string;
  readonly newId?: () => string;
  /** Whether the browser thinks it is online (navigator.onLine). */
  readonly online?: boolean;
}

const OPEN = 1;
/** A message refused with BUSY or TURN_IN_PROGRESS is tried again after this long, doubling up to the cap. */
const RETRY_LATER_BASE_MS = 2_000;
const RETRY_LATER_MAX_MS = 30_000;
/** Well under the outbox's stale age, even for a background tab whose timers the browser slows to once a minute. */
const OUTBOX_TOUCH_MS = 60_000;

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The app's one chat socket, without any UI: connects, reconnects with backoff and jitter, pings, re-follows
 * every conversation it has seen from the last `seq` it saw (so the server replays exactly what was missed),
 * drops events it has already seen, and keeps messages in an outbox until the server acknowledges them
 * (`turn_start` with their clientMessageId), sending them in order, one turn at a time per conversation.
 */
export class ChatSocketClient {
  status: ConnectionStatus = 'connecting';
  info: ConnectedEvent | null = null;

  private socket: WebSocketLike | null = null;
  private attempt = 0;
  private everConnected = false;
  private started = false;
  private stopped = false;
  private online: boolean;
  private retryTimer: TimerHandle | null = null;
  private pingTimer: TimerHandle | null = null;
  private pongTimer: TimerHandle | null = null;
  private resumeTimer: TimerHandle | null = null;
  private flushTimer: TimerHandle | null = null;
  private touchTimer: TimerHandle | null = null;
  private flushAt = 0;
  private readonly seqs = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly awaitingResume = new Set<string>();
  private readonly stops = new Set<string>();
  private readonly retryLaterCount = new Map<string, number>();
  private readonly eventHandlers = new Set<(event: ServerEvent) => void>();
  private readonly changeHandlers = new Set<() => void>();
  private readonly outbox: Outbox;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: ChatSocketOptions) {
    this.timers = options.timers ?? defaultTimers;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.newId = options.newId ?? newClientId;
    this.online = options.online ?? true;
    this.outbox = new Outbox({ storage: options.storage ?? null, ...(options.tabId ? { tabId: options.tabId } : {}), now: this.now });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.keepOutboxAlive();
    this.connect();
  }

  /** For good: no reconnect after this. */
  close(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(1000, 'closed');
    }
  }

  onEvent(handler: (event: ServerEvent) => void): () => void {
    this.eventHandlers.add(handler);
    return () => this.eventHandlers.delete(handler);
  }

  /** Called when `status` or `info` change. */
  onChange(handler: () => void): () => void {
    this.changeHandlers.add(handler);
    return () => this.changeHandlers.delete(handler);
  }

  /**
   * Sends a command now, or as soon as the socket is open. A message goes through the outbox (its
   * clientMessageId, made up when missing, is returned); `resume` starts following a conversation.
   */
  send(command: ClientCommand): string | undefined {
    switch (command.type) {
      case 'message':
        return this.sendMessage(command);
      case 'stop':
        this.stop(command.conversationId);
        return undefined;
      case 'resume':
        this.follow(command.conversationId, command.afterSeq);
        return undefined;
      case 'ping':
        this.write(command);
        return undefined;
    }
  }

  sendMessage(command: MessageCommand): string {
    const clientMessageId = command.clientMessageId ?? this.newId();
    this.outbox.add({ ...command, clientMessageId });
    this.flush();
    return clientMessageId;
  }

  stop(conversationId: string): void {
    // A message still in the outbox for it is withdrawn: stopping means "don't answer".
    for (const entry of [...this.outbox.entries()]) {
      if (entry.state === 'queued' && entry.command.conversationId === conversationId) this.outbox.remove(entry.clientMessageId);
    }
    if (this.isOpen()) this.write({ type: 'stop', conversationId });
    else this.stops.add(conversationId);
  }

  /** Takes back a message not yet on the wire; false when it was already sent (or is unknown). */
  withdraw(clientMessageId: string): boolean {
    const entry = this.outbox.get(clientMessageId);
    if (!entry || entry.state !== 'queued') return false;
    this.retryLaterCount.delete(clientMessageId);
    return this.outbox.remove(clientMessageId);
  }

  /**
   * Follows a conversation from `afterSeq` (0: from its start): the server replays what came after, then
   * sends live events. Following one already followed does nothing, since its events already arrive.
   */
  follow(conversationId: string, afterSeq = 0): void {
    if (this.seqs.has(conversationId)) return;
    this.seqs.set(conversationId, afterSeq);
    if (this.isOpen()) this.write({ type: 'resume', conversationId, afterSeq });
  }

  /** Stops re-following a conversation on reconnect (it was deleted). Its live events, if any, still arrive. */
  unfollow(conversationId: string): void {
    this.seqs.delete(conversationId);
    this.running.delete(conversationId);
    if (this.awaitingResume.delete(conversationId) && this.awaitingResume.size === 0) this.scheduleFlush(0);
  }

  isFollowing(conversationId: string): boolean {
    return this.seqs.has(conversationId);
  }

  lastSeq(conversationId: string): number {
    return this.seqs.get(conversationId) ?? 0;
  }

  /** Messages not yet acknowledged by the server, oldest first. */
  pending(): readonly OutboxEntry[] {
    return this.outbox.entries();
  }

  /** Reconnect at once (the user asked, or the network came back), forgetting the backoff. */
  retryNow(): void {
    if (this.stopped) return;
    this.attempt = 0;
    if (this.socket && (this.isOpen() || this.socket.readyState === 0)) return;
    this.connect();
  }

  setOnline(online: boolean): void {
    this.online = online;
    if (online) {
      this.retryNow();
    } else if (!this.isOpen()) {
      this.clearRetry();
      this.setStatus('offline');
    }
  }

  private connect(): void {
    if (this.stopped) return;
    this.clearRetry();
    if (!this.online) {
      this.setStatus('offline');
      return;
    }
    this.setStatus(this.everConnected || this.attempt > 0 ? 'reconnecting' : 'connecting');
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) this.onFrame(event.data);
    };
    socket.onclose = () => {
      if (this.socket === socket) this.onDrop();
    };
    socket.onerror = () => {
      // A close event follows every error; reconnecting happens there.
    };
  }

  private onFrame(data: unknown): void {
    this.clearPong();
    let value: unknown;
    try {
      value = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    const parsed = ServerEventSchema.safeParse(value);
    if (!parsed.success) return;
    const event = parsed.data;
    if (!this.track(event)) return;
    for (const handler of this.eventHandlers) {
      try {
        handler(event);
      } catch (error) {
        console.error('chat event handler failed', error);
      }
    }
    if (event.type === 'connected') this.afterConnected();
  }

  /** Bookkeeping for one event; false when it was seen before and must not reach the UI again. */
  private track(event: ServerEvent): boolean {
    if ('seq' in event && event.seq !== undefined && event.conversationId !== undefined) {
      const last = this.seqs.get(event.conversationId) ?? 0;
      if (event.seq <= last) return false;
      this.seqs.set(event.conversationId, event.seq);
    }
    switch (event.type) {
      case 'connected':
        this.info = event;
        this.attempt = 0;
        this.everConnected = true;
        this.setStatus('open');
        break;
      case 'turn_start':
        this.running.add(event.conversationId);
        if (event.clientMessageId) this.ack(event.clientMessageId);
        break;
      case 'done':
        this.running.delete(event.conversationId);
        this.scheduleFlush(0);
        break;
      case 'error':
        if (event.turnId !== undefined && event.conversationId !== undefined) {
          this.running.delete(event.conversationId);
          this.scheduleFlush(0);
        } else if (event.clientMessageId !== undefined) {
          if (isRetryLater(event)) this.retryLater(event.clientMessageId);
          else this.ack(event.clientMessageId);
        }
        break;
      case 'resumed':
        if (event.reload) this.seqs.set(event.conversationId, event.lastSeq);
        if (event.turnRunning) this.running.add(event.conversationId);
        else this.running.delete(event.conversationId);
        this.awaitingResume.delete(event.conversationId);
        if (this.awaitingResume.size === 0) this.clearResumeTimer();
        this.scheduleFlush(0);
        break;
      default:
        break;
    }
    return true;
  }

  private afterConnected(): void {
    this.startPing();
    for (const conversationId of this.stops) this.write({ type: 'stop', conversationId });
    this.stops.clear();
    // Everything followed is followed again from where it was left, before any queued message goes out, so
    // that a message whose turn_start comes back in the replay is known to have arrived.
    this.awaitingResume.clear();
    for (const [conversationId, afterSeq] of this.seqs) {
      this.awaitingResume.add(conversationId);
      this.write({ type: 'resume', conversationId, afterSeq });
    }
    if (this.awaitingResume.size > 0) {
      this.clearResumeTimer();
      this.resumeTimer = this.timers.setTimeout(() => {
        this.resumeTimer = null;
        this.awaitingResume.clear();
        this.flush();
      }, this.options.resumeTimeoutMs ?? 5_000);
    }
    this.flush();
  }

  private ack(clientMessageId: string): void {
    this.retryLaterCount.delete(clientMessageId);
    this.outbox.remove(clientMessageId);
  }

  private retryLater(clientMessageId: string): void {
    const tries = (this.retryLaterCount.get(clientMessageId) ?? 0) + 1;
    this.retryLaterCount.set(clientMessageId, tries);
    const wait = Math.min(RETRY_LATER_MAX_MS, RETRY_LATER_BASE_MS * 2 ** (tries - 1));
    this.outbox.requeue(clientMessageId, this.now() + wait);
    this.scheduleFlush(wait);
  }

  /** Sends what the outbox holds, in order; one message at a time per conversation, none while one answers. */
  private flush(): void {
    if (!this.isOpen() || this.awaitingResume.size > 0) return;
    const now = this.now();
    const blocked = new Set<string>(this.running);
    let nextAt = Infinity;
    for (const entry of this.outbox.entries()) {
      const key = entry.command.conversationId ?? `new:${entry.clientMessageId}`;
      if (blocked.has(key)) continue;
      blocked.add(key);
      if (entry.state === 'sent') continue;
      if (entry.notBefore > now) {
        nextAt = Math.min(nextAt, entry.notBefore);
        continue;
      }
      if (!this.write(entry.command)) return;
      this.outbox.markSent(entry.clientMessageId);
    }
    if (nextAt !== Infinity) this.scheduleFlush(nextAt - now);
  }

  private scheduleFlush(delayMs: number): void {
    const at = this.now() + delayMs;
    if (this.flushTimer !== null && this.flushAt <= at) return;
    if (this.flushTimer !== null) this.timers.clearTimeout(this.flushTimer);
    this.flushAt = at;
    this.flushTimer = this.timers.setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, Math.max(0, delayMs));
  }

  private write(command: ClientCommand): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(command));
      return true;
    } catch {
      return false;
    }
  }

  private isOpen(): boolean {
    return this.status === 'open' && this.socket !== null && this.socket.readyState === OPEN;
  }

  private onDrop(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) detach(socket);
    this.stopPing();
    this.clearResumeTimer();
    this.awaitingResume.clear();
    // Sent but unacknowledged: maybe lost with the socket. Sent again after the replay, unless the replay
    // shows its turn_start.
    for (const entry of this.outbox.entries()) {
      if (entry.state === 'sent') this.outbox.requeue(entry.clientMessageId, entry.notBefore);
    }
    if (this.stopped) return;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearRetry();
    if (!this.online) {
      this.setStatus('offline');
      return;
    }
    this.setStatus('reconnecting');
    const delay = backoffDelay(this.attempt, this.random, this.options.backoff ?? DEFAULT_BACKOFF);
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private startPing(): void {
    this.stopPing();
    const every = this.options.pingEveryMs ?? 25_000;
    const tick = () => {
      this.pingTimer = this.timers.setTimeout(tick, every);
      if (!this.write({ type: 'ping' })) return;
      this.clearPong();
      this.pongTimer = this.timers.setTimeout(() => {
        this.pongTimer = null;
        // Nothing came back: drop the socket ourselves rather than wait minutes for the browser to notice.
        const socket = this.socket;
        if (!socket) return;
        this.onDrop();
        socket.close(4000, 'no pong');
      }, this.options.pongTimeoutMs ?? 10_000);
    };
    this.pingTimer = this.timers.setTimeout(tick, every);
  }

  /** Other tabs adopt a tab's outbox once it looks closed; this one says it is not, online or not. */
  private keepOutboxAlive(): void {
    const tick = () => {
      this.touchTimer = this.timers.setTimeout(tick, OUTBOX_TOUCH_MS);
      this.outbox.touch();
    };
    this.touchTimer = this.timers.setTimeout(tick, OUTBOX_TOUCH_MS);
  }

  private stopPing(): void {
    if (this.pingTimer !== null) this.timers.clearTimeout(this.pingTimer);
    this.pingTimer = null;
    this.clearPong();
  }

  private clearPong(): void {
    if (this.pongTimer !== null) this.timers.clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearResumeTimer(): void {
    if (this.resumeTimer !== null) this.timers.clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
  }

  private clearTimers(): void {
    this.clearRetry();
    this.stopPing();
    this.clearResumeTimer();
    if (this.flushTimer !== null) this.timers.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.touchTimer !== null) this.timers.clearTimeout(this.touchTimer);
    this.touchTimer = null;
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const handler of this.changeHandlers) handler();
  }
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
