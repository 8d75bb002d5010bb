import { startup, type Options, type WarmQuery } from '@anthropic-ai/claude-agent-sdk';
import type { Logger } from 'pino';
import { pino } from 'pino';
import { AgentError } from './agent-errors.ts';
import { FairQueue } from './fair-queue.ts';

/** A session that holds a live CLI process, as the pool sees it. */
export interface PoolMember {
  /** Live and between turns: may be closed to make room. */
  isIdle(): boolean;
  /** When it last started or finished a turn (ms), for least-recently-used eviction. */
  readonly lastActiveAt: number;
  /**
   * Ends its CLI process gracefully and releases its lease when the process is gone. Resolves false when it
   * declined (a turn started meanwhile): its lease stays held.
   */
  evict(): Promise<boolean>;
}

/** One live-process slot. Released exactly once, when that process has ended. */
export interface Lease {
  release(): void;
}

export interface AcquireOptions {
  /** A spare warmed under this key, if there is one, starts the session at once instead of a cold `query()`. */
  readonly spareKey?: string;
  /** Whose session it is (a user): each owner holds at most `maxPerUser` processes, and owners queue in turn. */
  readonly owner?: string;
  /** Aborting gives up the place in the queue; `acquire` then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** The busy signal: the place in the queue (from 1), each time it changes. */
  readonly onQueued?: (position: number) => void;
}

export interface Acquired {
  readonly lease: Lease;
  /** A CLI process already started and initialized for this key's options; `spare.query(prompt)` uses it. */
  readonly spare?: WarmQuery;
}

export interface SessionPoolOptions {
  /** Live CLI processes at most (sessions and spares together); each holds about 200 MB. */
  readonly maxLive: number;
  /** Processes one owner may hold at once (running or idle); the rest of its turns wait. Default `maxLive`. */
  readonly maxPerUser?: number;
  /** Turns that may wait for a slot; beyond it `acquire` rejects with AGENT_BUSY. */
  readonly maxQueue?: number;
  /** A spare nobody claimed is closed after this long. */
  readonly spareTtlMs?: number;
  /** How long a spare's CLI may take to start. */
  readonly spareStartTimeoutMs?: number;
  readonly logger?: Logger;
}

export interface PoolStats {
  /** Processes alive or starting: leases held, spares parked and spares warming. */
  readonly live: number;
  readonly leases: number;
  readonly idle: number;
  readonly spares: number;
  readonly warming: number;
  readonly queued: number;
}

interface Waiter {
  readonly member: PoolMember;
  readonly owner: string;
  readonly options: AcquireOptions;
  readonly resolve: (acquired: Acquired) => void;
  readonly reject: (error: unknown) => void;
  readonly onAbort: () => void;
  position: number;
}

interface Spare {
  readonly warm: WarmQuery;
  readonly makeOptions: () => Options;
  readonly timer: NodeJS.Timeout;
}

/** Members acquired without an owner share this one. */
const NO_OWNER = '';

/**
 * Caps the live CLI processes, overall and per owner (a user). A turn that needs a process gets a free slot, or
 * one freed by closing a spare, or by closing the least recently used idle session; otherwise it waits and hears
 * its place. Waiting turns are taken owner by owner in turn (FairQueue), and an owner at its cap waits for one
 * of its own processes even when others are free, so one user flooding the server cannot hold every process.
 * Spares are processes started ahead with `startup()` for a key (a user), so a new conversation's first token
 * does not wait for the CLI's cold start.
 */
export class SessionPool {
  private readonly maxLive: number;
  private readonly maxPerUser: number;
  private readonly maxQueue: number;
  private readonly spareTtlMs: number;
  private readonly spareStartTimeoutMs: number;
  private readonly logger: Logger;
  private readonly leases = new Map<Lease, { member: PoolMember; owner: string }>();
  private readonly spares = new Map<string, Spare>();
  private readonly warming = new Set<string>();
  private readonly evicting = new Set<PoolMember>();
  private readonly waiters = new FairQueue<Waiter>();
  private closed = false;

  constructor(options: SessionPoolOptions) {
    if (!Number.isInteger(options.maxLive) || options.maxLive < 1) throw new Error('maxLive must be a whole number of at least 1');
    this.maxLive = options.maxLive;
    this.maxPerUser = Math.max(1, Math.min(options.maxLive, options.maxPerUser ?? options.maxLive));
    this.maxQueue = options.maxQueue ?? 100;
    this.spareTtlMs = options.spareTtlMs ?? 10 * 60_000;
    this.spareStartTimeoutMs = options.spareStartTimeoutMs ?? 30_000;
    this.logger = options.logger ?? pino({ level: 'silent' });
  }

  stats(): PoolStats {
    const idle = [...this.leases.values()].filter(({ member }) => member.isIdle()).length;
    return { live: this.live(), leases: this.leases.size, idle, spares: this.spares.size, warming: this.warming.size, queued: this.waiters.size };
  }

  /** Processes this owner holds now. */
  heldBy(owner: string): number {
    let held = 0;
    for (const lease of this.leases.values()) if (lease.owner === owner) held++;
    return held;
  }

  hasSpare(key: string): boolean {
    return this.spares.has(key);
  }

  acquire(member: PoolMember, options: AcquireOptions = {}): Promise<Acquired> {
    if (this.closed) return Promise.reject(new AgentError('SESSION_CLOSED'));
    const owner = options.owner ?? NO_OWNER;
    const underCap = this.heldBy(owner) < this.maxPerUser;
    const spare = options.spareKey === undefined || !underCap ? undefined : this.takeSpare(options.spareKey);
    if (spare) return Promise.resolve({ lease: this.grant(member, owner), spare });
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.waiters.size === 0 && underCap && this.live() < this.maxLive) return Promise.resolve({ lease: this.grant(member, owner) });
    if (this.waiters.size >= this.maxQueue) return Promise.reject(new AgentError('AGENT_BUSY'));
    return new Promise<Acquired>((resolve, reject) => {
      const waiter: Waiter = {
        member,
        owner,
        options,
        resolve,
        reject,
        position: 0,
        onAbort: () => {
          this.waiters.remove(owner, waiter);
          reject(options.signal?.reason);
          this.pump();
        },
      };
      options.signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(owner, waiter);
      this.pump();
    });
  }

  /** A member's turn ended: if turns are waiting, it may be the one to make room. */
  memberIdle(_member: PoolMember): void {
    this.pump();
  }

  /**
   * Starts a spare CLI for `key` with these options, if there is room without closing anything. After the spare
   * is taken, another is warmed for the same key when there is room again. Resolves true once one is parked.
   */
  async prewarm(key: string, makeOptions: () => Options): Promise<boolean> {
    if (this.closed || this.spares.has(key) || this.warming.has(key)) return this.spares.has(key);
    if (this.waiters.size > 0 || this.live() >= this.maxLive) return false;
    this.warming.add(key);
    const started = performance.now();
    let warm: WarmQuery;
    try {
      warm = await startup({ options: makeOptions(), initializeTimeoutMs: this.spareStartTimeoutMs });
    } catch (error) {
      this.warming.delete(key);
      this.logger.warn({ key, err: errorName(error) }, 'spare failed to start');
      this.pump();
      return false;
    } finally {
      this.warming.delete(key);
    }
    if (this.closed || this.waiters.size > 0) {
      // Someone needs the slot more than a spare does.
      warm.close();
      this.pump();
      return false;
    }
    const timer = setTimeout(() => this.discardSpare(key), this.spareTtlMs);
    timer.unref();
    this.spares.set(key, { warm, makeOptions, timer });
    this.logger.debug({ key, ms: Math.round(performance.now() - started) }, 'spare ready');
    return true;
  }

  /** Closes the spare for `key` (its options are stale: a new token, a sign-out). */
  discardSpare(key: string): void {
    const spare = this.spares.get(key);
    if (!spare) return;
    this.spares.delete(key);
    clearTimeout(spare.timer);
    spare.warm.close();
    this.pump();
  }

  /** Closes spares, refuses waiters and evicts every member; resolves when all have let go. */
  async close(): Promise<void> {
    this.closed = true;
    for (const key of [...this.spares.keys()]) this.discardSpare(key);
    for (let next = this.waiters.take(() => true); next; next = this.waiters.take(() => true)) {
      next.item.options.signal?.removeEventListener('abort', next.item.onAbort);
      next.item.reject(new AgentError('SESSION_CLOSED'));
    }
    await Promise.allSettled([...this.leases.values()].map(({ member }) => member.evict()));
  }

  private live(): number {
    return this.leases.size + this.spares.size + this.warming.size;
  }

  private takeSpare(key: string): WarmQuery | undefined {
    const spare = this.spares.get(key);
    if (!spare) return undefined;
    this.spares.delete(key);
    clearTimeout(spare.timer);
    // Refill after this turn has its slot, and only where there is room: a spare never evicts anyone.
    setImmediate(() => void this.prewarm(key, spare.makeOptions));
    return spare.warm;
  }

  private grant(member: PoolMember, owner: string): Lease {
    let released = false;
    const lease: Lease = {
      release: () => {
        if (released) return;
        released = true;
        this.leases.delete(lease);
        this.evicting.delete(member);
        this.pump();
      },
    };
    this.leases.set(lease, { member, owner });
    return lease;
  }

  private pump(): void {
    const underCap = (owner: string) => this.heldBy(owner) < this.maxPerUser;
    while (this.waiters.size > 0) {
      if (!this.waiters.peek(underCap)) {
        // Everyone waiting is at their cap: each may make room only among its own idle processes.
        this.evictOwnIdle();
        break;
      }
      if (this.live() < this.maxLive) {
        const next = this.waiters.take(underCap) as { owner: string; item: Waiter };
        next.item.options.signal?.removeEventListener('abort', next.item.onAbort);
        next.item.resolve({ lease: this.grant(next.item.member, next.owner) });
        continue;
      }
      const [oldestSpare] = this.spares.keys();
      if (oldestSpare !== undefined) {
        this.discardSpare(oldestSpare);
        return; // discardSpare pumped again
      }
      if (this.evicting.size < this.waiters.size) {
        const victim = this.leastRecentlyUsedIdle();
        if (victim) {
          this.evict(victim);
          continue;
        }
      }
      break;
    }
    this.updatePositions();
  }

  /** For owners whose turns wait at their cap: close one of their own idle processes, if they have one. */
  private evictOwnIdle(): void {
    for (const owner of this.waiters.owners()) {
      let evicting = 0;
      for (const lease of this.leases.values()) if (lease.owner === owner && this.evicting.has(lease.member)) evicting++;
      if (evicting >= this.waiters.countOf(owner)) continue;
      const victim = this.leastRecentlyUsedIdle(owner);
      if (victim) this.evict(victim);
    }
  }

  private evict(victim: PoolMember): void {
    this.evicting.add(victim);
    this.logger.debug({ queued: this.waiters.size }, 'evicting idle session');
    victim.evict().then(
      (evicted) => {
        if (evicted) return;
        this.evicting.delete(victim);
        this.pump();
      },
      (error: unknown) => {
        this.logger.warn({ err: errorName(error) }, 'evict failed');
        this.evicting.delete(victim);
      },
    );
  }

  private leastRecentlyUsedIdle(owner?: string): PoolMember | undefined {
    let victim: PoolMember | undefined;
    for (const lease of this.leases.values()) {
      const member = lease.member;
      if ((owner !== undefined && lease.owner !== owner) || this.evicting.has(member) || !member.isIdle()) continue;
      if (!victim || member.lastActiveAt < victim.lastActiveAt) victim = member;
    }
    return victim;
  }

  private updatePositions(): void {
    this.waiters.order().forEach((waiter, index) => {
      if (waiter.position === index + 1) return;
      waiter.position = index + 1;
      try {
        waiter.options.onQueued?.(waiter.position);
      } catch (error) {
        this.logger.warn({ err: errorName(error) }, 'onQueued failed');
      }
    });
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown';
}
