import type { ServerEvent } from '@netbox-chatbox/protocol';
import WebSocket from 'ws';

export interface ConnectOptions {
  readonly origin?: string;
  readonly cookie?: string;
  /** The Host header to send instead of the URL's. */
  readonly host?: string;
}

/** What the server said when it refused the upgrade. */
export interface Refusal {
  readonly status: number;
  readonly body: string;
}

/**
 * A real WebSocket client for tests: keeps every event, in order, and waits for the ones a test needs. Also
 * keeps the raw frames, to search them for secrets.
 */
export class ChatClient {
  readonly events: ServerEvent[] = [];
  readonly frames: string[] = [];
  /** When each event arrived (performance.now()), by index. */
  readonly receivedAt: number[] = [];
  closeCode: number | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly closed: Promise<number>;

  readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const text = data.toString();
      this.frames.push(text);
      this.receivedAt.push(performance.now());
      this.events.push(JSON.parse(text) as ServerEvent);
      for (const listener of this.listeners) listener();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.closeCode = code;
        for (const listener of this.listeners) listener();
        resolve(code);
      }),
    );
  }

  /** Opens a socket and waits for the `connected` event. */
  static async connect(url: string, options: ConnectOptions = {}): Promise<ChatClient> {
    const socket = new WebSocket(url, socketOptions(options));
    const client = new ChatClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await client.next((e) => e.type === 'connected');
    return client;
  }

  /** Tries to open a socket that the server should refuse; resolves with the HTTP status and body. */
  static refused(url: string, options: ConnectOptions = {}): Promise<Refusal> {
    const socket = new WebSocket(url, socketOptions(options));
    return new Promise((resolve, reject) => {
      socket.on('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body });
          socket.terminate();
        });
      });
      socket.on('open', () => {
        socket.close();
        reject(new Error('the server accepted the socket'));
      });
      socket.on('error', (error) => {
        if (!/Unexpected server response/.test(error.message)) reject(error);
      });
    });
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer, options: { binary?: boolean } = {}): void {
    this.socket.send(data, { binary: options.binary ?? false });
  }

  /** The first event from index `from` on that matches. */
  next<T extends ServerEvent = ServerEvent>(match: (event: ServerEvent) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<T> {
    return this.until(() => this.events.slice(options.from ?? 0).find(match) as T | undefined, options.timeoutMs, 'a matching event');
  }

  /** Waits until `pick` returns something. */
  until<T>(pick: () => T | undefined, timeoutMs = 30_000, what = 'a condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const found = pick();
        if (found === undefined) {
          if (this.closeCode !== undefined) finish(() => reject(new Error(`socket closed (${this.closeCode}) while waiting for ${what}`)));
          return;
        }
        finish(() => resolve(found));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; events: ${this.summary()}`))), timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The events of one turn, and its end (done, or error with the turn id). */
  async turn(turnId: string, timeoutMs = 30_000): Promise<ServerEvent[]> {
    await this.next((e) => (e.type === 'done' || e.type === 'error') && 'turnId' in e && e.turnId === turnId, { timeoutMs });
    return this.events.filter((e) => 'turnId' in e && e.turnId === turnId);
  }

  /** Sends a message and waits for its turn_start; returns the turn's ids. */
  async ask(content: string, options: { conversationId?: string; clientMessageId?: string } = {}): Promise<{ conversationId: string; turnId: string }> {
    const clientMessageId = options.clientMessageId ?? `m${Math.random().toString(36).slice(2, 10)}`;
    const from = this.events.length;
    this.send({ type: 'message', content, clientMessageId, ...(options.conversationId ? { conversationId: options.conversationId } : {}) });
    const start = await this.next(
      (e) => (e.type === 'turn_start' && e.clientMessageId === clientMessageId) || (e.type === 'error' && e.clientMessageId === clientMessageId),
      { from },
    );
    if (start.type !== 'turn_start') throw new Error(`message refused: ${JSON.stringify(start)}`);
    return { conversationId: start.conversationId, turnId: start.turnId };
  }

  /** When the first event matching arrived. */
  arrival(match: (event: ServerEvent) => boolean): number {
    const index = this.events.findIndex(match);
    if (index < 0) throw new Error('no such event');
    return this.receivedAt[index] ?? Number.NaN;
  }

  close(): Promise<number> {
    if (this.closeCode === undefined) this.socket.close();
    return this.closed;
  }

  /** Drops the connection without a close handshake, as a network failure would. */
  terminate(): Promise<number> {
    this.socket.terminate();
    return this.closed;
  }

  private summary(): string {
    return this.events
      .slice(-8)
      .map((e) => e.type)
      .join(', ');
  }
}

function socketOptions(options: ConnectOptions): WebSocket.ClientOptions {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.host) headers.host = options.host;
  return { headers, ...(options.origin ? { origin: options.origin } : {}) };
}

export function textOf(events: readonly ServerEvent[]): string {
  return events.flatMap((e) => (e.type === 'text' ? [e.content] : [])).join('');
}

/** The answer as a client that honours `text_reset` shows it: chunks appended, cut back at each reset. */
export function answerOf(events: readonly ServerEvent[]): string {
  let answer = '';
  for (const event of events) {
    if (event.type === 'text') answer += event.content;
    if (event.type === 'text_reset') answer = answer.slice(0, event.length);
  }
  return answer;
}
