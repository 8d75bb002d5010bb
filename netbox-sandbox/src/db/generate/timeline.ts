import type { Random } from './random.ts';
import { formatTimestamp, MICROS_PER_DAY, MICROS_PER_SECOND } from './timestamps.ts';

/** How far back the change log reaches: NetBox's default CHANGELOG_RETENTION. */
export const CHANGE_WINDOW_DAYS = 90;
/** How old the oldest objects are. */
const HISTORY_DAYS = 3 * 365;

/**
 * The data set's sense of time, all relative to the anchor ("now"). Objects not touched in the change
 * window were last updated before it, so every `last_updated` inside the window has a change record.
 */
export class Timeline {
  readonly anchor: number;
  readonly windowStart: number;
  readonly historyStart: number;

  constructor(anchor: Date) {
    this.anchor = anchor.getTime() * 1000;
    this.windowStart = this.anchor - CHANGE_WINDOW_DAYS * MICROS_PER_DAY;
    this.historyStart = this.anchor - HISTORY_DAYS * MICROS_PER_DAY;
  }

  /** The instant `days` (fractional allowed) after the start of history. */
  day(days: number): number {
    return this.historyStart + Math.round(days * MICROS_PER_DAY);
  }

  /** A random instant in [from, to), with microseconds, as NetBox's clocks write them. */
  between(rng: Random, from: number, to: number): number {
    if (to <= from) return from;
    return from + Math.floor(rng.next() * (to - from));
  }

  /** A moment shortly after `time`: the next save in the same session. */
  soonAfter(rng: Random, time: number, maxSeconds = 90): number {
    return time + Math.floor(rng.next() * maxSeconds * MICROS_PER_SECOND) + 1;
  }

  /**
   * A moment up to `maxDays` after `base`. An object whose parent predates the change window stays
   * before the window too, so only objects of new sites and deliberate creations fall inside it.
   */
  after(rng: Random, base: number, maxDays: number): number {
    let limit = base + Math.round(maxDays * MICROS_PER_DAY);
    if (base < this.windowStart) limit = Math.min(limit, this.windowStart - 2 * MICROS_PER_DAY);
    if (limit > this.anchor - MICROS_PER_SECOND) limit = this.anchor - MICROS_PER_SECOND;
    return limit <= base ? this.soonAfter(rng, base, 60) : this.between(rng, base, limit);
  }

  isInWindow(time: number): boolean {
    return time >= this.windowStart;
  }

  /**
   * `last_updated` for an object created at `created` and not changed since the change window opened:
   * a later edit before the window, or the creation itself.
   */
  settledUpdate(rng: Random, created: number): number {
    if (created >= this.windowStart) return created;
    const limit = this.windowStart - MICROS_PER_DAY;
    if (created >= limit || rng.chance(0.35)) return this.soonAfter(rng, created, 5);
    return this.between(rng, created, Math.min(limit, created + 500 * MICROS_PER_DAY));
  }

  /** `created` and `last_updated` columns for an object created at `created`. */
  stamps(rng: Random, created: number): { created: string; last_updated: string } {
    return { created: formatTimestamp(created), last_updated: formatTimestamp(this.settledUpdate(rng, created)) };
  }
}
