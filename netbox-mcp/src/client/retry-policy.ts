export interface RetryPolicy {
  /** Attempts after the first. */
  readonly retries: number;
  /** First backoff; doubles each attempt, with jitter. */
  readonly baseDelayMs: number;
  /** No single wait is longer, whatever Retry-After says. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 3_000 };

/** 429 and the 5xx a proxy or a restarting NetBox answers are worth another try; other answers are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterHeader?: string | null): number {
  const retryAfter = retryAfterHeader ? Number(retryAfterHeader) * 1000 : NaN;
  const exponential = policy.baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
  const wanted = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : exponential;
  return Math.min(wanted, policy.maxDelayMs);
}
