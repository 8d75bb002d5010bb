import type { Logger } from 'pino';
import { isStoreError, type ConversationScope, type EventToAppend, type Store, type TurnFence } from '../store/index.ts';
import type { SeqEvent } from './followers.ts';
import type { EventDraft } from './turn-recorder.ts';

/** How long and how much a conversation's writes may wait for a database that is away. */
export interface OutageLimits {
  /** Events waiting to be written, at most. */
  readonly maxBufferedEvents: number;
  /** How long an outage may last before the running turn is given up. */
  readonly maxOutageMs: number;
}

export const DEFAULT_OUTAGE_LIMITS: OutageLimits = { maxBufferedEvents: 5_000, maxOutageMs: 30_000 };

export interface EventWriterDeps {
  readonly store: Store;
  readonly scope: ConversationScope;
  readonly logger: Logger;
  readonly limits: OutageLimits;
  /** Events just committed, in commit order, synchronously (the caller queues their delivery). */
  readonly committed: (events: SeqEvent[]) => void;
  /** The database has been away longer than the limits allow, with events waiting (once per outage). */
  readonly outageTooLong: () => void;
}

interface EventsJob {
  readonly kind: 'events';
  readonly items: readonly EventToAppend[];
  readonly fence: TurnFence | undefined;
  readonly resolve: (events: SeqEvent[]) => void;
  readonly reject: (error: unknown) => void;
}

interface TaskJob {
  readonly kind: 'task';
  /** Writes something and returns the events it recorded (to deliver), if any. */
  readonly run: () => Promise<SeqEvent[]>;
  /** Whether to keep trying while the database is away (a turn's end must be written some time). */
  readonly retry: boolean;
  readonly resolve: (events: SeqEvent[]) => void;
  readonly reject: (error: unknown) => void;
}

type Job = EventsJob | TaskJob;

/** Events written in one statement at most: a burst of tokens becomes one round trip, not hundreds. */
const MAX_BATCH = 200;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2_000;

/**
 * Everything one process writes to one conversation's event log, in order: events are queued and written in
 * batches (whatever piled up while the previous batch was being written), so the database sees one statement
 * per batch, and each batch is announced (`committed`) only once it is stored with its seqs. Tasks (saving the
 * answer, ending a turn) take their place in the same order.
 *
 * While the database is away, the queue waits and retries: nothing is announced that is not stored, so a
 * client never sees what a replay would not show. When the wait exceeds the limits, `outageTooLong` lets the
 * chat layer give the turn up (and `drop` its waiting events); its end is written once the database is back.
 */
export class EventWriter {
  private jobs: Job[] = [];
  private running = false;
  private outageSince: number | undefined;
  private outageReported = false;
  private readonly deps: EventWriterDeps;

  constructor(deps: EventWriterDeps) {
    this.deps = deps;
  }

  /** Nothing waiting to be written. */
  get idle(): boolean {
    return this.jobs.length === 0 && !this.running;
  }

  /** Since when the database has been failing this writer's writes; undefined when it is not. */
  get unavailableSince(): number | undefined {
    return this.outageSince;
  }

  /** Resolves with the recorded events once they are stored. */
  append(drafts: readonly EventDraft[], fence?: TurnFence): Promise<SeqEvent[]> {
    const items = drafts.map((draft) => ({ turnId: 'turnId' in draft && typeof draft.turnId === 'string' ? draft.turnId : null, event: draft }));
    return new Promise((resolve, reject) => {
      this.jobs.push({ kind: 'events', items, fence, resolve, reject });
      this.kick();
    });
  }

  task(run: () => Promise<SeqEvent[]>, options: { retry: boolean }): Promise<SeqEvent[]> {
    return new Promise((resolve, reject) => {
      this.jobs.push({ kind: 'task', run, retry: options.retry, resolve, reject });
      this.kick();
    });
  }

  /** Gives up the events of a turn still waiting to be written: they reject with `error`. */
  drop(turnId: string, error: unknown): void {
    const dropped = this.jobs.filter((job) => job.kind === 'events' && job.fence?.turnId === turnId);
    this.jobs = this.jobs.filter((job) => !dropped.includes(job));
    for (const job of dropped) job.reject(error);
  }

  private bufferedEvents(): number {
    return this.jobs.reduce((sum, job) => sum + (job.kind === 'events' ? job.items.length : 0), 0);
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.loop().finally(() => {
      this.running = false;
      if (this.jobs.length > 0) this.kick();
    });
  }

  private async loop(): Promise<void> {
    let waitMs = RETRY_MIN_MS;
    for (let job = this.jobs[0]; job; job = this.jobs[0]) {
      const batch: Job[] = job.kind === 'events' ? this.batchFrom(job) : [job];
      try {
        const events = job.kind === 'events' ? await this.write(batch as EventsJob[]) : await job.run();
        this.jobs = this.jobs.filter((queued) => !batch.includes(queued));
        this.recovered();
        waitMs = RETRY_MIN_MS;
        if (job.kind === 'task') job.resolve(events);
        if (events.length > 0) this.deps.committed(events);
      } catch (error) {
        const waits = isStoreError(error, 'STORE_UNAVAILABLE') && (job.kind === 'events' || job.retry);
        if (!waits) {
          this.jobs = this.jobs.filter((queued) => !batch.includes(queued));
          for (const failed of batch) failed.reject(error);
          continue;
        }
        this.unavailable();
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        waitMs = Math.min(RETRY_MAX_MS, waitMs * 2);
      }
    }
  }

  /** The job and the event jobs right after it with the same fence, up to MAX_BATCH events. */
  private batchFrom(first: EventsJob): EventsJob[] {
    const batch: EventsJob[] = [];
    let count = 0;
    for (const job of this.jobs) {
      if (job.kind !== 'events' || !sameFence(job.fence, first.fence)) break;
      if (batch.length > 0 && count + job.items.length > MAX_BATCH) break;
      batch.push(job);
      count += job.items.length;
    }
    return batch;
  }

  private async write(batch: readonly EventsJob[]): Promise<SeqEvent[]> {
    const items = batch.flatMap((job) => job.items);
    const { firstSeq } = await this.deps.store.events.appendMany(this.deps.scope, items, batch[0]?.fence);
    const events = items.map((item, i) => ({ ...item.event, seq: firstSeq + i }) as unknown as SeqEvent);
    let at = 0;
    for (const job of batch) {
      job.resolve(events.slice(at, at + job.items.length));
      at += job.items.length;
    }
    return events;
  }

  private unavailable(): void {
    const now = Date.now();
    if (this.outageSince === undefined) {
      this.outageSince = now;
      this.deps.logger.warn({ conversationId: this.deps.scope.conversationId, waiting: this.bufferedEvents() }, 'database away; holding the conversation’s events');
    }
    const { maxBufferedEvents, maxOutageMs } = this.deps.limits;
    if (!this.outageReported && (this.bufferedEvents() > maxBufferedEvents || now - this.outageSince > maxOutageMs)) {
      this.outageReported = true;
      this.deps.outageTooLong();
    }
  }

  private recovered(): void {
    if (this.outageSince === undefined) return;
    this.deps.logger.info({ conversationId: this.deps.scope.conversationId, awayMs: Date.now() - this.outageSince }, 'database back; held events written');
    this.outageSince = undefined;
    this.outageReported = false;
  }
}

function sameFence(a: TurnFence | undefined, b: TurnFence | undefined): boolean {
  return a?.turnId === b?.turnId && a?.holder === b?.holder;
}
