/**
 * How the turn leases of several server processes keep time (all on the database's clock). A process renews its
 * leases every `heartbeatMs`; a lease not renewed for `expiryMs` is a dead process's, and every process looks
 * for those every `reapEveryMs`. So a turn whose process was killed is closed within about
 * expiryMs + reapEveryMs of its last renewal (20 s by default; the issue asks for 30).
 */
export interface LeaseTiming {
  readonly heartbeatMs: number;
  readonly expiryMs: number;
  readonly reapEveryMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { heartbeatMs: 5_000, expiryMs: 15_000, reapEveryMs: 5_000 };
