/**
 * Frames per socket, as a token bucket: a burst of `burst` frames, then `perSecond`. Counts every frame,
 * whatever it holds, so a flood of pings or garbage costs the server no more than a trickle. Messages have their
 * own per-user limit on top (chat/rate-limiter.ts).
 */
export class FloodGuard {
  private tokens: number;
  private last: number;
  /** Frames refused since the socket opened. */
  dropped = 0;
  private lastWarned = -Infinity;

  private readonly burst;
  private readonly perSecond;

  constructor(
    burst = 40,
    perSecond = 10,
    now = Date.now(),
  ) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one frame's token; false when the socket is over its rate. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.dropped++;
    return false;
  }

  /** At most one warning a second, so answering a flood is not itself a flood. */
  shouldWarn(now = Date.now()): boolean {
    if (now - this.lastWarned < 1000) return false;
    this.lastWarned = now;
    return true;
  }
}
