import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Row } from '../db/dataset.ts';

export interface StoredToken {
  readonly id: number;
  readonly userId: number;
  readonly version: 1 | 2;
  /** v2 only: the public part that finds the token. */
  readonly key: string | null;
  readonly digest: Buffer;
  readonly created: string;
  readonly expires: string | null;
  readonly writeEnabled: boolean;
  readonly description: string;
}

const digestOf = (plaintext: string): Buffer => createHash('sha256').update(plaintext).digest();

/**
 * Tokens the sandbox accepts. Only digests are kept, as NetBox 4.6 keeps v2 tokens; the tokens of a data set
 * (4.2-style `key` columns hold v1 plaintexts) are loaded, and provisioned ones are added at run time.
 */
export class TokenStore {
  private readonly v1 = new Map<string, StoredToken>();
  private readonly v2 = new Map<string, StoredToken>();
  private nextId = 1;

  constructor(rows: readonly Row[] = []) {
    for (const row of rows) {
      const plaintext = String(row.plaintext ?? row.key ?? '');
      if (plaintext.length === 40) {
        this.addV1(plaintext, Number(row.user_id), {
          created: String(row.created ?? ''),
          expires: (row.expires as string | null) ?? null,
          description: String(row.description ?? ''),
          writeEnabled: Boolean(row.write_enabled),
        });
      }
      this.nextId = Math.max(this.nextId, Number(row.id) + 1);
    }
  }

  addV1(plaintext: string, userId: number, meta: Partial<Pick<StoredToken, 'created' | 'expires' | 'description' | 'writeEnabled'>> = {}): StoredToken {
    const token = this.make(1, null, plaintext, userId, meta);
    this.v1.set(plaintext, token);
    return token;
  }

  addV2(key: string, plaintext: string, userId: number, meta: Partial<Pick<StoredToken, 'created' | 'expires' | 'description' | 'writeEnabled'>> = {}): StoredToken {
    const token = this.make(2, key, plaintext, userId, meta);
    this.v2.set(key, token);
    return token;
  }

  /** A fresh v2 token for `userId`, returned with its plaintext once, as provisioning does. */
  provision(userId: number, meta: Partial<Pick<StoredToken, 'created' | 'expires' | 'description' | 'writeEnabled'>>): { token: StoredToken; full: string } {
    const key = randomBytes(6).toString('hex');
    const plaintext = randomBytes(20).toString('hex');
    return { token: this.addV2(key, plaintext, userId, meta), full: `nbt_${key}.${plaintext}` };
  }

  findById(id: number): StoredToken | undefined {
    for (const token of [...this.v1.values(), ...this.v2.values()]) if (token.id === id) return token;
    return undefined;
  }

  /** Deletes a token: it authenticates nothing from then on. */
  remove(token: StoredToken): void {
    if (token.version === 2 && token.key !== null) this.v2.delete(token.key);
    else for (const [plaintext, stored] of this.v1) if (stored === token) this.v1.delete(plaintext);
  }

  findV1(plaintext: string): StoredToken | undefined {
    return this.v1.get(plaintext);
  }

  findV2(key: string, plaintext: string): StoredToken | undefined {
    const token = this.v2.get(key);
    if (!token) return undefined;
    const digest = digestOf(plaintext);
    return timingSafeEqual(digest, token.digest) ? token : undefined;
  }

  private make(
    version: 1 | 2,
    key: string | null,
    plaintext: string,
    userId: number,
    meta: Partial<Pick<StoredToken, 'created' | 'expires' | 'description' | 'writeEnabled'>>,
  ): StoredToken {
    const token: StoredToken = {
      id: this.nextId,
      userId,
      version,
      key,
      digest: digestOf(plaintext),
      created: meta.created ?? new Date().toISOString(),
      expires: meta.expires ?? null,
      writeEnabled: meta.writeEnabled ?? false,
      description: meta.description ?? '',
    };
    this.nextId += 1;
    return token;
  }
}
