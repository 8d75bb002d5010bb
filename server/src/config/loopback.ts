import { isIP } from 'node:net';

/**
 * 127.0.0.0/8, ::1 (in any spelling, also IPv4-mapped) and `localhost`: addresses no other machine can connect
 * to. Wildcards such as 0.0.0.0 and :: listen on every interface, so they are not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) !== 6) return false;
  if (bare.startsWith('::ffff:') && isIP(bare.slice(7)) === 4) return bare.slice(7).startsWith('127.');
  // The URL parser writes an IPv6 address in its one canonical short form.
  const canonical = new URL(`http://[${bare}]/`).hostname;
  return canonical === '[::1]' || canonical === '[::ffff:7f00:1]';
}
