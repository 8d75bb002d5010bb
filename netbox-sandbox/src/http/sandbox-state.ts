import type { Database } from '../db/database.ts';
import type { FaultInjector } from '../faults/faults.ts';
import type { ApiContext } from '../models/model-def.ts';
import type { Registry } from '../models/registry.ts';
import type { TokenStore } from '../auth/token-store.ts';
import { createApiContext } from '../serialize/api-context.ts';

/** Everything a running sandbox holds; the routes read it, tests and the CLI steer it. */
export interface SandboxState {
  readonly db: Database;
  readonly registry: Registry;
  readonly tokens: TokenStore;
  readonly faults: FaultInjector;
  /** The NetBox version the sandbox claims to be. */
  readonly version: string;
  /** Serializer context for one origin; NetBox builds its URLs from the request's Host. */
  contextFor(baseUrl: string): ApiContext;
}

export function createSandboxState(parts: Omit<SandboxState, 'contextFor'>): SandboxState {
  const contexts = new Map<string, ApiContext>();
  return {
    ...parts,
    contextFor(baseUrl) {
      let ctx = contexts.get(baseUrl);
      if (!ctx) {
        ctx = createApiContext(parts.db, parts.registry, baseUrl);
        // A few origins at most (127.0.0.1 vs localhost); keep the cache from growing on forged Host headers.
        if (contexts.size < 16) contexts.set(baseUrl, ctx);
      }
      return ctx;
    },
  };
}
