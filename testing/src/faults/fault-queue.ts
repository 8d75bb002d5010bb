import type { Fault } from './fault-schema.ts';

/** Faults queued by a test over HTTP; each applies to one model request, in order. */
export class FaultQueue {
  #queue: Fault[] = [];

  push(faults: readonly Fault[]): void {
    this.#queue.push(...faults);
  }

  /** Replaces the queue (what `setFaults()` and `POST /_stub/faults` do). */
  set(faults: readonly Fault[]): void {
    this.#queue = [...faults];
  }

  next(): Fault | undefined {
    return this.#queue.shift();
  }

  get pending(): readonly Fault[] {
    return this.#queue;
  }
}
