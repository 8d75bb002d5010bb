import type { ClientCommand, Conversation, ServerEvent } from '@netbox-chatbox/protocol';
import { newClientId } from './ids.ts';
import type { OutboxEntry } from './outbox.ts';
import type { Timers } from './socket-client.ts';
import { addLocalTurn, applyEvent, applySnapshot, markNotFound, removeTurn } from './thread-reducer.ts';
import { emptyThread, type ThreadState, type Turn } from './thread-state.ts';

/** What the store needs of the socket client. */
export interface ThreadSocket {
  onEvent(handler: (event: ServerEvent) => void): () => void;
  send(command: ClientCommand): string | undefined;
  follow(conversationId: string, afterSeq?: number): void;
  isFollowing(conversationId: string): boolean;
  unfollow(conversationId: string): void;
  pending(): readonly OutboxEntry[];
  withdraw(clientMessageId: string): boolean;
}

export type SnapshotResult =
  | { readonly ok: true; readonly conversation: Conversation }
  | { readonly ok: false; readonly notFound: boolean; readonly message: string };

export interface ThreadStoreDeps {
  readonly socket: ThreadSocket;
  readonly loadConversation: (conversationId: string) => Promise<SnapshotResult>;
  readonly timers?: Timers;
  readonly newId?: () => string;
}

/** The thread of a new chat, before the server has given it a conversation id. */
export const DRAFT = '';

const RELOAD_DELAY_MS = 200;
const RELOAD_RETRY_MS = 3_000;

/**
 * Every thread this page has opened, kept for the life of the page: the socket keeps following each one, so
 * each state stays current even when another conversation is on screen, and coming back to one needs no reload.
 * Events go to the thread of their conversation; a new chat's draft becomes a conversation's thread when the
 * server announces the conversation its first message created.
 */
export class ThreadStore {
  private readonly threads = new Map<string, ThreadState>();
  private readonly listeners = new Set<(key: string) => void>();
  private readonly adoptListeners = new Set<(conversationId: string) => void>();
  private readonly loading = new Set<string>();
  private readonly reloadTimers = new Map<string, unknown>();
  private readonly timers: Timers;
  private readonly newId: () => string;

  constructor(private readonly deps: ThreadStoreDeps) {
    this.timers = deps.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.newId = deps.newId ?? newClientId;
    this.threads.set(DRAFT, emptyThread(null));
    // Messages still queued from before a reload show where they were typed.
    for (const entry of deps.socket.pending()) {
      const key = entry.command.conversationId ?? DRAFT;
      this.update(key, (state) => addLocalTurn(state, entry.clientMessageId, entry.command.content));
    }
    deps.socket.onEvent((event) => this.route(event));
  }

  get(key: string): ThreadState {
    return this.threads.get(key) ?? emptyThread(key === DRAFT ? null : key);
  }

  /** Called with the key of each thread that changed. */
  subscribe(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the draft became a conversation (its id is the new thread's key). */
  onAdopt(listener: (conversationId: string) => void): () => void {
    this.adoptListeners.add(listener);
    return () => this.adoptListeners.delete(listener);
  }

  /**
   * Shows a conversation: loads its snapshot, then follows it from the snapshot's resume point (only an answer
   * still being written is replayed), unless it is followed already.
   */
  open(conversationId: string): void {
    if (conversationId === DRAFT) return;
    if (!this.threads.has(conversationId)) this.threads.set(conversationId, emptyThread(conversationId));
    if (this.deps.socket.isFollowing(conversationId) && this.get(conversationId).loaded) return;
    void this.load(conversationId);
  }

  /** Sends a message in a thread (DRAFT: a new conversation); it shows at once, queued. */
  send(key: string, content: string): string {
    const clientMessageId = this.newId();
    this.update(key, (state) => addLocalTurn(state, clientMessageId, content));
    this.deps.socket.send({ type: 'message', content, clientMessageId, ...(key === DRAFT ? {} : { conversationId: key }) });
    return clientMessageId;
  }

  /** Stops the thread's answer; a message not yet sent is taken back instead. */
  stop(key: string): void {
    const state = this.get(key);
    for (const turn of state.turns) {
      if (turn.state === 'queued' && turn.clientMessageId && this.deps.socket.withdraw(turn.clientMessageId)) {
        this.update(key, (s) => ({ ...s, turns: s.turns.map((t) => (t.key === turn.key ? { ...t, state: 'stopped' as const } : t)) }));
      }
    }
    if (key !== DRAFT) this.deps.socket.send({ type: 'stop', conversationId: key });
  }

  /** Sends a failed question again: as a new turn, or in place of a message the server never accepted. */
  retry(key: string, turn: Turn): void {
    if (turn.turnId === null) this.update(key, (state) => removeTurn(state, turn.key));
    this.send(key, turn.question);
  }

  private route(event: ServerEvent): void {
    if (event.type === 'connected' || event.type === 'pong') return;
    if (event.type === 'conversation' && !this.threads.has(event.conversationId) && this.draftWaiting()) {
      this.adopt(event.conversationId);
    }
    const conversationId = 'conversationId' in event ? event.conversationId : undefined;
    if (conversationId !== undefined) {
      this.update(conversationId, (state) => applyEvent(state, event));
      const state = this.get(conversationId);
      if (state.notFound) this.deps.socket.unfollow(conversationId);
      else if (state.needsReload) this.scheduleReload(conversationId);
      return;
    }
    // An error about a message with no conversation yet: the draft's, or another thread's queued one.
    if (event.type === 'error' && event.clientMessageId !== undefined) {
      for (const [key, state] of this.threads) {
        if (state.turns.some((t) => t.clientMessageId === event.clientMessageId)) this.update(key, (s) => applyEvent(s, event));
      }
    }
  }

  private draftWaiting(): boolean {
    return this.get(DRAFT).turns.some((t) => t.turnId === null && t.state === 'queued');
  }

  private adopt(conversationId: string): void {
    const draft = this.get(DRAFT);
    this.threads.set(conversationId, { ...draft, conversationId, loaded: true });
    this.threads.set(DRAFT, emptyThread(null));
    this.emit(DRAFT);
    this.emit(conversationId);
    for (const listener of this.adoptListeners) listener(conversationId);
  }

  private async load(conversationId: string): Promise<void> {
    if (this.loading.has(conversationId)) {
      this.scheduleReload(conversationId, RELOAD_RETRY_MS);
      return;
    }
    this.loading.add(conversationId);
    let result: SnapshotResult;
    try {
      result = await this.deps.loadConversation(conversationId);
    } catch {
      result = { ok: false, notFound: false, message: 'The conversation could not be loaded. Check the connection; it will be tried again.' };
    } finally {
      this.loading.delete(conversationId);
    }
    if (result.ok) {
      const { conversation } = result;
      this.update(conversationId, (state) => applySnapshot(state, conversation));
      // A server without resume points (older) replays from the first event; the reducer merges it per turn.
      if (!this.deps.socket.isFollowing(conversationId)) this.deps.socket.follow(conversationId, conversation.resumeAfterSeq ?? 0);
    } else if (result.notFound) {
      this.update(conversationId, markNotFound);
      this.deps.socket.unfollow(conversationId);
    } else {
      const message = result.message;
      this.update(conversationId, (state) => ({ ...state, loadError: message }));
      this.scheduleReload(conversationId, RELOAD_RETRY_MS);
    }
  }

  private scheduleReload(conversationId: string, delayMs = RELOAD_DELAY_MS): void {
    if (this.reloadTimers.has(conversationId)) return;
    this.reloadTimers.set(
      conversationId,
      this.timers.setTimeout(() => {
        this.reloadTimers.delete(conversationId);
        void this.load(conversationId);
      }, delayMs),
    );
  }

  private update(key: string, change: (state: ThreadState) => ThreadState): void {
    const before = this.get(key);
    const after = change(before);
    if (after === before && this.threads.has(key)) return;
    this.threads.set(key, after);
    this.emit(key);
  }

  private emit(key: string): void {
    for (const listener of this.listeners) listener(key);
  }
}
