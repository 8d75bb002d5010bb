/**
 * A queue that takes its owners in turn: each owner (a user) has a FIFO of its own, and the owners are served
 * round-robin, so one who queued ten items is served once, then everyone else once, and so on. An owner served
 * goes to the back of the rotation; a new one joins at the back.
 */
export class FairQueue<T> {
  /** Insertion order is the rotation order. */
  private readonly queues = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(owner: string, item: T): void {
    const queue = this.queues.get(owner);
    if (queue) queue.push(item);
    else this.queues.set(owner, [item]);
    this.count++;
  }

  remove(owner: string, item: T): boolean {
    const queue = this.queues.get(owner);
    const index = queue?.indexOf(item) ?? -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(owner);
    this.count--;
    return true;
  }

  countOf(owner: string): number {
    return this.queues.get(owner)?.length ?? 0;
  }

  owners(): string[] {
    return [...this.queues.keys()];
  }

  /** The first item in serving order whose owner `eligible` allows, without taking it. */
  peek(eligible: (owner: string) => boolean): { owner: string; item: T } | undefined {
    for (const [owner, queue] of this.queues) if (eligible(owner) && queue[0] !== undefined) return { owner, item: queue[0] };
    return undefined;
  }

  /** Takes that item; its owner moves to the back of the rotation. */
  take(eligible: (owner: string) => boolean): { owner: string; item: T } | undefined {
    const next = this.peek(eligible);
    if (!next) return undefined;
    const queue = this.queues.get(next.owner) as T[];
    queue.shift();
    this.queues.delete(next.owner);
    if (queue.length > 0) this.queues.set(next.owner, queue);
    this.count--;
    return next;
  }

  /** Every item in the order it would be served if every owner stayed eligible: round 1 of each, round 2, … */
  order(): T[] {
    const queues = [...this.queues.values()];
    const longest = Math.max(0, ...queues.map((queue) => queue.length));
    const items: T[] = [];
    for (let round = 0; round < longest; round++) for (const queue of queues) if (round < queue.length) items.push(queue[round] as T);
    return items;
  }
}
