import type { Logger } from 'pino';
import type { Store, TakenCredential } from '../store/index.ts';
import type { NetboxAuth } from './netbox-auth.ts';

/**
 * A provisioned token outlives its sign-in by this much (or by the sign-in's own length, if shorter): NetBox
 * refuses to delete a token with itself once it has expired, and the server deletes the tokens of ended
 * sign-ins right after they end. A token that cannot be deleted dies at most this long after its sign-in.
 */
const TOKEN_GRACE_MS = 5 * 60 * 1000;

/** When NetBox should stop accepting a token provisioned for a sign-in that lasts `signInTtlMs` from now. */
export function provisionedTokenExpiry(signInTtlMs: number, now = Date.now()): Date {
  return new Date(now + signInTtlMs + Math.min(TOKEN_GRACE_MS, signInTtlMs));
}

export interface RetirementDeps {
  readonly store: Store;
  readonly netboxAuth: NetboxAuth;
  readonly logger: Logger;
}

/** Why a credential left the store, for the log. */
export type RetirementReason = 'signed out' | 'sign-in ended' | 'token refused by NetBox';

/**
 * Deletes at NetBox the token a taken credential was provisioned with. A token the user gave is theirs and
 * stays. A failure is logged with its reason: the token then lives on in NetBox until its expiry (the end of
 * the sign-in), unless an admin deletes it.
 */
export async function revokeProvisionedToken(deps: RetirementDeps, credential: TakenCredential, reason: RetirementReason): Promise<void> {
  const { provisionedTokenId: netboxTokenId, userId } = credential;
  if (netboxTokenId === null) return;
  if (credential.token === null) {
    deps.logger.warn({ userId, netboxTokenId, reason }, 'a NetBox token provisioned at sign-in could not be deleted: its stored copy cannot be decrypted (SESSION_SECRET changed); it stays valid in NetBox until it expires');
    return;
  }
  const result = await deps.netboxAuth.revoke(credential.token, netboxTokenId);
  if (result.ok) deps.logger.info({ userId, netboxTokenId, reason }, 'NetBox token provisioned at sign-in deleted');
  else deps.logger.warn({ userId, netboxTokenId, reason, why: result.reason }, 'a NetBox token provisioned at sign-in could not be deleted; it stays valid in NetBox until it expires');
}

export interface CredentialReaperOptions {
  /** How often to look for ended sign-ins. Default every minute. */
  readonly everyMs?: number;
}

/** Taken per round; a round goes on until fewer are left. */
const BATCH = 50;
/** A credential saved by a sign-in that never got its session (a crash in between) is taken after this long. */
const ORPHAN_GRACE_MS = 10 * 60 * 1000;

/**
 * Sign-ins end by expiry as well as by sign-out: then nobody is left to delete the stored token, so this does,
 * every `everyMs`. Safe on several server processes: each credential is taken by exactly one.
 */
export function startCredentialReaper(deps: RetirementDeps, options: CredentialReaperOptions = {}): { stop(): void; runNow(): Promise<number> } {
  const credentials = deps.store.credentials;
  if (!credentials) throw new Error('the credential reaper needs SESSION_SECRET for the credentials store');
  let running: Promise<number> | undefined;
  const round = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const ended = await credentials.takeEnded(BATCH, ORPHAN_GRACE_MS);
      for (const credential of ended) await revokeProvisionedToken(deps, credential, 'sign-in ended');
      total += ended.length;
      if (ended.length < BATCH) break;
    }
    if (total > 0) deps.logger.info({ credentials: total }, 'stored NetBox tokens of ended sign-ins removed');
    return total;
  };
  const runNow = (): Promise<number> => {
    running ??= round()
      .catch((error: unknown) => {
        deps.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'removing the tokens of ended sign-ins failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), options.everyMs ?? 60_000);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    runNow,
  };
}
