import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { StoreError } from './store-error.ts';

/**
 * Encrypts NetBox tokens at rest with AES-256-GCM. The key is derived from SESSION_SECRET with HKDF-SHA256
 * (the secret is already high-entropy, at least 32 characters, so a slow KDF would add nothing). Each value is
 * bound to its row through the additional authenticated data, so a ciphertext copied into another user's row
 * does not decrypt there.
 *
 * Stored form: `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url. The key id, a fingerprint from a separate HKDF
 * output, tells a changed SESSION_SECRET apart from an altered value.
 *
 * Neither the token nor the secret ever appears in an error message.
 */
export const MIN_SECRET_LENGTH = 32;

const VERSION = 'v1';
const SALT = 'netbox-chatbox';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface TokenCipher {
  /** `context` names the row the value belongs to (e.g. the credential id); decrypt must be given the same. */
  encrypt(plaintext: string, context: string): string;
  decrypt(stored: string, context: string): string;
}

export function createTokenCipher(secret: string): TokenCipher {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new StoreError('TOKEN_UNREADABLE', `SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters to encrypt stored tokens.`);
  }
  const key = Buffer.from(hkdfSync('sha256', secret, SALT, 'netbox token encryption v1', 32));
  const keyId = Buffer.from(hkdfSync('sha256', secret, SALT, 'netbox token key id v1', 6));
  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, keyId, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    decrypt(stored, context) {
      const parts = stored.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) throw unreadable('it is not in a format this server writes');
      const [, storedKeyId, iv, tag, body] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer, Buffer, Buffer];
      if (storedKeyId.length !== keyId.length || !timingSafeEqual(storedKeyId, keyId)) {
        throw unreadable('it was encrypted with a different SESSION_SECRET; the user must sign in again');
      }
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable('it has been altered');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch (error) {
        throw unreadable('it has been altered or belongs to another record', error);
      }
    },
  };
}

function unreadable(why: string, cause?: unknown): StoreError {
  return new StoreError('TOKEN_UNREADABLE', `A stored NetBox token cannot be decrypted: ${why}.`, cause === undefined ? undefined : { cause });
}
