/**
 * Name lookups repeat within a conversation ("devices in site X", then "VLANs at site X"): keep answers for a
 * short while, per MCP server (so per user token, never shared across users).
 */
export class ResolveCache {
  readonly #entries = new Map<string, { expires: number; value: Promise<unknown> }>();
  readonly #ttlMs: number;

  constructor(ttlMs = 60_000) {
    this.#ttlMs = ttlMs;
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    const value = load();
    this.#entries.set(key, { expires: now + this.#ttlMs, value });
    value.catch(() => this.#entries.delete(key));
    if (this.#entries.size > 500) this.#evictExpired(now);
    return value;
  }

  #evictExpired(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
  }
}
