import type { ServerEvent } from '@netbox-chatbox/protocol';
import type { Logger } from 'pino';
import type { AgentSession } from '../agent/index.ts';
import type { Store } from '../store/index.ts';
import type { Subscriber } from './subscriber.ts';
import type { EventDraft, TurnRecorder } from './turn-recorder.ts';

/**
 * A conversation while this process works on it: its agent session, the turn being answered, and the sockets
 * following it. Everything that writes the event log or sends events runs through one queue (`enqueue`), so
 * events are numbered, stored and sent in one order, and a replay for a resuming socket sees exactly the events
 * before its subscription and live sending covers exactly those after: no gap, no duplicate.
 */
export class ConversationRuntime {
  readonly subscribers = new Set<Subscriber>();
  agent: AgentSession | undefined;
  /** Which NetBox token the agent's process was started with; another token needs a new process. */
  agentTokenTag: string | undefined;
  turn: TurnRecorder | undefined;
  /** The SDK session that holds the model's context, to resume in a new process. */
  sdkSessionId: string | null;
  /** The SDK's running cost total as last reported: a turn's cost is the difference. */
  costTotal: number;
  lastActive = Date.now();
  /** The newest seq this process knows of; less than the stored one means another server wrote since. */
  lastSeq: number;
  private chain: Promise<unknown> = Promise.resolve();

  readonly conversationId: string;
  readonly userId: string;
  private readonly store: Store;
  private readonly logger: Logger;

  constructor(
    conversationId: string,
    userId: string,
    init: { sdkSessionId: string | null; costTotal: number; lastSeq: number },
    store: Store,
    logger: Logger,
  ) {
    this.conversationId = conversationId;
    this.userId = userId;
    this.store = store;
    this.logger = logger;
    this.sdkSessionId = init.sdkSessionId;
    this.costTotal = init.costTotal;
    this.lastSeq = init.lastSeq;
  }

  get scope(): { userId: string; conversationId: string } {
    return { userId: this.userId, conversationId: this.conversationId };
  }

  /** Runs `task` after every task queued before it; a failing task does not stop the ones after it. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stores the event (which gives it its seq) and sends it to every follower. Call only from a queued task. */
  async record(draft: EventDraft): Promise<ServerEvent> {
    const turnId = 'turnId' in draft && typeof draft.turnId === 'string' ? draft.turnId : null;
    const seq = await this.store.events.append(this.scope, turnId, draft);
    this.lastSeq = Math.max(this.lastSeq, seq);
    const event = { ...draft, seq } as ServerEvent;
    this.broadcast(event);
    return event;
  }

  /** Sends to every follower without recording (busy: about the moment, not the conversation). */
  broadcast(event: ServerEvent): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber.send(event);
      } catch (error) {
        this.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'subscriber send failed');
      }
    }
  }

  /** Idle long enough, with nobody following and nothing running, to be dropped from memory. */
  isDisposable(now: number, idleMs: number): boolean {
    return this.turn === undefined && this.subscribers.size === 0 && now - this.lastActive >= idleMs;
  }
}
