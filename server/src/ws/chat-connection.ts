import { MAX_FRAME_BYTES, parseClientFrame, protocolError, type ClientCommand, type ConnectedEvent, type ServerEvent } from '@netbox-chatbox/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { Identity, IdentityResolver } from '../auth/identity.ts';
import { isChatError } from '../chat/chat-error.ts';
import type { ChatService } from '../chat/chat-service.ts';
import type { Subscriber } from '../chat/subscriber.ts';
import { isStoreError } from '../store/index.ts';
import { FloodGuard } from './flood-guard.ts';
import type { ClosableSocket, SocketRegistry } from './socket-registry.ts';

export interface ChatConnectionDeps {
  readonly chat: ChatService;
  readonly identities: IdentityResolver;
  readonly sockets: SocketRegistry;
  readonly maxMessageChars: number;
  /** The first frame, the same for every socket of this server but the user. */
  readonly connected: (identity: Identity) => ConnectedEvent;
  readonly heartbeatMs?: number;
  readonly floodBurst?: number;
  readonly floodPerSecond?: number;
}

/** A socket that has fallen this far behind is closed; the client reconnects and resumes from its last seq. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A socket that keeps flooding after this many refused frames is closed. */
const MAX_DROPPED_FRAMES = 1000;

/**
 * One browser tab's socket: reads commands, one at a time in the order sent, and is a subscriber of the
 * conversations it asks about. Closing it stops nothing (BRIEF §3); the turn runs on and can be resumed.
 */
export class ChatConnection implements Subscriber, ClosableSocket {
  private readonly guard: FloodGuard;
  private queue: Promise<void> = Promise.resolve();
  private alive = true;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  private readonly socket: WebSocket;
  private readonly identity: Identity;
  private readonly deps: ChatConnectionDeps;
  private readonly log: FastifyBaseLogger;

  constructor(
    socket: WebSocket,
    identity: Identity,
    deps: ChatConnectionDeps,
    log: FastifyBaseLogger,
  ) {
    this.socket = socket;
    this.identity = identity;
    this.deps = deps;
    this.log = log;
    this.guard = new FloodGuard(deps.floodBurst, deps.floodPerSecond);
    socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    socket.on('pong', () => (this.alive = true));
    socket.on('close', (code) => this.onClose(code));
    socket.on('error', (error) => this.log.debug({ err: error.name }, 'chat socket error'));
    // A dead peer (laptop lid closed) never sends a close: ping it, and drop it when it stops answering.
    this.heartbeat = setInterval(() => {
      if (!this.alive) {
        this.socket.terminate();
        return;
      }
      this.alive = false;
      this.socket.ping();
    }, deps.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    if (identity.sessionKey) deps.sockets.add(identity.sessionKey, this);
    this.send(deps.connected(identity));
    log.info({ userId: identity.userId }, 'chat socket open');
  }

  send(event: ServerEvent): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ userId: this.identity.userId }, 'chat socket too slow; closing it');
      this.end(1013, 'too far behind; reconnect and resume');
      return;
    }
    this.socket.send(JSON.stringify(event));
  }

  end(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(code, reason);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (!this.guard.take()) {
      if (this.guard.dropped > MAX_DROPPED_FRAMES) {
        this.log.warn({ userId: this.identity.userId }, 'chat socket flooding; closing it');
        this.end(1008, 'too many frames');
      } else if (this.guard.shouldWarn()) {
        this.send(protocolError('RATE_LIMITED', 'Too many frames; some were ignored. Slow down.'));
      }
      return;
    }
    if (isBinary) {
      this.send(protocolError('BAD_FRAME', 'Send commands as JSON in text frames.'));
      return;
    }
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    // Measured before decoding: a huge frame is refused without turning it into a string.
    if (bytes.length > MAX_FRAME_BYTES) {
      this.send(protocolError('FRAME_TOO_LARGE', `The frame is larger than the limit of ${MAX_FRAME_BYTES.toLocaleString('en-US')} bytes.`));
      return;
    }
    const parsed = parseClientFrame(bytes.toString('utf8'), { maxMessageChars: this.deps.maxMessageChars });
    if (!parsed.ok) {
      this.send(parsed.error);
      return;
    }
    const command = parsed.command;
    this.queue = this.queue.then(() => this.handle(command)).catch((error: unknown) => this.fail(command, error));
  }

  private async handle(command: ClientCommand): Promise<void> {
    if (this.closed && command.type !== 'message') return;
    const { chat } = this.deps;
    switch (command.type) {
      case 'ping':
        this.send({ type: 'pong' });
        return;
      case 'message':
        if (!(await this.stillSignedIn())) return;
        await chat.send(
          this.identity,
          {
            content: command.content,
            ...(command.conversationId ? { conversationId: command.conversationId } : {}),
            ...(command.clientMessageId ? { clientMessageId: command.clientMessageId } : {}),
          },
          this.closed ? undefined : this,
        );
        return;
      case 'stop':
        await chat.stop(this.identity, command.conversationId);
        return;
      case 'resume':
        if (!(await this.stillSignedIn())) return;
        await chat.resume(this.identity, command.conversationId, command.afterSeq, this);
        // Closed while replaying: the subscription just made must not outlive the socket.
        if (this.closed) chat.unsubscribe(this);
        return;
    }
  }

  private async stillSignedIn(): Promise<boolean> {
    if (await this.deps.identities.stillValid(this.identity)) return true;
    this.send(protocolError('UNAUTHORIZED'));
    this.end(4401, 'signed out');
    return false;
  }

  private fail(command: ClientCommand, error: unknown): void {
    const ids = {
      ...('conversationId' in command && command.conversationId ? { conversationId: command.conversationId } : {}),
      ...(command.type === 'message' && command.clientMessageId ? { clientMessageId: command.clientMessageId } : {}),
    };
    if (isChatError(error)) {
      this.send({ ...protocolError(error.code, error.message, ids), retryable: error.retryable });
      return;
    }
    if (isStoreError(error, 'NOT_FOUND')) {
      this.send(protocolError('NOT_FOUND', undefined, ids));
      return;
    }
    if (isStoreError(error, 'STORE_UNAVAILABLE')) {
      this.log.warn({ userId: this.identity.userId, command: command.type }, 'chat command failed: database unavailable');
      this.send(protocolError('STORE_UNAVAILABLE', undefined, ids));
      return;
    }
    this.log.error({ userId: this.identity.userId, command: command.type, err: error instanceof Error ? error.name : 'unknown' }, 'chat command failed');
    this.send(protocolError('INTERNAL', undefined, ids));
  }

  private onClose(code: number): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.deps.chat.unsubscribe(this);
    if (this.identity.sessionKey) this.deps.sockets.remove(this.identity.sessionKey, this);
    this.log.info({ userId: this.identity.userId, code }, 'chat socket closed');
  }
}
