/**
 * Messages per user per minute, over a sliding window, shared by every socket and `POST /api/chat` of the
 * user: each message starts a model turn, which is what costs. In memory: a limit per process.
 */
export class MessageRateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly windowMs: number;

  private readonly perMinute: number;

  constructor(
    perMinute: number,
    options: { windowMs?: number } = {},
  ) {
    this.perMinute = perMinute;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /** Counts a message when allowed; over the limit counts nothing and says how long until the next is allowed. */
  take(userId: string, now = Date.now()): { ok: true } | { ok: false; retryAfterMs: number } {
    const recent = (this.sent.get(userId) ?? []).filter((at) => now - at < this.windowMs);
    this.sent.set(userId, recent);
    if (recent.length >= this.perMinute) return { ok: false, retryAfterMs: (recent[0] ?? now) + this.windowMs - now };
    recent.push(now);
    return { ok: true };
  }

  get limit(): number {
    return this.perMinute;
  }

  /** Forgets users with nothing in the window, so the map does not grow forever. */
  sweep(now = Date.now()): void {
    for (const [userId, times] of this.sent) if (times.every((at) => now - at >= this.windowMs)) this.sent.delete(userId);
  }
}
