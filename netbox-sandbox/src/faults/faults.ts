/**
 * Faults a test can switch on at start or while the sandbox runs, to see how a client copes with a NetBox
 * that is slow, failing, hanging or cutting connections. Rates are 0..1 per request.
 */
export interface Faults {
  /** Added to every API response, in milliseconds. */
  latencyMs: number;
  /** Share of requests answered with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  /** Share of requests that never get an answer. */
  hangRate: number;
  /** Share of requests whose connection is closed without an answer. */
  dropRate: number;
}

export const NO_FAULTS: Faults = { latencyMs: 0, errorRate: 0, errorStatus: 500, hangRate: 0, dropRate: 0 };

export type FaultAction = 'none' | 'error' | 'hang' | 'drop';

/** A seeded generator keeps fault runs repeatable: the same rates give the same sequence of faults. */
export class FaultInjector {
  private state: number;
  faults: Faults;

  constructor(faults: Partial<Faults> = {}, seed = 1) {
    this.faults = { ...NO_FAULTS, ...faults };
    this.state = seed >>> 0 || 1;
  }

  set(faults: Partial<Faults>): Faults {
    this.faults = { ...this.faults, ...faults };
    return this.faults;
  }

  private next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** What happens to the next request. */
  decide(): FaultAction {
    const { dropRate, hangRate, errorRate } = this.faults;
    if (dropRate === 0 && hangRate === 0 && errorRate === 0) return 'none';
    const r = this.next();
    if (r < dropRate) return 'drop';
    if (r < dropRate + hangRate) return 'hang';
    if (r < dropRate + hangRate + errorRate) return 'error';
    return 'none';
  }
}
