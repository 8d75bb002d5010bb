/**
 * Keeps each user's starters for a few minutes so opening new chats costs NetBox nothing; concurrent misses for
 * one key share one load. Bounded: the oldest entry goes first when it is full.
 */
export class StartersCache<T> {
  readonly #entries = new Map<string, { expires: number; value: Promise<T> }>();

  private readonly maxEntries;
  private readonly now: () => number;

  constructor(
    maxEntries = 1000,
    now: () => number = Date.now,
  ) {
    this.maxEntries = maxEntries;
    this.now = now;
  }

  /** `load` returns the value and how long it may be kept (ms). A load that throws is not kept. */
  get(key: string, load: () => Promise<{ value: T; ttlMs: number }>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    this.#entries.delete(key);
    const entry = { expires: Number.POSITIVE_INFINITY, value: Promise.resolve() as Promise<T> };
    entry.value = load().then(
      ({ value, ttlMs }) => {
        entry.expires = this.now() + ttlMs;
        return value;
      },
      (error: unknown) => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
        throw error;
      },
    );
    this.#entries.set(key, entry);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return entry.value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
