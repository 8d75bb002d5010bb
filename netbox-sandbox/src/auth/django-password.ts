import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';

/**
 * Checks a password against a Django `pbkdf2_sha256$<iterations>$<salt>$<hash>` string, the form NetBox
 * stores, so users of a loaded NetBox dump sign in with their real passwords.
 */
export function verifyDjangoPassword(password: string, encoded: string): boolean {
  const [algorithm, iterations, salt, hash] = encoded.split('$');
  if (algorithm !== 'pbkdf2_sha256' || !iterations || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = pbkdf2Sync(password, salt, Number(iterations), expected.length, 'sha256');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function hashDjangoPassword(password: string, salt: string, iterations = 1000): string {
  const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('base64');
  return `pbkdf2_sha256$${iterations}$${salt}$${hash}`;
}
