import { NETBOX_SERVER, type ToolResultEvent } from '../agent/index.ts';
import type { Identity } from '../auth/identity.ts';
import type { NetboxTokenWatch, TokenRefusal } from '../auth/netbox-token-watch.ts';

/**
 * The chat's side of a NetBox token that stops working mid-turn: who asked each turn, and whether NetBox stopped
 * accepting their token during it. A turn whose token is dead is stopped and ends with that error instead of
 * the model explaining a failure it cannot fix; then the sign-in behind it is ended.
 */
export class TokenRefusals {
  private readonly askedBy = new WeakMap<object, Identity>();
  private readonly refused = new WeakMap<object, TokenRefusal>();
  private readonly watch: NetboxTokenWatch | undefined;

  constructor(watch: NetboxTokenWatch | undefined) {
    this.watch = watch;
  }

  track(turn: object, identity: Identity): void {
    this.askedBy.set(turn, identity);
  }

  /** After a tool result: true when one of our NetBox tools was refused because the token is dead. */
  async tokenDied(turn: object, event: ToolResultEvent): Promise<boolean> {
    const identity = this.askedBy.get(turn);
    if (!this.watch || !identity || this.refused.has(turn)) return false;
    if (event.errorCode !== 'NETBOX_AUTH' || !event.name.startsWith(`mcp__${NETBOX_SERVER}__`)) return false;
    const refusal = await this.watch.check(identity);
    if (refusal) this.refused.set(turn, refusal);
    return refusal !== undefined;
  }

  /** The error the turn ends with, when its token died. */
  refusalOf(turn: object): TokenRefusal | undefined {
    return this.refused.get(turn);
  }

  /** Once the turn's end is recorded: ends the sign-in whose token died. */
  async turnEnded(turn: object): Promise<void> {
    const identity = this.askedBy.get(turn);
    if (this.refused.has(turn) && identity) await this.watch?.endSignIn(identity);
  }
}
