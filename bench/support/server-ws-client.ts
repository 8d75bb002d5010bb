import type { ServerEvent } from '@netbox-chatbox/protocol';
import WebSocket from 'ws';

/** One turn as a user saw it over the socket, timed from the moment its message frame was sent. */
export interface TimedTurn {
  readonly conversationId: string;
  /** The first text chunk with content; NaN when none came. */
  readonly ttftMs: number;
  /** The turn's `done` or `error`. */
  readonly endMs: number;
  readonly outcome: 'done' | 'error';
  readonly errorCode?: string;
  /** `busy` events the turn got while it waited for a model session, and the worst place in the queue. */
  readonly busyEvents: number;
  readonly maxQueuePosition: number;
  /** NetBox tool results in the turn, and how many of them were errors. */
  readonly toolResults: number;
  readonly toolErrors: number;
}

interface Pending {
  readonly clientMessageId: string;
  readonly sentAt: number;
  readonly resolve: (turn: TimedTurn) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  conversationId?: string;
  turnId?: string;
  firstTextAt?: number;
  busyEvents: number;
  maxQueuePosition: number;
  toolResults: number;
  toolErrors: number;
}

let counter = 0;

/** A real WebSocket client (the `ws` package) that times each turn it asks for; one turn at a time or many. */
export class BenchSocket {
  private readonly pending = new Set<Pending>();
  private readonly watchers = new Set<(event: ServerEvent, at: number) => void>();
  private closed = false;

  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString()) as ServerEvent;
      const at = performance.now();
      for (const watch of this.watchers) watch(event, at);
      this.onEvent(event, at);
    });
    socket.on('close', () => {
      this.closed = true;
      for (const p of this.pending) this.fail(p, new Error('socket closed during a turn'));
    });
  }

  /** Opens `/ws/chat` (with a session cookie in multi-user mode) and waits for `connected`. */
  static async connect(wsUrl: string, options: { cookie?: string } = {}): Promise<BenchSocket> {
    const socket = new WebSocket(wsUrl, options.cookie ? { headers: { cookie: options.cookie } } : {});
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no connected event within 30 s')), 30_000);
      socket.once('message', (data) => {
        clearTimeout(timer);
        const event = JSON.parse(data.toString()) as ServerEvent;
        if (event.type === 'connected') resolve();
        else reject(new Error(`first event was ${event.type}, not connected`));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return new BenchSocket(socket);
  }

  /** Sends a message (a new conversation when no id is given) and resolves when its turn has ended. */
  ask(content: string, conversationId?: string, timeoutMs = 180_000): Promise<TimedTurn> {
    if (this.closed) return Promise.reject(new Error('socket closed'));
    const clientMessageId = `bench${++counter}`;
    return new Promise<TimedTurn>((resolve, reject) => {
      const pending: Pending = {
        clientMessageId,
        sentAt: performance.now(),
        resolve,
        reject,
        timer: setTimeout(() => this.fail(pending, new Error(`turn not ended within ${timeoutMs} ms`)), timeoutMs),
        busyEvents: 0,
        maxQueuePosition: 0,
        toolResults: 0,
        toolErrors: 0,
      };
      this.pending.add(pending);
      this.socket.send(JSON.stringify({ type: 'message', content, clientMessageId, ...(conversationId ? { conversationId } : {}) }));
    });
  }

  /** Sends a command as it is (resume, stop). */
  send(command: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(command));
  }

  /** Resolves with the first event from now on that matches, and when it arrived (performance.now()). */
  waitFor(match: (event: ServerEvent) => boolean, timeoutMs = 120_000): Promise<{ event: ServerEvent; at: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watchers.delete(watch);
        reject(new Error(`no matching event within ${timeoutMs} ms`));
      }, timeoutMs);
      const watch = (event: ServerEvent, at: number): void => {
        if (!match(event)) return;
        clearTimeout(timer);
        this.watchers.delete(watch);
        resolve({ event, at });
      };
      this.watchers.add(watch);
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  private onEvent(event: ServerEvent, at: number): void {
    for (const p of this.pending) {
      if (event.type === 'turn_start' && event.clientMessageId === p.clientMessageId) {
        p.conversationId = event.conversationId;
        p.turnId = event.turnId;
        return;
      }
      if (event.type === 'error' && event.clientMessageId === p.clientMessageId && !event.turnId) {
        this.finish(p, at, 'error', event.code);
        return;
      }
      if (event.type === 'busy' && (event.turnId === undefined ? event.conversationId === p.conversationId : event.turnId === p.turnId)) {
        p.busyEvents += 1;
        p.maxQueuePosition = Math.max(p.maxQueuePosition, event.position);
        return;
      }
      if (p.turnId === undefined || !('turnId' in event) || event.turnId !== p.turnId) continue;
      if (event.type === 'text' && event.content.length > 0) p.firstTextAt ??= at;
      else if (event.type === 'tool_result') {
        p.toolResults += 1;
        if (event.isError) p.toolErrors += 1;
      } else if (event.type === 'done') this.finish(p, at, 'done');
      else if (event.type === 'error') this.finish(p, at, 'error', event.code);
      return;
    }
  }

  private finish(p: Pending, at: number, outcome: 'done' | 'error', errorCode?: string): void {
    clearTimeout(p.timer);
    this.pending.delete(p);
    p.resolve({
      conversationId: p.conversationId ?? '',
      ttftMs: p.firstTextAt === undefined ? Number.NaN : p.firstTextAt - p.sentAt,
      endMs: at - p.sentAt,
      outcome,
      ...(errorCode ? { errorCode } : {}),
      busyEvents: p.busyEvents,
      maxQueuePosition: p.maxQueuePosition,
      toolResults: p.toolResults,
      toolErrors: p.toolErrors,
    });
  }

  private fail(p: Pending, error: Error): void {
    clearTimeout(p.timer);
    this.pending.delete(p);
    p.reject(error);
  }
}
