import type { ErrorCode, Mode } from '@netbox-chatbox/protocol';
import { ERROR_DEFAULTS } from '@netbox-chatbox/protocol';
import type { Logger } from 'pino';
import type { Identity, IdentityResolver } from './identity.ts';
import type { NetboxAuth } from './netbox-auth.ts';

/** How a turn ends when NetBox no longer accepts the token it runs with. */
export interface TokenRefusal {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface NetboxTokenWatchDeps {
  readonly mode: Mode;
  readonly netboxAuth: NetboxAuth;
  readonly identities: IdentityResolver;
  /** Ends what the sign-in had open (its sockets, its warm CLI) once it is over. */
  readonly onSignInEnded: (identity: Identity) => void;
  readonly logger: Logger;
}

/**
 * NetBox answers 403 both for a dead token and for one that may not see what was asked. After a NetBox tool was
 * refused, this asks NetBox whether the token itself still works: if not, the user's NetBox sign-in is over
 * (NETBOX_SIGN_IN_EXPIRED: sign in again), or, without sign-in, the server's own token is (NETBOX_AUTH: the
 * administrator must replace it). A refusal for lack of permission stays an ordinary tool error.
 */
export class NetboxTokenWatch {
  private readonly deps: NetboxTokenWatchDeps;

  constructor(deps: NetboxTokenWatchDeps) {
    this.deps = deps;
  }

  /** The error to end the turn with, or undefined when the token still works (or NetBox cannot say). */
  async check(identity: Identity): Promise<TokenRefusal | undefined> {
    if ((await this.deps.netboxAuth.tokenWorks(identity.netbox.token)) !== false) return undefined;
    if (this.deps.mode === 'multi-user') return { code: 'NETBOX_SIGN_IN_EXPIRED', message: ERROR_DEFAULTS.NETBOX_SIGN_IN_EXPIRED.message };
    return {
      code: 'NETBOX_AUTH',
      message:
        this.deps.mode === 'demo'
          ? 'The built-in demo NetBox no longer accepts the server’s token. Restart the server.'
          : 'NetBox no longer accepts the server’s NetBox token (NETBOX_TOKEN), so nothing can be looked up. Ask the administrator to set a valid token and restart the server.',
    };
  }

  /** After the turn has been told: ends the sign-in that holds the dead token (none without sign-in). */
  async endSignIn(identity: Identity): Promise<void> {
    if (this.deps.mode !== 'multi-user') return;
    const ended = await this.deps.identities.endSignIn(identity);
    this.deps.onSignInEnded(identity);
    // Its token is dead: nothing to delete in NetBox (a DELETE with it would be refused as well).
    if (ended) this.deps.logger.info({ userId: identity.userId }, 'NetBox no longer accepts the token of this sign-in: signed out');
  }
}
