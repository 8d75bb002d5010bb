import { describe, expect, it } from 'vitest';
import { createTokenCipher, isStoreError } from '../../src/store/index.ts';

const SECRET = 'a-session-secret-of-at-least-32-characters!';
const V1_TOKEN = '0123456789abcdef0123456789abcdef01234567';
const V2_TOKEN = 'nbt_abcDEF123456.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';

function expectUnreadable(action: () => unknown, why: RegExp): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(isStoreError(thrown, 'TOKEN_UNREADABLE')).toBe(true);
  const message = (thrown as Error).message;
  expect(message).toMatch(why);
  // Nothing secret in the message: neither the token nor the secret.
  expect(message).not.toContain(V1_TOKEN);
  expect(message).not.toContain(SECRET);
}

describe('token cipher', () => {
  const cipher = createTokenCipher(SECRET);

  it('round-trips v1 and v2 tokens and never stores them in the clear', () => {
    for (const token of [V1_TOKEN, V2_TOKEN, 'ünïcode-tökén ✓']) {
      const stored = cipher.encrypt(token, 'row-1');
      expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(stored).not.toContain(token);
      expect(cipher.decrypt(stored, 'row-1')).toBe(token);
    }
  });

  it('uses a fresh IV each time: the same token encrypts differently', () => {
    expect(cipher.encrypt(V1_TOKEN, 'row-1')).not.toBe(cipher.encrypt(V1_TOKEN, 'row-1'));
  });

  it('a second cipher from the same secret (a restart, another replica) reads it', () => {
    const stored = cipher.encrypt(V2_TOKEN, 'row-1');
    expect(createTokenCipher(SECRET).decrypt(stored, 'row-1')).toBe(V2_TOKEN);
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const stored = cipher.encrypt(V1_TOKEN, 'row-1');
    const parts = stored.split('.');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      const altered = parts.map((part, i) => (i === index ? bytes.toString('base64url') : part)).join('.');
      expectUnreadable(() => cipher.decrypt(altered, 'row-1'), /altered/);
    }
    expectUnreadable(() => cipher.decrypt(`${stored}x`, 'row-1'), /altered/);
    expectUnreadable(() => cipher.decrypt('not a stored token', 'row-1'), /format/);
    expectUnreadable(() => cipher.decrypt(stored.replace(/^v1/, 'v9'), 'row-1'), /format/);
  });

  it('refuses a value moved to another row', () => {
    const stored = cipher.encrypt(V1_TOKEN, 'row-1');
    expectUnreadable(() => cipher.decrypt(stored, 'row-2'), /another record/);
  });

  it('says so when SESSION_SECRET changed', () => {
    const stored = cipher.encrypt(V1_TOKEN, 'row-1');
    const other = createTokenCipher('another-secret-of-at-least-32-characters!!');
    expectUnreadable(() => other.decrypt(stored, 'row-1'), /different SESSION_SECRET/);
  });

  it('refuses a short secret', () => {
    expect(() => createTokenCipher('short')).toThrow(/at least 32 characters/);
  });
});
