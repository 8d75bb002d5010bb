export interface BackoffOptions {
  /** First wait. */
  readonly baseMs: number;
  /** Longest wait, however many attempts failed. */
  readonly maxMs: number;
  /** Share of each wait that is random (0..1), so that tabs reconnecting after a server restart spread out. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000, jitter: 0.5 };

/**
 * How long to wait before reconnect attempt `attempt` (0 = the first retry): doubling from `baseMs` up to
 * `maxMs`, minus up to `jitter` of it at random.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = Math.min(1, Math.max(0, options.jitter));
  return Math.round(capped * (1 - spread * random()));
}
