import type { ServerEvent } from '@netbox-chatbox/protocol';
import type { Subscriber } from './subscriber.ts';

/** A recorded event of the conversation: it has its seq. */
export type SeqEvent = ServerEvent & { seq: number };

/** Every recorded event after `afterSeq`, oldest first, read from the event log. */
export type ReadAfter = (afterSeq: number) => Promise<SeqEvent[]>;

/**
 * The sockets following one conversation on this process, each with the last seq it was sent. Events reach a
 * follower exactly once and in seq order, whichever way they come (recorded here, announced by another process,
 * or both): what it has is skipped, and a hole is read from the event log before anything after it is sent.
 * Call only from the conversation's queue.
 */
export class Followers {
  private readonly cursors = new Map<Subscriber, number>();

  get size(): number {
    return this.cursors.size;
  }

  /** Follows from after `cursor`; a follower already following keeps its place. */
  add(subscriber: Subscriber, cursor: number): void {
    if (!this.cursors.has(subscriber)) this.cursors.set(subscriber, cursor);
  }

  /** Follows from after `cursor`, replacing the follower's place (it has just been sent everything up to it). */
  set(subscriber: Subscriber, cursor: number): void {
    this.cursors.set(subscriber, cursor);
  }

  remove(subscriber: Subscriber): void {
    this.cursors.delete(subscriber);
  }

  /** Whether some follower has not been sent `seq` yet. */
  behind(seq: number): boolean {
    for (const cursor of this.cursors.values()) if (cursor < seq) return true;
    return false;
  }

  /**
   * Sends each follower the events after its place. `events` are the ones at hand (just recorded); when they do
   * not follow on from every follower's place, the log is read from the lowest place instead.
   */
  async deliver(events: readonly SeqEvent[], readAfter: ReadAfter, onError: (error: unknown) => void): Promise<void> {
    if (this.cursors.size === 0) return;
    const lowest = Math.min(...this.cursors.values());
    const newest = events.at(-1)?.seq;
    if (newest !== undefined && newest <= lowest) return;
    let list = events;
    if (events[0] === undefined || events[0].seq > lowest + 1) list = await readAfter(lowest);
    for (const [subscriber, cursor] of this.cursors) {
      let at = cursor;
      for (const event of list) {
        if (event.seq <= at) continue;
        if (event.seq !== at + 1) break;
        send(subscriber, event, onError);
        at = event.seq;
      }
      if (this.cursors.has(subscriber)) this.cursors.set(subscriber, at);
    }
  }

  /** Sends to every follower an event that is not recorded (busy, a turn ended while the store was away). */
  broadcast(event: ServerEvent, onError: (error: unknown) => void): void {
    for (const subscriber of this.cursors.keys()) send(subscriber, event, onError);
  }
}

function send(subscriber: Subscriber, event: ServerEvent, onError: (error: unknown) => void): void {
  try {
    subscriber.send(event);
  } catch (error) {
    onError(error);
  }
}
