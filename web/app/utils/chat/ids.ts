/** An id the protocol accepts (letters, digits, "-" and "_"), unique enough for a client's own message ids. */
export function newClientId(): string {
  // randomUUID exists only in secure contexts (https, localhost); a LAN server over http gets the fallback.
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
